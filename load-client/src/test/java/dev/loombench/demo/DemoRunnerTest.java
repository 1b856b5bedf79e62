package dev.loombench.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loombench.report.Json;
import dev.loombench.run.ModelRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every demo scenario end to end at {@link Scale#SMOKE} (child servers, a few clients, a second per
 * run): each writes its chart(s) and JSON, the README has a section per scenario, and the effects
 * that do not depend on the machine's speed show even at this size.
 */
class DemoRunnerTest {

    @TempDir
    Path out;

    @Test
    @Timeout(300)
    void everyScenarioRunsAtSmokeScaleAndWritesItsChartJsonAndSection() throws Exception {
        StringWriter log = new StringWriter();
        PrintWriter writer = new PrintWriter(log, true);
        ModelRunner runner = new ModelRunner(out, Map.of("test", true), Duration.ofSeconds(30), writer, ModelRunner.Notes.QUIET);
        List<Scenario> scenarios = DemoRunner.all();
        DemoRunner.Outcome outcome = new DemoRunner(scenarios, new DemoContext(runner, out, Scale.SMOKE, writer, 2, 0), writer)
                .run("bench demo (test)", Map.of("nproc", "2"));

        assertTrue(outcome.allRan(), log::toString);
        String readme = Files.readString(out.resolve(DemoRunner.README));
        for (Scenario s : scenarios) {
            JsonNode json = Json.PRETTY.readTree(out.resolve(s.id() + ".json").toFile());
            assertEquals(s.id(), json.get("id").asText());
            for (JsonNode chart : json.get("charts")) {
                assertTrue(Files.size(out.resolve(chart.asText())) > 10_000, chart.asText());
                assertTrue(readme.contains("](" + chart.asText() + ")"), "chart in the README: " + chart.asText());
            }
            assertTrue(readme.contains(". " + s.title()), "section " + s.title());
            assertTrue(log.toString().contains(s.title() + ": done in"), "progress line for " + s.title());
        }
        assertTrue(readme.contains("$ nproc\n2\n"), readme);
        assertTrue(readme.contains("| run | repetitions | req/s | p99 | served | noise |"), "a table of runs with spread: " + readme);
        assertTrue(readme.contains("Every run was made 2 times"), readme);
        JsonNode run = Json.PRETTY.readTree(out.resolve("5-head-of-line.json").toFile()).at("/runs/0/figures");
        assertEquals(2, run.get("repetitions").size(), "each quoted run twice");
        assertEquals(2, run.at("/spread/requestsPerSecond/n").asInt());
        dev.loombench.report.HtmlChecks.assertShowsEverything(out);

        JsonNode starvation = Json.PRETTY.readTree(out.resolve("1-pool-starvation.json").toFile());
        assertEquals(4, starvation.at("/data/echo/firstReply/served").asInt(), "a pool of 4 serves 4 long-lived clients");
        assertEquals(0, starvation.at("/data/rfc868/firstReply/never").asInt(), "and every rfc868 client");
        JsonNode memory = Json.PRETTY.readTree(out.resolve("3-memory-per-connection.json").toFile());
        assertEquals(1.0, memory.at("/data/perConnection/thread/threads").asDouble(), 0.05, "a thread per connection");
        assertEquals(0.0, memory.at("/data/perConnection/virtual/threads").asDouble(), 0.05);
        JsonNode backlog = Json.PRETTY.readTree(out.resolve("4-listen-backlog.json").toFile());
        assertEquals(1, backlog.at("/data/singleEchoLongLived/firstReply/served").asInt(), "single serves one long-lived client");
        JsonNode cpu = Json.PRETTY.readTree(out.resolve("6-cpu-bound.json").toFile());
        assertEquals(7, cpu.at("/data/measured").size(), "every model of the CPU-bound scenario ran");
        cpu.at("/data/measured").forEach(m -> assertEquals(0, m.get("errors").asLong(), m.toString()));
        JsonNode poller = Json.PRETTY.readTree(out.resolve("7-poller-modes.json").toFile());
        assertTrue(poller.at("/data/acceptedModes").size() >= 1, "this JDK accepts a poller mode: " + poller.at("/data/acceptedModes"));
        assertEquals(poller.at("/data/acceptedModes").size() + 2, poller.at("/data/measured").size(), "each mode, thread and netty");
        JsonNode udp = Json.PRETTY.readTree(out.resolve("8-udp-loss.json").toFile());
        for (String model : java.util.Arrays.stream(dev.loombench.server.ServerKind.values())
                .filter(dev.loombench.server.ServerKind::servesUdp).map(dev.loombench.server.ServerKind::cliName).toList()) {
            JsonNode steps = udp.at("/data/" + model + "/steps");
            assertEquals(2, steps.size(), model + ": one step per offered rate");
            for (JsonNode step : steps) assertTrue(step.get("sentPerSecond").asDouble() > 0, model + ": " + step);
        }
        assertTrue(udp.at("/data/receiveBufferBytes").asInt() > 0, "the granted SO_RCVBUF, from the ready line");
        udp.get("runs").forEach(r -> assertTrue(r.get("command").asText().contains("--transport udp"), r.toString()));
    }
}
