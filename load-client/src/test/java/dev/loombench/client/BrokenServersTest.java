package dev.loombench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.protocol.Protocol;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each deliberately broken server provokes its error class, and nothing failed counts as a success. */
class BrokenServersTest {

    /** The timeout is generous (a busy 2-core machine delays even a broken server) except where a timeout is the point. */
    static final LoadConfig SHORT = LoadConfig.defaults().withClients(4).withPhases(Duration.ZERO, Duration.ofMillis(1000))
            .withTimeout(Duration.ofSeconds(2));

    static RunResult run(LoadConfig config, InetSocketAddress address) throws InterruptedException {
        return new LoadGenerator(config, address, null, null).run("broken", config, Map.of());
    }

    static long errors(RunResult r, ErrorClass kind) {
        return r.errors().get(kind);
    }

    /** Only {@code kind} was counted, at least once. */
    static void assertOnly(RunResult r, ErrorClass kind) {
        assertTrue(errors(r, kind) > 0, () -> "no " + kind.label() + " in " + r.errors());
        assertEquals(errors(r, kind), r.totalErrors(), () -> "other errors in " + r.errors());
    }

    @Test
    void flippedByteIsMismatchAndNeverASuccess() throws Exception {
        try (TestServer server = new TestServer(TestServer::flipByte)) {
            RunResult r = run(SHORT, server.address());
            assertOnly(r, ErrorClass.MISMATCH);
            assertEquals(0, r.totalRequests());
            assertEquals(0, r.fairness().served());
        }
    }

    @Test
    void flippedByteInsideALargeRequestIsFound() throws Exception {
        try (TestServer server = new TestServer(TestServer::flipByte)) {
            RunResult r = run(SHORT.withSize(200_000), server.address());
            assertOnly(r, ErrorClass.MISMATCH);
            assertEquals(0, r.totalRequests());
        }
    }

    @Test
    void resetAfterAReplyIsReset() throws Exception {
        try (TestServer server = new TestServer(TestServer::echoOnceThenReset)) {
            RunResult r = run(SHORT, server.address());
            assertOnly(r, ErrorClass.RESET);
            // one verified request per connection, then the reset: never more successes than connections
            assertTrue(r.totalRequests() <= r.connect().getTotalCount(), r.totalRequests() + " > " + r.connect().getTotalCount());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void stalledServerTimesOutAndTheClientsReconnect(int loops) throws Exception {
        try (TestServer server = new TestServer(TestServer::stall)) {
            RunResult r = run(SHORT.withTimeout(Duration.ofMillis(300)).withLoops(loops), server.address());
            assertOnly(r, ErrorClass.READ_TIMEOUT);
            assertEquals(0, r.totalRequests());
            assertTrue(server.accepted.get() > SHORT.clients(), "reconnected: " + server.accepted.get() + " connections");
            // every timed-out request is in the latency figures at its age, and so is every one unanswered at the end
            assertEquals(errors(r, ErrorClass.READ_TIMEOUT) + SHORT.clients(), r.censored(), "timed out + unanswered at the end");
            assertEquals(r.censored(), r.latency().getTotalCount());
            assertTrue(r.latency().getValueAtPercentile(50) >= Duration.ofMillis(300).toNanos() / 2, "censored at their age");
        }
    }

    @Test
    void aRequestUnansweredAtTheEndIsInTheLatencyAtItsAge() throws Exception {
        try (TestServer server = new TestServer(TestServer::stall)) {
            LoadConfig config = SHORT.withPhases(Duration.ofMillis(200), Duration.ofMillis(800)).withTimeout(Duration.ofSeconds(30));
            RunResult r = run(config, server.address());
            assertEquals(0, r.totalErrors(), "nothing timed out");
            assertEquals(SHORT.clients(), r.censored(), "one request in flight per client, none answered");
            // sent during the warm-up, so older than the phase at its end
            assertTrue(r.latency().getMinValue() >= Duration.ofMillis(800).toNanos(), "age at the end: " + r.latency().getMinValue());
            assertEquals(0, r.fairness().served());
        }
    }

    @Test
    void openLoopChargesEveryRequestAStuckConnectionCouldNotSend() throws Exception {
        try (TestServer server = new TestServer(TestServer::stall)) {
            LoadConfig config = SHORT.withPhases(Duration.ZERO, Duration.ofMillis(1000)).withTimeout(Duration.ofSeconds(30)).withRate(400);
            RunResult r = run(config, server.address());
            assertEquals(0, r.totalRequests());
            // 400 requests were due in the phase (more, counting the backlog from before it); one per client
            // was sent and is unanswered, the rest never sent: every one is charged
            assertTrue(r.censored() >= 400 - SHORT.clients(), "censored " + r.censored());
            assertEquals(SHORT.clients(), r.service().getTotalCount(), "only the sent ones have a service time");
        }
    }

    @Test
    void freshConnectionClosedAtOnceIsRejectedForEchoAndRfc868() throws Exception {
        try (TestServer server = new TestServer(TestServer::refuse)) {
            RunResult echo = run(SHORT, server.address());
            assertOnly(echo, ErrorClass.REJECTED);
            assertEquals(0, echo.totalRequests());
            RunResult rfc868 = run(SHORT.withProtocol(Protocol.RFC868), server.address());
            assertOnly(rfc868, ErrorClass.REJECTED);
            assertEquals(0, rfc868.totalRequests());
        }
    }

    @Test
    void timeServerFullIsRejected() throws Exception {
        TestServer.Behaviour full = socket -> socket.getOutputStream().write(Protocol.TIME.rejection().array());
        try (TestServer server = new TestServer(full)) {
            RunResult r = run(SHORT.withProtocol(Protocol.TIME), server.address());
            assertOnly(r, ErrorClass.REJECTED);
            assertEquals(0, r.totalRequests());
        }
    }

    @Test
    void timeServerClosingBeforeWelcomeIsEofNotRejected() throws Exception {
        try (TestServer server = new TestServer(TestServer::refuse)) {
            RunResult r = run(SHORT.withProtocol(Protocol.TIME), server.address());
            assertTrue(errors(r, ErrorClass.EOF) + errors(r, ErrorClass.RESET) == r.totalErrors() && r.totalErrors() > 0,
                    () -> r.errors().toString());
        }
    }

    @Test
    void nothingListeningIsConnectRefused() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        RunResult r = run(SHORT, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        assertOnly(r, ErrorClass.CONNECT_REFUSED);
        assertEquals(0, r.totalRequests());
        assertEquals(0, r.intervals().getLast().liveConnections());
    }
}
