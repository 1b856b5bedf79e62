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

/**
 * {@code bench faults}, in-process: a small subset of the suite against every model passes, and the results are written.
 * The {@code @Timeout} only bounds a hang; how long the suite takes is not asserted (a loaded machine is slower).
 */
class FaultsCommandTest {

    @Test
    @Timeout(90)
    void garbageAndResetPassOnEveryModel(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BenchCli.start(new PrintWriter(out), new PrintWriter(err),
                "faults", "--quick", "--protocol", "time", "--fault", "garbage,reset", "--out", dir.toString());
        assertEquals(0, code, () -> "exit code; stdout:\n" + out + "\nstderr:\n" + err);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("faults.json").toFile());
        int runs = 2 * ServerKind.values().length;
        assertEquals(runs, json.path("results").size(), "2 faults x every model");
        json.path("results").forEach(r -> assertEquals("PASS", r.path("status").asText(), r::toString));
        // the quick form: the smaller client counts of each fault, and it says so
        assertTrue(json.path("quick").asBoolean());
        json.path("results").forEach(r -> assertTrue(r.path("summary").asText().startsWith(
                r.path("fault").asText().equals("garbage") ? "8 clients, " : "16 resets, "), r::toString));
        json.path("servers").forEach(s -> assertTrue(s.path("cleanStop").asBoolean(), s::toString));
        String readme = Files.readString(dir.resolve("README.md"));
        assertTrue(readme.contains("| garbage | pass"), readme);
        assertTrue(readme.contains("(quick form)"), readme);
        assertTrue(readme.contains("nproc"), "machine facts");
        assertTrue(out.toString().contains(runs + " passed, 0 failed"), out::toString);
    }

    /** Over UDP: bad datagrams and a flood pass on every model, echo and rfc868, and the rows say udp. */
    @Test
    @Timeout(180)
    void garbageDatagramsAndAFloodPassOnEveryModelOverUdp(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BenchCli.start(new PrintWriter(out), new PrintWriter(err), "faults", "--quick", "--transport", "udp",
                "--fault", "garbage-datagram,datagram-flood", "--out", dir.toString());
        assertEquals(0, code, () -> "exit code; stdout:\n" + out + "\nstderr:\n" + err);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("faults.json").toFile());
        int models = dev.loombench.server.ServerKind.values().length;
        assertEquals(2 * models * 2, json.path("results").size(), "2 faults x every model x echo and rfc868 (time has no UDP form)");
        json.path("results").forEach(r -> {
            boolean udpForm = dev.loombench.server.ServerKind.fromCliName(r.path("model").asText()).servesUdp();
            assertEquals(udpForm ? "PASS" : "NA", r.path("status").asText(), r::toString); // async: no UDP form
            assertTrue(r.path("protocol").asText().startsWith("udp-"), r::toString);
        });
        json.path("servers").forEach(s -> assertTrue(s.path("counters").path("datagramsIn").asLong() > 0, s::toString));
    }

    @Test
    void anUnknownFaultIsBadUsage() {
        StringWriter err = new StringWriter();
        assertEquals(2, BenchCli.start(new PrintWriter(new StringWriter()), new PrintWriter(err), "faults", "--fault", "meteor"));
        assertTrue(err.toString().contains("unknown fault 'meteor'"), err::toString);
    }
}
