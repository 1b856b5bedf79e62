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
import org.junit.jupiter.params.provider.EnumSource;

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
    @EnumSource(value = LoadConfig.ClientThreads.class, names = {"PLATFORM", "VIRTUAL"})
    void stalledServerTimesOutAndTheClientsReconnect(LoadConfig.ClientThreads threads) throws Exception {
        try (TestServer server = new TestServer(TestServer::stall)) {
            RunResult r = run(SHORT.withTimeout(Duration.ofMillis(300)).withThreads(threads), server.address());
            assertOnly(r, ErrorClass.READ_TIMEOUT);
            assertEquals(0, r.totalRequests());
            assertTrue(server.accepted.get() > SHORT.clients(), "reconnected: " + server.accepted.get() + " connections");
            // every client keeps a connection: the concurrency never shrinks
            assertTrue(r.intervals().stream().allMatch(i -> i.liveConnections() == SHORT.clients()),
                    () -> "live: " + r.intervals().stream().map(Interval::liveConnections).toList());
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
