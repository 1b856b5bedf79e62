package dev.loombench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.check.Baseline;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate's refusals: every one is exit code 2 ("could not run") with a message saying why. */
class CheckCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int check(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "check";
        System.arraycopy(args, 0, all, 1, args.length);
        return BenchCli.start(new PrintWriter(out, true), new PrintWriter(err, true), all);
    }

    @Test
    void aMissingBaselineSaysHowToMakeOne() {
        int code = check("--baseline", dir.resolve("none.json").toString());

        assertEquals(2, code);
        assertTrue(err.toString().contains("./bench check --update"), err.toString());
    }

    @Test
    void aBaselineMadeWithOtherSettingsIsNotCompared() throws Exception {
        Path file = dir.resolve("baseline.json");
        new Baseline(Baseline.VERSION, "2026-01-01T00:00:00Z", "bench check --update", Map.of(),
                new Baseline.Settings(4, "1s", "2s", 3), Map.of()).write(file);

        int code = check("--baseline", file.toString(), "--clients", "8", "--results", dir.toString());

        assertEquals(2, code);
        assertTrue(err.toString().contains("same settings"), err.toString());
    }

    @Test
    void aCorruptBaselineIsAClearError() throws Exception {
        Path file = Files.writeString(dir.resolve("baseline.json"), "{ not json");

        int code = check("--baseline", file.toString());

        assertEquals(2, code);
        assertTrue(err.toString().contains("not a usable baseline"), err.toString());
    }

    @Test
    void toleranceMustBePositive() {
        assertEquals(2, check("--tolerance", "0"));
        assertTrue(err.toString().contains("above 0"), err.toString());
    }
}
