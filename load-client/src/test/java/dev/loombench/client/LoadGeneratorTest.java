package dev.loombench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.protocol.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine against correct servers: everything verified, nothing failed, every metric filled in. */
class LoadGeneratorTest {

    static final LoadConfig SHORT = LoadConfig.defaults().withPhases(Duration.ofMillis(100), Duration.ofMillis(1000));

    static RunResult run(LoadConfig config, TestServer server) throws InterruptedException {
        return new LoadGenerator(config, server.address(), null, null).run("test", config, Map.of());
    }

    static void assertClean(RunResult r) {
        assertEquals(0, r.totalErrors(), () -> "errors: " + r.errors());
        assertTrue(r.totalRequests() > 0, "no requests");
        assertEquals(r.totalRequests(), r.latency().getTotalCount());
        assertEquals(r.totalRequests(), r.service().getTotalCount(), Math.max(100, r.totalRequests() / 100.0), "read a moment apart");
        assertEquals(r.clients(), r.fairness().served(), "every client served");
    }

    @Test
    void echoClosedLoopVerifiesEveryReplyAndFillsEveryMetric() throws Exception {
        List<Progress> progress = new ArrayList<>();
        try (TestServer server = new TestServer(TestServer::echo)) {
            RunResult r = new LoadGenerator(SHORT, server.address(), () -> ProcessResources.sample(ProcessHandle.current().pid()),
                    progress::add).run("test", SHORT, Map.of());
            assertClean(r);
            assertEquals(1, r.intervals().size(), "one 1 s interval");
            assertEquals(r.totalRequests() * 64.0, r.intervals().stream().mapToLong(Interval::bytes).sum(), r.totalRequests() * 64 / 100.0);
            assertEquals(10, r.connect().getTotalCount(), "one connect per client, before the measured phase");
            assertEquals(10, r.intervals().get(0).liveConnections());
            assertNotNull(r.intervals().get(0).server());
            assertTrue(r.intervals().get(0).server().threads() > 0);
            assertNull(r.openLoop());
            assertEquals(r.totalRequests(), java.util.Arrays.stream(r.requestsPerClient()).sum(), Math.max(100, r.totalRequests() / 100.0),
                    "read a moment apart");
            assertTrue(progress.stream().anyMatch(p -> p.phase().equals("warmup")));
            assertEquals(1, progress.stream().filter(p -> p.phase().equals("measure")).count());
            assertTrue(r.intervals().get(0).latency().getStartTimeStamp() > 0, "interval histograms carry timestamps");
        }
    }

    @ParameterizedTest
    @EnumSource(value = LoadConfig.ClientThreads.class, names = {"PLATFORM", "VIRTUAL"})
    void echoPipelinedKeepsKRequestsInFlightOnEitherKindOfThread(LoadConfig.ClientThreads threads) throws Exception {
        try (TestServer server = new TestServer(TestServer::echo)) {
            assertClean(run(SHORT.withClients(4).withPipeline(8).withSize(10).withThreads(threads), server));
        }
    }

    @Test
    void autoRunsFewClientsOnPlatformThreadsAndManyOnVirtualOnes() {
        assertTrue(SHORT.withClients(LoadConfig.AUTO_PLATFORM_LIMIT).platformThreads());
        assertFalse(SHORT.withClients(LoadConfig.AUTO_PLATFORM_LIMIT + 1).platformThreads());
        assertTrue(SHORT.withClients(5000).withThreads(LoadConfig.ClientThreads.PLATFORM).platformThreads());
        assertFalse(SHORT.withClients(1).withThreads(LoadConfig.ClientThreads.VIRTUAL).platformThreads());
    }

    @Test
    void bulkEchoOf4MiBDoesNotDeadlock() throws Exception {
        try (TestServer server = new TestServer(TestServer::echo)) {
            RunResult r = run(SHORT.withClients(2).withPipeline(2).withSize(4 << 20), server);
            assertClean(r);
            assertEquals(r.totalRequests() * (4.0 * (1 << 20)), r.intervals().stream().mapToLong(Interval::bytes).sum(), 2 * 4.0 * (1 << 20),
                    "bytes are read a moment apart from the histograms");
        }
    }

    @Test
    void openLoopKeepsToTheRateAndMeasuresFromIntendedTimes() throws Exception {
        try (TestServer server = new TestServer(TestServer::echo)) {
            RunResult r = run(SHORT.withClients(5).withRate(500), server);
            assertClean(r);
            assertNotNull(r.openLoop());
            assertEquals(500, r.openLoop().targetRate());
            // 500/s for 1 s: about 500; the schedule never sends ahead of time, so never far above
            assertTrue(r.totalRequests() <= 520, "sent " + r.totalRequests());
            assertTrue(r.latency().getMaxValue() >= r.service().getMinValue());
        }
    }

    @Test
    void openLoopWorksWithPipeliningAndForRfc868() throws Exception {
        try (TestServer server = new TestServer(TestServer::echo)) {
            RunResult r = run(SHORT.withClients(4).withPipeline(4).withRate(2000), server);
            assertClean(r);
            assertTrue(r.totalRequests() <= 2040, "sent " + r.totalRequests());
        }
        try (TestServer server = new TestServer(TestServer.protocol(Protocol.RFC868, TestServer.context()))) {
            RunResult r = run(SHORT.withProtocol(Protocol.RFC868).withClients(2).withRate(200), server);
            assertClean(r);
            assertTrue(r.totalRequests() <= 204, "sent " + r.totalRequests());
        }
    }

    @Test
    void connectRateRampsTheClientsUp() throws Exception {
        List<Progress> progress = new ArrayList<>();
        try (TestServer server = new TestServer(TestServer::echo)) {
            LoadConfig config = SHORT.withClients(30).withConnectRate(20); // 1.5 s of ramp
            RunResult r = new LoadGenerator(config, server.address(), null, progress::add).run("test", config, Map.of());
            assertClean(r);
            Progress first = progress.getFirst();
            assertEquals("connect", first.phase());
            assertTrue(first.liveConnections() < 30, "still ramping: " + first);
            assertEquals(1.5, first.totalSeconds(), 1e-9);
        }
    }

    @ParameterizedTest
    @EnumSource(TimeOp.class)
    void timeProtocolOpsAreVerified(TimeOp op) throws Exception {
        try (TestServer server = new TestServer(TestServer.protocol(Protocol.TIME, TestServer.context()))) {
            RunResult r = run(SHORT.withProtocol(Protocol.TIME).withClients(4).withOp(op).withPipeline(2), server);
            assertClean(r);
            if (op == TimeOp.SEND) assertTrue(r.messages() > 0, "MESSAGEs received and verified");
        }
    }

    @Test
    void rfc868MakesOneConnectionPerRequest() throws Exception {
        try (TestServer server = new TestServer(TestServer.protocol(Protocol.RFC868, TestServer.context()))) {
            RunResult r = run(SHORT.withProtocol(Protocol.RFC868).withClients(3), server);
            assertClean(r);
            assertTrue(r.connect().getTotalCount() >= r.totalRequests(), "a connection per request, warm-up's included");
        }
    }
}
