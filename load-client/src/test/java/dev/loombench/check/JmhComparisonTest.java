package dev.loombench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.check.JmhComparison.Row;
import dev.loombench.check.JmhComparison.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhComparisonTest {

    @TempDir
    Path dir;

    @Test
    void flagsAThroughputDropBeyondToleranceAndErrorBars() throws IOException {
        Path before = jmh("before.json", entry("RoundTrip.echo", "thrpt", "{\"impl\":\"nio\"}", 1000, 20, "ops/s"));
        Path after = jmh("after.json", entry("RoundTrip.echo", "thrpt", "{\"impl\":\"nio\"}", 600, 20, "ops/s"));

        Row row = JmhComparison.compare(before, after, 0.10).get(0);

        assertEquals(Verdict.REGRESSED, row.verdict());
        assertEquals(-0.40, row.change(), 1e-9);
        assertTrue(row.key().contains("impl=nio"), row.key());
    }

    @Test
    void treatsADifferenceInsideTheErrorBarsAsNoise() throws IOException {
        Path before = jmh("before.json", entry("RoundTrip.echo", "thrpt", "{}", 1000, 300, "ops/s"));
        Path after = jmh("after.json", entry("RoundTrip.echo", "thrpt", "{}", 700, 300, "ops/s"));

        assertEquals(Verdict.PASS, JmhComparison.compare(before, after, 0.10).get(0).verdict());
    }

    @Test
    void higherTimeIsWorseForTimeModes() throws IOException {
        Path before = jmh("before.json", entry("Threads.start", "avgt", "{\"kind\":\"virtual\"}", 10, 0.5, "us/op"),
                entry("Threads.start", "avgt", "{\"kind\":\"platform\"}", 50, 1, "us/op"));
        Path after = jmh("after.json", entry("Threads.start", "avgt", "{\"kind\":\"virtual\"}", 20, 0.5, "us/op"),
                entry("Threads.start", "avgt", "{\"kind\":\"platform\"}", 30, 1, "us/op"));

        Map<String, Verdict> verdicts = JmhComparison.compare(before, after, 0.10).stream()
                .collect(Collectors.toMap(r -> r.key().contains("virtual") ? "virtual" : "platform", Row::verdict));

        assertEquals(Verdict.REGRESSED, verdicts.get("virtual"));
        assertEquals(Verdict.IMPROVED, verdicts.get("platform"));
    }

    @Test
    void reportsBenchmarksThatAppearOrDisappear() throws IOException {
        Path before = jmh("before.json", entry("A.gone", "thrpt", "{}", 1, 0, "ops/s"));
        Path after = jmh("after.json", entry("A.added", "thrpt", "{}", 1, 0, "ops/s"));

        List<Verdict> verdicts = JmhComparison.compare(before, after, 0.10).stream().map(Row::verdict).toList();

        assertEquals(List.of(Verdict.MISSING, Verdict.NEW), verdicts);
    }

    @Test
    void rejectsAFileThatIsNotJmhJson() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"not\":\"jmh\"}");
        Path good = jmh("good.json", entry("A.b", "thrpt", "{}", 1, 0, "ops/s"));

        IOException e = assertThrows(IOException.class, () -> JmhComparison.compare(bad, good, 0.1));
        assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
    }

    private Path jmh(String name, String... entries) throws IOException {
        return Files.writeString(dir.resolve(name), "[" + String.join(",", entries) + "]");
    }

    private static String entry(String benchmark, String mode, String params, double score, double error, String unit) {
        Function<Double, String> num = Object::toString;
        return "{\"benchmark\":\"dev.loombench.jmh." + benchmark + "\",\"mode\":\"" + mode + "\",\"params\":" + params
                + ",\"primaryMetric\":{\"score\":" + num.apply(score) + ",\"scoreError\":" + num.apply(error)
                + ",\"scoreUnit\":\"" + unit + "\"}}";
    }
}
