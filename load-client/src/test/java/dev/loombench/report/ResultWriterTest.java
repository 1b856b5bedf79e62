package dev.loombench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loombench.client.ErrorClass;
import dev.loombench.client.RunResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultWriterTest {

    @TempDir
    Path runs;

    @Test
    void namesTheDirectoryAfterUtcStartImplClientsAndProtocol() {
        RunResult r = TestRuns.run().impl("virtual").clients(500).build();
        assertEquals("20250304-050607-virtual-c500-echo", ResultWriter.directoryName(r));
    }

    @Test
    void neverOverwritesAnExistingDirectory() throws IOException {
        RunResult r = TestRuns.run().build();
        Path first = ResultWriter.write(r, runs);
        Path second = ResultWriter.write(r, runs);
        Path third = ResultWriter.write(r, runs);
        assertEquals(ResultWriter.directoryName(r), first.getFileName().toString());
        assertEquals(ResultWriter.directoryName(r) + "-2", second.getFileName().toString());
        assertEquals(ResultWriter.directoryName(r) + "-3", third.getFileName().toString());
    }

    @Test
    void summaryHoldsThroughputPercentilesErrorsAndFairness() throws IOException {
        RunResult r = TestRuns.run().clients(4).requestsPerClient(2500, 2500, 0, 0)
                .errors(Map.of(ErrorClass.READ_TIMEOUT, 3L, ErrorClass.RESET, 2L)).build();
        JsonNode s = Json.PRETTY.readTree(ResultWriter.write(r, runs).resolve("summary.json").toFile());

        assertEquals(Summary.SCHEMA, s.get("schema").asText());
        assertEquals("2025-03-04T05:06:07.890Z", s.get("startedAt").asText());
        assertEquals("5s", s.at("/config/duration").asText(), "config is written as resolved");
        assertEquals(2, s.at("/config/poolSize").asInt());
        assertEquals(2, s.at("/environment/cores").asInt());

        assertEquals(5000, s.at("/throughput/requests").asLong());
        assertEquals(1000.0, s.at("/throughput/requestsPerSecond").asDouble(), 1e-9);
        assertEquals(0.064, s.at("/throughput/megabytesPerSecond").asDouble(), 1e-9);
        assertEquals(64.0, s.at("/throughput/bytesPerRequest").asDouble(), 1e-9);
        double meanServiceSeconds = r.service().getMean() / 1e9; // ~500 us
        assertEquals(64 / meanServiceSeconds / 1e6, s.at("/throughput/rttRateMegabytesPerSecond").asDouble(), 1e-3);
        assertTrue(s.at("/throughput/rttRateDefinition").asText().contains("bytes / RTT"));

        JsonNode rt = s.at("/latency/roundTrip");
        assertEquals(5000, rt.get("count").asLong());
        assertEquals(r.latency().getValueAtPercentile(50) / 1e3, rt.get("p50Us").asDouble(), 1e-9);
        assertEquals(r.latency().getValueAtPercentile(99.9) / 1e3, rt.get("p999Us").asDouble(), 1e-9);
        assertEquals(600, rt.get("p50Us").asDouble(), 1, "500 us service + 100 us queueing");
        assertEquals(1090, rt.get("p99Us").asDouble(), 2);
        assertEquals(1100, rt.get("maxUs").asDouble(), 1);
        assertEquals(600.5, rt.get("meanUs").asDouble(), 1);
        assertEquals(990, s.at("/latency/service/p99Us").asDouble(), 1);
        assertEquals(500, s.at("/latency/service/p50Us").asDouble(), 1);
        assertEquals(4, s.at("/latency/connect/count").asLong());
        assertEquals(200, s.at("/latency/connect/p9999Us").asDouble(), 0.2);

        assertEquals(5, s.at("/errors/total").asLong());
        JsonNode byClass = s.at("/errors/byClass");
        assertEquals(ErrorClass.values().length, byClass.size(), "every class present");
        assertEquals(3, byClass.get("read-timeout").asLong());
        assertEquals(2, byClass.get("reset").asLong());
        assertEquals(0, byClass.get("connect-refused").asLong());

        JsonNode f = s.get("fairness");
        assertEquals(4, f.get("clients").asInt());
        assertEquals(2, f.get("served").asInt());
        assertEquals(0, f.get("min").asLong());
        assertEquals(1250.0, f.get("median").asDouble());
        assertEquals(2500, f.get("max").asLong());
        assertEquals(0.5, f.get("jainIndex").asDouble(), 1e-12);
    }

    @Test
    void summaryHoldsServerResourcesClientHealthAndOpenLoop() throws IOException {
        RunResult r = TestRuns.run().hiccupNanos(120_000_000).openLoop(2000, 1000, 3_500_000).build();
        Summary s = Summary.read(ResultWriter.write(r, runs));

        assertEquals(24L, s.server().peakOsThreads());
        assertEquals(114_000_000L, s.server().peakRssBytes(), "VmHWM: the peak since the server started");
        assertEquals(3.0, s.server().cpuSeconds(), 1e-9, "1 s at start + 4 x 0.5 s");
        assertEquals(50.0, s.server().meanCpuPct(), 1e-9, "2.5 s of CPU in 5 s");
        assertEquals(500.0, s.server().cpuUsPerRequest(), 1e-9, "0.5 s of CPU per 1000 requests");
        assertEquals(27.0, s.client().meanCpuPct(), 1e-9, "(0.25 + 0.26 + ... + 0.29) s in 5 s");
        assertEquals(270.0, s.client().cpuUsPerRequest(), 1e-9);
        assertFalse(s.client().heavierThanServer());
        assertEquals(3, s.server().counters().peakThreads());
        assertEquals(29.0, s.client().maxCpuPct(), 1e-9);
        assertEquals(120.0, s.client().maxHiccupMs(), 1e-9);
        assertTrue(s.client().clientStalled());
        assertTrue(s.client().verdict().contains("stalled"));
        assertEquals(50.0, s.openLoop().achievedPct(), 1e-9);
        assertEquals(3.5, s.openLoop().maxLagMs(), 1e-9);
    }

    @Test
    void targetRunsHaveNoServerSectionAndClosedLoopNoOpenLoop() throws IOException {
        Summary s = Summary.read(ResultWriter.write(TestRuns.run().withoutServer().build(), runs));
        assertNull(s.server());
        assertNull(s.openLoop());
        assertFalse(s.client().clientStalled());
        assertEquals("ok", s.client().verdict());
    }

    @Test
    void latencyLogRoundTripsTagsCountsAndTimes() throws IOException {
        RunResult r = TestRuns.run().intervals(3).clients(7).build();
        Path hlog = ResultWriter.write(r, runs).resolve("latency.hlog");
        String text = Files.readString(hlog);
        assertTrue(text.contains("#[Histogram log format version 1.3]"), text);
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "#[StartTime: %.3f", TestRuns.STARTED.toEpochMilli() / 1000.0)), text);
        assertTrue(text.contains("#[BaseTime: "), text);

        Map<String, Long> counts = new HashMap<>();
        Map<String, Integer> entries = new HashMap<>();
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        try {
            for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
                counts.merge(h.getTag(), ((Histogram) h).getTotalCount(), Long::sum);
                entries.merge(h.getTag(), 1, Integer::sum);
                assertEquals(1000, h.getEndTimeStamp() - h.getStartTimeStamp(), 1, "one-second intervals");
                assertTrue(h.getStartTimeStamp() >= TestRuns.STARTED.toEpochMilli(), "absolute start time");
            }
        } finally {
            reader.close();
        }
        assertEquals(Map.of("latency", 3, "service", 3, "connect", 3, "censored", 3), entries);
        assertEquals(Map.of("latency", 3000L, "service", 3000L, "connect", 7L, "censored", 0L), counts);
        Histogram summed = LatencyLog.sum(hlog, LatencyLog.LATENCY);
        assertEquals(r.latency(), summed);
        assertNull(r.latency().getTag(), "the result's histograms are not tagged in place");
    }

    @Test
    void timeseriesHasAHeaderAndOneRowPerInterval() throws IOException {
        RunResult r = TestRuns.run().intervals(4).errors(Map.of(ErrorClass.MISMATCH, 9L)).build();
        List<String> lines = Files.readAllLines(ResultWriter.write(r, runs).resolve("timeseries.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        assertEquals(TimeseriesCsv.columns(), header);
        assertEquals(9 + ErrorClass.values().length + 9 + 6 + 8, header.size());
        assertEquals(5, lines.size());
        for (String line : lines) assertEquals(header.size(), line.split(",", -1).length, line);

        Map<String, String> third = row(header, lines.get(3));
        assertEquals("2", third.get("start_s"));
        assertEquals("1000", third.get("requests"));
        assertEquals("1000", third.get("req_per_s"));
        assertEquals("0.064", third.get("mb_per_s"));
        assertEquals(1090, Double.parseDouble(third.get("p99_us")), 2, "corrected round trip");
        assertEquals("9", third.get("errors"));
        assertEquals("9", third.get("err_mismatch"));
        assertEquals("0", third.get("err_read_timeout"));
        assertEquals("22", third.get("server_threads"));
        assertEquals("102", third.get("server_rss_mb"));
        assertEquals("50", third.get("server_cpu_pct"));
        assertEquals("27", third.get("client_cpu_pct"));
        assertEquals("50", row(header, lines.get(1)).get("server_cpu_pct"), "the first interval has its CPU too");
        assertEquals("500", third.get("server_cpu_us_per_req"));
        assertEquals("270", third.get("client_cpu_us_per_req"));
        assertEquals("0", third.get("censored"));
        assertEquals("2", row(header, lines.get(2)).get("client_max_hiccup_ms"));
        assertEquals("64000", third.get("bytes"), "exact columns, for bench merge");
        assertEquals("500000000", third.get("server_cpu_ns"));
        assertEquals("270000000", third.get("client_cpu_ns"));
        assertEquals("102000000", third.get("server_rss_bytes"));
        assertEquals("112000000", third.get("server_peak_rss_bytes"));
        assertEquals("2000000000", third.get("server_cpu_total_ns"));
    }

    @Test
    void clientsCsvHoldsEachClientsRequestsAndFirstReply() throws IOException {
        RunResult r = TestRuns.run().clients(3).requestsPerClient(10, 0, 5).build();
        r = new RunResult(r.impl(), r.protocol(), r.clients(), r.config(), r.environment(), r.startedAt(), r.measuredSeconds(),
                r.intervals(), r.latency(), r.service(), r.connect(), r.errors(), r.requestsPerClient(), r.openLoop(),
                r.serverCounters(), 0, new long[] {1_500_000, -1, 2_000_000});
        Path file = ResultWriter.write(r, runs).resolve(ClientsCsv.FILE);
        assertEquals(List.of("client,requests,first_reply_ns", "0,10,1500000", "1,0,", "2,5,2000000"), Files.readAllLines(file));
        ClientsCsv.Clients back = ClientsCsv.read(file);
        assertArrayEquals(new long[] {10, 0, 5}, back.requests());
        assertArrayEquals(new long[] {1_500_000, -1, 2_000_000}, back.firstReplyNanos());
    }

    @Test
    void chartsAreValidPngsOfTheStandardSize() throws IOException {
        Path dir = ResultWriter.write(TestRuns.run().errors(Map.of(ErrorClass.RESET, 4L)).build(), runs);
        for (String name : List.of("latency.png", "throughput.png")) {
            BufferedImage image = ImageIO.read(dir.resolve(name).toFile());
            assertNotNull(image, name);
            assertEquals(Charts.WIDTH, image.getWidth(), name);
            assertEquals(Charts.HEIGHT, image.getHeight(), name);
        }
    }

    /** A UDP run: its datagram figures in summary.json, timeseries.csv and the hlog's received tag; its directory says udp. */
    @Test
    void udpRunsCarryTheirDatagramFiguresEverywhere() throws IOException {
        RunResult r = TestRuns.run().intervals(3).udp().build();
        Path dir = ResultWriter.write(r, runs);
        assertTrue(dir.getFileName().toString().endsWith("-pool-c4-udp-echo"), dir.toString());

        Summary s = Summary.read(dir);
        assertTrue(s.udp());
        Summary.Datagrams d = s.datagrams();
        assertEquals(3 * (TestRuns.REQUESTS_PER_INTERVAL + TestRuns.LOST_PER_INTERVAL), d.sent());
        assertEquals(3 * TestRuns.REQUESTS_PER_INTERVAL, d.received());
        assertEquals(30, d.lost());
        assertEquals(30, s.errors().byClass().get("lost"));
        assertEquals(3, d.late());
        assertEquals(6, d.duplicated());
        assertEquals(9, d.reordered());
        assertEquals(100.0 * 30 / 3030, d.lossPct(), 0.001);
        assertEquals(21L, d.serverSocketDrops());
        assertEquals(0L, d.clientSocketDrops());
        assertEquals(43L, d.serverDropped(), "from the server's final counters");

        List<String> lines = Files.readAllLines(dir.resolve("timeseries.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        Map<String, String> first = row(header, lines.get(1));
        assertEquals("1010", first.get("sent"));
        assertEquals("10", first.get("err_lost"));
        assertEquals("2", first.get("duplicated"));
        assertEquals("0.99", first.get("loss_pct"));
        assertEquals("7", first.get("server_socket_drops"));

        assertEquals(3 * TestRuns.REQUESTS_PER_INTERVAL, LatencyLog.sum(dir.resolve("latency.hlog"), LatencyLog.RECEIVED).getTotalCount(),
                "received: the latency without the lost datagrams");
        assertEquals(3 * (TestRuns.REQUESTS_PER_INTERVAL + TestRuns.LOST_PER_INTERVAL),
                LatencyLog.sum(dir.resolve("latency.hlog"), LatencyLog.LATENCY).getTotalCount(), "latency: the lost ones at their age too");
        String text = TerminalSummary.format(r, dir);
        assertTrue(text.contains("pool / echo over udp / 4 clients"), text);
        assertTrue(text.contains("datagrams  sent 3,030, received 3,000, lost 30 (0.99 %), corrupted 0; late 3, duplicated 6, reordered 9"), text);
        assertTrue(text.contains("drops      by the kernel at the server's socket 21, at the client's sockets 0, in its input backlog 3 (all of this host); by the server itself 43"), text);
        assertFalse(text.contains("connect "), "no connects over UDP: " + text);
    }

    /** bench merge reads result directories back: a UDP run's datagram figures survive the round trip. */
    @Test
    void udpFiguresReadBackFromTheFiles() throws IOException {
        RunResult r = TestRuns.run().intervals(3).udp().build();
        Path dir = ResultWriter.write(r, runs);
        RunResult back = ResultReader.read(dir).result();
        assertEquals(r.datagrams(), back.datagrams());
        assertEquals(r.intervals().get(1).datagrams(), back.intervals().get(1).datagrams());
        assertNull(ResultReader.read(ResultWriter.write(TestRuns.run().intervals(2).build(), runs)).result().datagrams(), "tcp: none");
    }

    @Test
    void tcpRunsHaveNoDatagramFigures() throws IOException {
        Summary s = Summary.read(ResultWriter.write(TestRuns.run().intervals(2).build(), runs));
        assertFalse(s.udp());
        assertEquals("tcp", s.transport());
        assertNull(s.datagrams());
    }

    private static Map<String, String> row(List<String> header, String line) {
        String[] cells = line.split(",", -1);
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < header.size(); i++) row.put(header.get(i), cells[i]);
        return row;
    }
}
