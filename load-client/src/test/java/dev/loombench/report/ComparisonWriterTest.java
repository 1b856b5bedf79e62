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
        assertEquals(5, lines.length, table);
        assertTrue(lines[4].contains("microseconds per verified request"), table);
        for (String column : List.of("run", "req/s", "p50", "p99", "p99.9", "max", "errors", "served", "threads", "RSS",
                "server CPU", "client CPU")) {
            assertTrue(lines[0].contains(column), column);
        }
        assertTrue(lines[1].startsWith("pool c4 echo "), table);
        assertTrue(lines[1].contains("1,000") && lines[1].contains("1.09 ms") && lines[1].contains("2/4"), table);
        assertTrue(lines[2].startsWith("virtual c4 echo "), table);
        assertTrue(lines[2].contains("4/4") && lines[2].contains("114 MB") && lines[2].contains("500.00 us"), table);
        assertTrue(lines[3].startsWith("pool c4 echo #2"), table);
    }

    /** A UDP run is labelled udp, has its loss in the table and its datagram figures in comparison.json. */
    @Test
    void udpRunsShowTheirLoss() throws IOException {
        List<Path> dirs = List.of(ResultWriter.write(TestRuns.run().impl("nio").udp().build(), runs),
                ResultWriter.write(TestRuns.run().impl("nio").build(), runs));
        String table = ComparisonWriter.table(dirs);
        String[] lines = table.split("\n");
        assertTrue(lines[0].endsWith("loss"), table);
        assertTrue(lines[1].startsWith("nio c4 udp-echo ") && lines[1].endsWith("0.99 %"), table);
        assertTrue(lines[2].startsWith("nio c4 echo ") && lines[2].endsWith("-"), table);
        JsonNode json = Json.PRETTY.readTree(ComparisonWriter.write(dirs, runs.resolve("cmp")).resolve("comparison.json").toFile());
        assertEquals("udp", json.at("/runs/0/transport").asText());
        assertEquals(50, json.at("/runs/0/datagrams/lost").asLong());
        assertEquals(50, json.at("/runs/0/errors/byClass/lost").asLong());
        assertTrue(json.at("/runs/1/datagrams").isNull(), json.toString());
    }

    @Test
    void sumsTheLatencyIntervalsOfEachLog() throws IOException {
        List<ComparisonWriter.Run> loaded = ComparisonWriter.load(threeRuns());
        assertEquals(5 * TestRuns.REQUESTS_PER_INTERVAL, loaded.get(0).latency().getTotalCount());
        assertEquals(Charts.colorFor("pool"), loaded.get(0).color());
        assertEquals(Charts.colorFor("virtual"), loaded.get(1).color());
        assertTrue(!Charts.colorFor("pool").equals(loaded.get(2).color()), "a repeated model gets a variant colour");
    }

    private List<Path> threeRuns() throws IOException {
        return List.of(
                ResultWriter.write(TestRuns.run().impl("pool").requestsPerClient(2500, 2500, 0, 0)
                        .errors(Map.of(ErrorClass.READ_TIMEOUT, 7L)).build(), runs),
                ResultWriter.write(TestRuns.run().impl("virtual").build(), runs),
                ResultWriter.write(TestRuns.run().impl("pool").build(), runs));
    }
}
