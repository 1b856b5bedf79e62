package dev.loombench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.client.ErrorClass;
import dev.loombench.client.Interval;
import dev.loombench.client.RunResult;
import dev.loombench.report.RepeatSet;
import dev.loombench.report.ResultWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void comparesTwoRunsIntoTheGivenDirectory() throws IOException {
        Path a = ResultWriter.write(run("thread"), tmp);
        Path b = ResultWriter.write(run("nio"), tmp);
        Path cmp = tmp.resolve("cmp");

        int code = bench("compare", a.toString(), b.toString(), "--out", cmp.toString());

        assertEquals(0, code, err.toString());
        for (String file : List.of("comparison.json", "latency.png", "throughput.png", "errors.png")) {
            assertTrue(Files.isRegularFile(cmp.resolve(file)), file);
        }
        String text = out.toString();
        assertTrue(text.contains("thread c2 echo") && text.contains("nio c2 echo"), text);
        assertTrue(text.contains("comparison written to " + cmp), text);
    }

    @Test
    void refusesADirectoryWithoutSummaryWithExitCode2() throws IOException {
        Path a = ResultWriter.write(run("thread"), tmp);
        Path empty = Files.createDirectory(tmp.resolve("not-a-run"));
        Path missing = tmp.resolve("missing");

        assertEquals(2, bench("compare", a.toString(), empty.toString(), "--out", tmp.resolve("x").toString()));
        assertTrue(err.toString().contains(empty + " is not a result directory: it has no summary.json"), err.toString());
        assertEquals(2, bench("compare", missing.toString()));
        assertTrue(err.toString().contains(missing + " is not a result directory: no such directory"), err.toString());
        assertTrue(Files.notExists(tmp.resolve("x")), "nothing written");
    }

    @Test
    void refusesAnUnreadableSummaryWithExitCode2() throws IOException {
        Path bad = Files.createDirectory(tmp.resolve("bad"));
        Files.writeString(bad.resolve("summary.json"), "{ not json");
        assertEquals(2, bench("compare", bad.toString()));
        assertTrue(err.toString().contains("cannot read " + bad.resolve("summary.json")), err.toString());
    }

    @Test
    void comparesTwoRepetitionSetsAsGroupsAndCannotTellIdenticalOnesApart() throws IOException {
        Path before = set("before");
        Path after = set("after");
        Path cmp = tmp.resolve("cmp");
        int code = bench("compare", before.toString(), after.toString(), "--out", cmp.toString());
        assertEquals(0, code, err.toString());
        String text = out.toString();
        assertTrue(text.contains("nio c2 echo #2"), text);
        assertTrue(text.contains("nio c2 echo and nio c2 echo #2: no clear difference in req/s"), text);
        assertTrue(Files.isRegularFile(cmp.resolve("index.html")), "the page");
    }

    /** A --repeat set of two identical nio runs. */
    private Path set(String name) throws IOException {
        Path set = tmp.resolve(name);
        List<RepeatSet.Repetition> reps = new java.util.ArrayList<>();
        for (int round = 1; round <= 2; round++) {
            Path dir = ResultWriter.write(run("nio"), set.resolve("runs"));
            reps.add(new RepeatSet.Repetition(round, set.relativize(dir).toString(), false, "quiet", List.of(), null));
        }
        new RepeatSet(RepeatSet.SCHEMA, "2025-01-01T00:00:00Z", "bench run --impl nio --repeat 2", 2, 0, "quiet", "-",
                List.of(new RepeatSet.Group("nio c2 echo", "nio", "echo", 2, reps, null))).write(set);
        return set;
    }

    @Test
    void needsAtLeastOneDirectory() {
        assertEquals(2, bench("compare"));
    }

    private int bench(String... args) {
        return BenchCli.start(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    /** A two-client, one-interval run: enough for the command; the report tests check the figures. */
    private static RunResult run(String impl) {
        Histogram h = new Histogram(3);
        h.recordValue(250_000);
        Interval in = new Interval(0, 1, 1, 64, h, h, new Histogram(3), new Histogram(3), Map.of(), 2, null, -1, 100_000_000, 1_000_000);
        return new RunResult(impl, "echo", 2, Map.of("impl", impl), Map.of(), Instant.parse("2025-01-01T00:00:00Z"),
                1, List.of(in), h, h, new Histogram(3), Map.of(ErrorClass.RESET, 0L), new long[] {1, 0}, null, null);
    }
}
