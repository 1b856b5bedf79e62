package dev.loombench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loombench.server.ServerKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench faults}, in-process: a small subset of the suite against every model passes, and the results are written. */
class FaultsCommandTest {

    @Test
    @Timeout(90)
    void garbageAndResetPassOnEveryModel(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int code = BenchCli.start(new PrintWriter(out), new PrintWriter(err),
                "faults", "--quick", "--protocol", "time", "--fault", "garbage,reset", "--out", dir.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, code, () -> "exit code; stdout:\n" + out + "\nstderr:\n" + err);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("faults.json").toFile());
        int runs = 2 * ServerKind.values().length;
        assertEquals(runs, json.path("results").size(), "2 faults x every model");
        json.path("results").forEach(r -> assertEquals("PASS", r.path("status").asText(), r::toString));
        json.path("servers").forEach(s -> assertTrue(s.path("cleanStop").asBoolean(), s::toString));
        String readme = Files.readString(dir.resolve("README.md"));
        assertTrue(readme.contains("| garbage | pass"), readme);
        assertTrue(readme.contains("nproc"), "machine facts");
        assertTrue(out.toString().contains(runs + " passed, 0 failed"), out::toString);
        assertTrue(seconds < 60, "took " + seconds + " s");
    }

    @Test
    void anUnknownFaultIsBadUsage() {
        StringWriter err = new StringWriter();
        assertEquals(2, BenchCli.start(new PrintWriter(new StringWriter()), new PrintWriter(err), "faults", "--fault", "meteor"));
        assertTrue(err.toString().contains("unknown fault 'meteor'"), err::toString);
    }
}
