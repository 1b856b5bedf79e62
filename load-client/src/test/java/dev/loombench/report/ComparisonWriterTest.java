package dev.loombench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loombench.client.ErrorClass;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonWriterTest {

    @TempDir
    Path runs;

    @Test
    void writesJsonAndThreeChartsForSeveralRuns() throws IOException {
        List<Path> dirs = threeRuns();
        Path out = ComparisonWriter.write(dirs, runs.resolve("cmp"));
        assertEquals(runs.resolve("cmp"), out);

        JsonNode json = Json.PRETTY.readTree(out.resolve("comparison.json").toFile());
        assertEquals(ComparisonWriter.SCHEMA, json.get("schema").asText());
        assertEquals(3, json.get("runs").size());
        JsonNode pool = json.get("runs").get(0);
        assertEquals("pool c4 echo", pool.get("label").asText());
        assertEquals(dirs.get(0).toString(), pool.get("dir").asText());
        assertEquals(1000.0, pool.get("requestsPerSecond").asDouble(), 1e-9);
        assertEquals(1090, pool.at("/latency/p99Us").asDouble(), 2);
        assertEquals(7, pool.at("/errors/byClass/read-timeout").asLong());
        assertEquals(0.5, pool.at("/fairness/jainIndex").asDouble(), 1e-12);
        assertEquals("pool c4 echo #2", json.get("runs").get(2).get("label").asText(), "repeated runs get unique labels");
        assertEquals(3, json.get("groups").size(), "each run given alone is a group of one");
        assertEquals("UNKNOWN", json.at("/groups/1/versusFirst/requestsPerSecond/verdict").asText(), "one run: not judged");
        HtmlChecks.assertShowsEverything(out);

        for (String name : List.of("latency.png", "throughput.png", "errors.png")) {
            BufferedImage image = ImageIO.read(out.resolve(name).toFile());
            assertNotNull(image, name);
            assertEquals(Charts.WIDTH, image.getWidth(), name);
            assertEquals(Charts.HEIGHT, image.getHeight(), name);
        }
    }

    @Test
    void tablePutsRunsSideBySide() throws IOException {
        String table = ComparisonWriter.table(threeRuns());
        String[] lines = table.split("\n");
        assertEquals(7, lines.length, table); // header, rule, three rows, two notes
        assertTrue(lines[5].contains("microseconds per verified request"), table);
        for (String column : List.of("group", "runs", "req/s", "p50", "p99", "p99.9", "errors", "served", "RSS",
                "server CPU", "client CPU", "req/s vs 1st")) {
            assertTrue(lines[0].contains(column), column);
        }
        assertTrue(lines[2].startsWith("pool c4 echo "), table);
        assertTrue(lines[2].contains("1,000") && lines[2].contains("1.09 ms") && lines[2].contains("2/4"), table);
        assertTrue(lines[3].startsWith("virtual c4 echo "), table);
        assertTrue(lines[3].contains("4/4") && lines[3].contains("114 MB") && lines[3].contains("500.00 us"), table);
        assertTrue(lines[3].contains("+0.0% ?"), "one run each: the change is shown, not judged: " + table);
        assertTrue(lines[4].startsWith("pool c4 echo #2"), table);
    }

    /** A UDP run is labelled udp, has its loss in the table and its datagram figures in comparison.json. */
    @Test
    void udpRunsShowTheirLoss() throws IOException {
        List<Path> dirs = List.of(ResultWriter.write(TestRuns.run().impl("nio").udp().build(), runs),
                ResultWriter.write(TestRuns.run().impl("nio").build(), runs));
        String table = ComparisonWriter.table(dirs);
        String[] lines = table.split("\n"); // header, rule, two rows, notes
        assertTrue(lines[0].strip().endsWith("loss"), table);
        assertTrue(lines[2].startsWith("nio c4 udp-echo ") && lines[2].strip().endsWith("0.99 %"), table);
        assertTrue(lines[3].startsWith("nio c4 echo ") && lines[3].strip().endsWith("-"), table);
        assertTrue(table.contains("loss: lost / (received + lost + corrupted) datagrams"), table);
        JsonNode json = Json.PRETTY.readTree(ComparisonWriter.write(dirs, runs.resolve("cmp")).resolve("comparison.json").toFile());
        assertEquals("udp", json.at("/runs/0/transport").asText());
        assertEquals(50, json.at("/runs/0/datagrams/lost").asLong());
        assertEquals(50, json.at("/runs/0/errors/byClass/lost").asLong());
        assertTrue(json.at("/runs/1/datagrams").isNull(), json.toString());
    }

    @Test
    void sumsTheLatencyIntervalsOfEachLog() throws IOException {
        List<ComparisonWriter.Run> loaded = ComparisonWriter.load(threeRuns()).stream().flatMap(g -> g.runs().stream()).toList();
        assertEquals(5 * TestRuns.REQUESTS_PER_INTERVAL, loaded.get(0).latency().getTotalCount());
        assertEquals(Charts.colorFor("pool"), loaded.get(0).color());
        assertEquals(Charts.colorFor("virtual"), loaded.get(1).color());
        assertTrue(!Charts.colorFor("pool").equals(loaded.get(2).color()), "a repeated model gets a variant colour");
    }

    @Test
    void aRepetitionSetIsComparedAsGroupsWithSpreadAndSaysWhenItCannotTellThemApart() throws IOException {
        Path set = runs.resolve("set");
        Path setRuns = set.resolve("runs");
        // requests/s = 1000 / interval length: pool 980, 1000, 1020; virtual 1235, 1250, 1266 (clearly faster);
        // nio 990, 1000, 1010 (inside pool's range: no clear difference)
        Map<String, double[]> seconds = new java.util.LinkedHashMap<>();
        seconds.put("pool", new double[] {1.0, 0.98, 1.02});
        seconds.put("virtual", new double[] {0.8, 0.79, 0.81});
        seconds.put("nio", new double[] {1.01, 0.99, 1.0});
        List<RepeatSet.Group> groups = new java.util.ArrayList<>();
        for (var e : seconds.entrySet()) {
            List<RepeatSet.Repetition> reps = new java.util.ArrayList<>();
            for (int round = 1; round <= 3; round++) {
                Path dir = ResultWriter.write(TestRuns.run().impl(e.getKey()).intervalSeconds(e.getValue()[round - 1]).build(), setRuns);
                reps.add(new RepeatSet.Repetition(round, set.relativize(dir).toString(), false, "quiet", List.of(), null));
            }
            groups.add(new RepeatSet.Group(e.getKey() + " c4 echo", e.getKey(), "echo", 4, reps, null));
        }
        new RepeatSet(RepeatSet.SCHEMA, "2025-03-04T05:06:07Z", "bench run --impl pool,virtual,nio --repeat 3", 3, 0,
                "load average 0.10", "client 0, server 1", groups).write(set);

        ComparisonWriter.write(List.of(set), set);

        JsonNode json = Json.PRETTY.readTree(set.resolve("comparison.json").toFile());
        JsonNode pool = json.at("/groups/0/figures/requestsPerSecond");
        assertEquals(3, pool.get("n").asInt());
        assertEquals(1000, pool.get("median").asDouble(), 1e-6);
        assertEquals(1000 / 1.02, pool.get("min").asDouble(), 1e-3);
        assertEquals(1000 / 0.98, pool.get("max").asDouble(), 1e-3);
        assertEquals(75.0, pool.get("confidencePct").asDouble());
        assertEquals("CLEAR", json.at("/groups/1/versusFirst/requestsPerSecond/verdict").asText());
        assertEquals(25.0, json.at("/groups/1/versusFirst/requestsPerSecond/changePct").asDouble(), 0.01);
        assertEquals("NO_CLEAR_DIFFERENCE", json.at("/groups/2/versusFirst/requestsPerSecond/verdict").asText());
        assertEquals(9, json.get("runs").size());

        String table = ComparisonWriter.table(List.of(set));
        assertTrue(table.contains("1,000 (980-1,020)"), table);
        assertTrue(table.contains("+25.0%"), table);
        assertTrue(table.contains("pool c4 echo and nio c4 echo: no clear difference in req/s"), table);
        assertTrue(!table.contains("pool c4 echo and virtual c4 echo"), table);

        org.jsoup.nodes.Document page = HtmlChecks.assertShowsEverything(set);
        assertTrue(page.title().startsWith("Repetitions: bench run"), page.title());
        assertTrue(HtmlChecks.cells(page).stream().anyMatch(r -> r.contains("1,000 (980-1,020)")), "spread in the HTML table");
    }

    private List<Path> threeRuns() throws IOException {
        return List.of(
                ResultWriter.write(TestRuns.run().impl("pool").requestsPerClient(2500, 2500, 0, 0)
                        .errors(Map.of(ErrorClass.READ_TIMEOUT, 7L)).build(), runs),
                ResultWriter.write(TestRuns.run().impl("virtual").build(), runs),
                ResultWriter.write(TestRuns.run().impl("pool").build(), runs));
    }
}
