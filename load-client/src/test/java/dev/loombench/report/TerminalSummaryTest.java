package dev.loombench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.client.ErrorClass;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalSummaryTest {

    private static final Path DIR = Path.of("results", "runs", "20250304-050607-pool-c4-echo");

    @Test
    void listsOnlyTheErrorClassesThatOccurred() {
        String text = TerminalSummary.format(TestRuns.run()
                .errors(Map.of(ErrorClass.READ_TIMEOUT, 12L, ErrorClass.RESET, 3L)).build(), DIR);
        assertTrue(text.contains("errors     read-timeout 12, reset 3 (15 in total)"), text);
        assertFalse(text.contains("connect-refused"), text);
    }

    @Test
    void namesTheModelFactsTheServersReadyLineGave() {
        Map<String, Object> netty = Map.of("serverReady", Map.of("facts", Map.of("transport", "epoll", "loops", 2)));
        assertEquals("epoll transport, 2 loops", TerminalSummary.modelFacts(netty));
        Map<String, Object> virtual = Map.of("serverReady", Map.of("facts", Map.of("pollerMode", "SYSTEM_THREADS",
                "pollerModeOption", "-Djdk.pollerMode=1", "spinStepsPerMicrosecond", "512.0")));
        assertEquals("virtual-thread poller SYSTEM_THREADS (-Djdk.pollerMode=1), --spin calibrated at 512.0 steps/us",
                TerminalSummary.modelFacts(virtual));
        assertNull(TerminalSummary.modelFacts(Map.of("serverReady", Map.of("facts", Map.of("availableProcessors", 2)))));
        assertNull(TerminalSummary.modelFacts(Map.of("impl", "target")), "--target: no ready line");
        String text = TerminalSummary.format(TestRuns.run().build(), DIR);
        assertFalse(text.contains("  model "), "no model line without facts: " + text);
    }

    @Test
    void saysNoneWhenNothingFailed() {
        String text = TerminalSummary.format(TestRuns.run().build(), DIR);
        assertTrue(text.contains("errors     none"), text);
    }

    @Test
    void showsThroughputPercentilesFairnessServerAndFiles() {
        String text = TerminalSummary.format(TestRuns.run().clients(4).requestsPerClient(5000, 0, 0, 0).build(), DIR);
        assertTrue(text.contains("pool / echo / 4 clients"), text);
        assertTrue(text.contains("1,000 req/s"), text);
        assertTrue(text.contains("RTT rate"), text);
        assertTrue(text.contains("p99 1.09 ms"), text);
        assertTrue(text.contains("served 1/4 clients"), text);
        assertTrue(text.contains("Jain 0.250"), text);
        assertTrue(text.contains("3 clients never served"), text);
        assertTrue(text.contains("peak 24 OS threads"), text);
        assertTrue(text.contains("peak RSS 114 MB"), text);
        assertTrue(text.contains("server     CPU 500.00 us per request"), text);
        assertTrue(text.contains("client     CPU 270.00 us per request, mean 27%"), text);
        assertTrue(text.contains(DIR + "/"), text);
        assertTrue(text.contains("summary.json, latency.hlog, timeseries.csv"), text);
        assertFalse(text.contains("WARNING"), text);
    }

    @Test
    void saysServiceTimeIsTheRoundTripInClosedLoop() {
        String text = TerminalSummary.format(TestRuns.run().closedLoop().build(), DIR);
        assertTrue(text.contains("service    same as latency (closed loop"), text);
    }

    @Test
    void warnsWhenTheClientSpentMoreCpuPerRequestThanTheServer() {
        String text = TerminalSummary.format(TestRuns.run().clientCpuNanos(600_000_000L).build(), DIR);
        assertTrue(text.contains("WARNING    the client spent more CPU per request than the server (620.00 vs 500.00 us)"), text);
        assertTrue(text.contains("the client may be the bottleneck"), text);
    }

    @Test
    void aMostlyIdleClientIsNoBottleneckWhateverItsCpuPerRequest() {
        // 620 us per request against the server's 500, but 0.62 s of CPU in 10 s intervals: 6 % of a core
        String text = TerminalSummary.format(TestRuns.run().clientCpuNanos(600_000_000L).intervalSeconds(10).build(), DIR);
        assertTrue(text.contains("client     CPU 620.00 us per request, mean 6"), text);
        assertFalse(text.contains("may be the bottleneck"), text);
    }

    @Test
    void warnsWhenTheClientStalled() {
        String text = TerminalSummary.format(TestRuns.run().hiccupNanos(80_000_000).build(), DIR);
        assertTrue(text.contains("WARNING"), text);
        assertTrue(text.contains("80.0 ms"), text);
    }

    @Test
    void showsOpenLoopTargetAndAchievedRate() {
        String text = TerminalSummary.format(TestRuns.run().openLoop(2000, 1000, 3_500_000).build(), DIR);
        assertTrue(text.contains("target 2,000 req/s, achieved 1,000 req/s (50%), max send lag 3.50 ms"), text);
        assertTrue(text.contains("service    p50 500 us"), "open loop keeps the raw service time apart: " + text);
    }
}
