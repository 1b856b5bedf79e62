package dev.loombench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loombench.knee.KneeCharts;
import dev.loombench.knee.KneeReport;
import dev.loombench.knee.KneeResult;
import dev.loombench.report.HtmlChecks;
import dev.loombench.report.Json;
import dev.loombench.report.Summary;
import dev.loombench.server.Server;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code bench knee}: the search against real servers, its files, and usage errors. */
class KneeCommandTest {

    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int bench(String... args) {
        return BenchCli.start(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void findsTheLittlesLawCeilingOfASmallPoolWithThinkTime() throws Exception {
        // 4 workers x 10 ms of think per request: at most 4 / 10 ms = 400 req/s (Little's law)
        ServerConfig config = ServerConfig.defaults().withPool(4, ServerConfig.UNBOUNDED).withThink(Duration.ofMillis(10));
        try (Server server = ServerKind.POOL.create(config)) {
            server.start();
            int code = bench("knee", "--target", "127.0.0.1:" + server.localAddress().getPort(), "--clients", "4",
                    "--warmup", "200ms", "--duration", "1s", "--start-rate", "200", "--resolution", "10%", "--settle", "100ms",
                    "--slo-p99", "1s", "--out", dir.toString());
            assertEquals(0, code, () -> out + "\n" + err);
        }
        JsonNode model = Json.PRETTY.readTree(dir.resolve(KneeResult.FILE).toFile()).at("/models/0");
        double knee = model.get("knee").asDouble();
        assertTrue(knee >= 200 && knee <= 440, "knee " + knee + " req/s, the ceiling is 400:\n" + err);
        assertTrue(model.get("above").asDouble() <= 880, "the first failing rate bounds it from above: " + model);
    }

    @Test
    void searchesAChildServerWritesItsFilesAndLeavesNoChild() throws Exception {
        int code = bench("knee", "--impl", "nio", "--clients", "2", "--warmup", "0", "--duration", "500ms",
                "--start-rate", "200", "--min-rate", "100", "--max-rate", "400", "--settle", "0", "--slo-p99", "1s",
                "--out", dir.toString());
        assertEquals(0, code, () -> out + "\n" + err);
        assertEquals(0, ProcessHandle.current().children().filter(ProcessHandle::isAlive).count(), "no child server left");
        JsonNode k = Json.PRETTY.readTree(dir.resolve(KneeResult.FILE).toFile());
        assertEquals(KneeResult.SCHEMA, k.get("schema").asText());
        assertEquals("nio", k.at("/models/0/impl").asText());
        JsonNode steps = k.at("/models/0/steps");
        assertTrue(steps.size() >= 1 && steps.size() <= 3, steps.toString());
        String stepDir = steps.get(0).at("/runs/0/dir").asText();
        assertEquals(200, Summary.read(dir.resolve(stepDir)).openLoop().targetRequestsPerSecond(), 1e-9);
        for (String file : new String[] {KneeCharts.LATENCY, KneeCharts.latencyOf("nio"), KneeCharts.ACHIEVED, KneeReport.README}) {
            assertTrue(Files.size(dir.resolve(file)) > 0, file);
        }
        assertTrue(Files.readString(dir.resolve(KneeReport.README)).contains("bench knee --impl nio"));
        Document page = HtmlChecks.assertShowsEverything(dir);
        HtmlChecks.assertTables(page, 2); // the knees, and the steps of nio
        assertTrue(HtmlChecks.cells(page).stream().anyMatch(row -> row.size() > 1 && row.get(0).equals("nio")), "a row for nio");
        assertTrue(out.toString().contains("knee search written to"), out.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "knee --clients 2",                                        // neither --impl nor --target
            "knee --impl nio --rate 100",                              // the steps set the rate
            "knee --impl nio --resolution 150%",
            "knee --impl nio --start-rate 1000 --min-rate 5000",
            "knee --impl nio --clients 100 --min-rate 10 --duration 1s", // 0.1 req/s per connection rounds to zero
            "knee --impl nio --slo-p99 0",
            "knee --impl nio --max-error-rate 2",
            "knee --impl bogus"})
    void settingsThatCannotBeHonouredExitWith2(String args) {
        assertEquals(2, bench(args.split(" ")), () -> out + "\n" + err);
        assertTrue(err.toString().length() > 0, "a message");
    }
}
