package dev.loombench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.params.provider.ValueSource;

/** The engine against correct servers: everything verified, nothing failed, every metric filled in. */
class LoadGeneratorTest {

    static final LoadConfig SHORT = LoadConfig.defaults().withPhases(Duration.ofMillis(100), Duration.ofMillis(1000));

    static RunResult run(LoadConfig config, TestServer server) throws InterruptedException {
        return new LoadGenerator(config, server.address(), null, null).run("test", config, Map.of());
    }

    /**
     * No error, every client served, and every request of the phase in the histograms exactly once:
     * verified, or censored (still in flight when the phase ended, at most the window of each client).
     */
    static void assertClean(RunResult r) {
        assertEquals(0, r.totalErrors(), () -> "errors: " + r.errors());
        assertTrue(r.totalRequests() > 0, "no requests");
        assertEquals(r.totalRequests() + r.censored(), r.latency().getTotalCount(), "verified + censored");
        LoadConfig load = (LoadConfig) r.config();
        if (load.openLoop()) {
            // requests due but not yet sent at the end have a latency (from their intended time) and no service time
            assertTrue(r.service().getTotalCount() >= r.totalRequests() && r.service().getTotalCount() <= r.latency().getTotalCount());
        } else {
            assertEquals(r.latency().getTotalCount(), r.service().getTotalCount(), "latency and service describe the same requests");
            long window = (long) r.clients() * load.pipeline();
            assertTrue(r.censored() <= window, () -> r.censored() + " censored, more than the " + window + " that can be in flight");
        }
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
            assertEquals(r.totalRequests() * 64, r.intervals().stream().mapToLong(Interval::bytes).sum(), "bytes of the same replies");
            assertEquals(10, r.connect().getTotalCount(), "one connect per client, before the measured phase");
            assertEquals(10, r.intervals().get(0).liveConnections());
            assertNotNull(r.intervals().get(0).server());
            assertTrue(r.intervals().get(0).server().threads() > 0);
            assertNull(r.openLoop());
            assertEquals(r.totalRequests(), java.util.Arrays.stream(r.requestsPerClient()).sum(), "per-client counts of the same replies");
            assertTrue(progress.stream().anyMatch(p -> p.phase().equals("warmup")));
            assertEquals(1, progress.stream().filter(p -> p.phase().equals("measure")).count());
            assertTrue(r.intervals().get(0).latency().getStartTimeStamp() > 0, "interval histograms carry timestamps");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void echoPipelinedKeepsKRequestsInFlightOnAnyNumberOfLoops(int loops) throws Exception {
        try (TestServer server = new TestServer(TestServer::echo)) {
            assertClean(run(SHORT.withClients(4).withPipeline(8).withSize(10).withLoops(loops), server));
        }
    }

    @Test
    void loopsDefaultToTheCpusAndNeverOutnumberTheClients() {
        assertEquals(Math.min(4, Runtime.getRuntime().availableProcessors()), SHORT.withClients(4).resolvedLoops());
        assertEquals(1, SHORT.withClients(1).withLoops(8).resolvedLoops());
        assertEquals(3, SHORT.withClients(100).withLoops(3).resolvedLoops());
    }

    @Test
    void theMeasuredPhaseLastsExactlyAsLongAsAsked() throws Exception {
        try (TestServer server = new TestServer(TestServer::echo)) {
            RunResult r = run(SHORT.withPhases(Duration.ZERO, Duration.ofMillis(1500)), server);
            assertEquals(1.5, r.measuredSeconds(), 1e-6, "the loops end the phase, not the sampling thread's wake-up");
            assertEquals(2, r.intervals().size(), "about 1 s, then the rest up to 1.5 s");
        }
    }

    @Test
    void bulkEchoOf4MiBDoesNotDeadlock() throws Exception {
        try (TestServer server = new TestServer(TestServer::echo)) {
            RunResult r = run(SHORT.withClients(2).withPipeline(2).withSize(4 << 20), server);
            assertClean(r);
            assertEquals(r.totalRequests() * (4L << 20), r.intervals().stream().mapToLong(Interval::bytes).sum(),
                    "bytes of the same replies as the histograms");
        }
    }

    @Test
    void openLoopKeepsToTheRateAndMeasuresFromIntendedTimes() throws Exception {
        try (TestServer server = new TestServer(TestServer::echo)) {
            RunResult r = run(SHORT.withClients(5).withRate(500), server);
            assertClean(r);
            assertNotNull(r.openLoop());
            assertEquals(500, r.openLoop().targetRate());
            assertTrue(r.latency().getMaxValue() >= r.service().getMinValue());
        }
    }

    @Test
    void openLoopWorksWithPipeliningAndForRfc868() throws Exception {
        try (TestServer server = new TestServer(TestServer::echo)) {
            RunResult r = run(SHORT.withClients(4).withPipeline(4).withRate(2000), server);
            assertClean(r);
        }
        try (TestServer server = new TestServer(TestServer.protocol(Protocol.RFC868, TestServer.context()))) {
            RunResult r = run(SHORT.withProtocol(Protocol.RFC868).withClients(2).withRate(200), server);
            assertClean(r);
            assertEquals(200, r.openLoop().targetRate());
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
            assertEquals("connect", first.phase(), "the ramp is a phase of its own, reported while it lasts");
            assertEquals(1.5, first.totalSeconds(), 1e-9, "30 clients at 20/s");
            assertEquals(30, r.connect().getTotalCount(), "every client connected once");
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

    @Test
    void firstReplyTimesShowHowLongEachClientWaitedAndWhoWasNeverServed() throws Exception {
        java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        TestServer.Behaviour twoSlowThenStall = socket -> {
            if (connections.incrementAndGet() > 2) {
                TestServer.stall(socket);
                return;
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            TestServer.echo(socket);
        };
        try (TestServer server = new TestServer(twoSlowThenStall)) {
            RunResult r = run(LoadConfig.defaults().withClients(5).withPhases(Duration.ZERO, Duration.ofMillis(1200)), server);
            long[] times = r.firstReplyNanos();
            assertEquals(5, times.length);
            FirstReplies f = r.firstReplies();
            assertEquals(2, f.served(), () -> java.util.Arrays.toString(times));
            assertEquals(3, f.never());
            assertEquals(3, java.util.Arrays.stream(times).filter(t -> t == -1).count(), "never served is -1");
            assertTrue(f.minMs() >= 300 && f.maxMs() < 1500, "waited for the server's 300 ms: " + f);
        }
    }
}
