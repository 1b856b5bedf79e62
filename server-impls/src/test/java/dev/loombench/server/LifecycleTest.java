package dev.loombench.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.protocol.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** start/close and the counters, the same for every model. */
@Timeout(60)
class LifecycleTest {

    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#all")
    void closeEndsEveryConnectionAndThreadAndFreesThePort(Model model) throws Exception {
        List<TestClient> clients = new ArrayList<>();
        Server server = TestServers.start(model, Protocol.TIME);
        int port = server.localAddress().getPort();
        String threadPrefix = "loombench-" + model.kind().cliName() + "-" + port + "-";
        try {
            for (int i = 0; i < 3; i++) clients.add(TestClient.connect(server));
            clients.getFirst().welcome(); // for single, the others wait in the backlog
            assertTrue(threadNames(threadPrefix).stream().anyMatch(name -> name.matches(".*-(watchdog|loop|loop-\\d+)")),
                    "server threads are named with the prefix " + threadPrefix + ": " + threadNames("loombench-"));
        } finally {
            server.close();
        }
        server.close(); // idempotent
        assertFalse(server.failure().toCompletableFuture().isDone(), "closing is not failing");
        assertEquals(0, server.stats().liveThreads(), "threads counted live after close()");
        assertEquals(0, server.stats().liveConnections(), "connections counted live after close()");
        assertEquals(List.of(), threadNames(threadPrefix), "threads left after close()");
        for (TestClient client : clients) {
            client.drainUntilClosed();
            client.close();
        }
        try (Server again = TestServers.start(model, TestServers.config(Protocol.TIME).withPort(port));
             TestClient client = TestClient.connect(again)) {
            assertEquals(port, again.localAddress().getPort());
            client.welcome();
        }
    }

    /**
     * Connections that arrive just as the server closes, some still being accepted or handed to a
     * loop, are closed too, never left open and uncounted: in the event-loop models, where a
     * connection changes threads between accept and service, again and again to meet the race.
     */
    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#eventLoops")
    void closeAlsoClosesConnectionsThatWereStillBeingHandedOver(Model model) throws Exception {
        for (int round = 0; round < 20; round++) {
            List<TestClient> clients = new ArrayList<>();
            Server server = TestServers.start(model, Protocol.TIME);
            try {
                for (int i = 0; i < 3; i++) clients.add(TestClient.connect(server));
                clients.getFirst().welcome();
            } finally {
                server.close();
            }
            ServerStats.Snapshot stats = server.stats().snapshot();
            assertEquals(0, stats.liveConnections(), stats::toString);
            assertEquals(stats.accepted(), stats.closed() + stats.rejected() + stats.failed(), stats::toString);
            for (TestClient client : clients) {
                client.drainUntilClosed(); // a connection left open fails here on the read timeout
                client.close();
            }
        }
    }

    /** close() ends simulated work (--think) at once instead of waiting it out, in every model. */
    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#all")
    void closeEndsAServerWhoseSessionIsThinking(Model model) throws Exception {
        ServerConfig config = TestServers.config(Protocol.ECHO).withThink(Duration.ofMinutes(10));
        Server server = TestServers.start(model, config);
        try (TestClient client = TestClient.connect(server)) {
            client.send(new byte[] {1});
            TestClient.awaitTrue("the connection is being served", () -> server.stats().snapshot().bytesIn() == 1);
            server.close(); // bounded by the class @Timeout, far below the think time
            assertEquals(0, server.stats().liveThreads());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#all")
    void closeBeforeStartIsHarmlessAndStartTwiceFails(Model model) throws Exception {
        model.create(TestServers.config(Protocol.ECHO)).close();
        try (Server server = TestServers.start(model, Protocol.ECHO)) {
            assertThrows(IllegalStateException.class, server::start);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#all")
    void countsConnectionsAndBytes(Model model) throws Exception {
        try (Server server = TestServers.start(model, Protocol.ECHO)) {
            byte[] request = EchoContractTest.pattern(50_000, 1);
            for (int i = 1; i <= 3; i++) {
                try (TestClient client = TestClient.connect(server)) {
                    assertArrayEquals(request, EchoContractTest.roundTrip(client, request));
                }
                long closed = i;
                TestClient.awaitTrue(i + " connections are counted closed", () -> server.stats().snapshot().closed() == closed);
            }
            ServerStats.Snapshot stats = server.stats().snapshot();
            assertEquals(3, stats.accepted());
            assertEquals(0, stats.rejected());
            assertEquals(0, stats.liveConnections());
            assertEquals(1, stats.peakConnections());
            assertEquals(3L * request.length, stats.bytesIn());
            assertEquals(3L * request.length, stats.bytesOut());
            assertTrue(stats.liveThreads() >= 1, "a model runs at least one thread while open");
        }
    }

    /**
     * Every accepted connection is later opened, rejected or failed (its setup after accept
     * failed), so once the server is closed accepted = closed + rejected + failed, in every
     * model: here with sessions that fail to start (a setup failure in nio, a served-and-closed
     * connection in the blocking models), refusals past maxConnections, resets right after the
     * connect and plain echo clients.
     */
    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void everyAcceptedConnectionIsCountedOpenedRejectedOrFailed(ServerKind kind) throws Exception {
        ServerConfig config = TestServers.config(Protocol.ECHO).withMaxConnections(1);
        Server server = TestServers.start(kind, config, FaultySessions.failingToStart(Protocol.ECHO, 2));
        try {
            for (int i = 0; i < 2; i++) {
                try (TestClient failing = TestClient.connect(server)) {
                    failing.assertClosedByServer();
                }
                TestClient.awaitTrue("the failed one is gone", () -> server.stats().liveConnections() == 0);
            }
            try (TestClient served = TestClient.connect(server)) {
                byte[] request = EchoContractTest.pattern(1000, 1);
                assertArrayEquals(request, EchoContractTest.roundTrip(served, request));
                try (TestClient extra = TestClient.connect(server)) {
                    if (kind != ServerKind.SINGLE) extra.assertClosedByServer(); // server full; single leaves it in the backlog
                }
            }
            for (int i = 0; i < 3; i++) TestClient.connect(server).reset();
        } finally {
            server.close();
        }
        ServerStats.Snapshot stats = server.stats().snapshot();
        assertTrue(stats.accepted() >= 3, stats::toString);
        assertEquals(0, stats.liveConnections(), stats::toString);
        assertEquals(stats.accepted(), stats.closed() + stats.rejected() + stats.failed(), stats::toString);
        if (kind == ServerKind.NIO) assertTrue(stats.failed() >= 2, () -> "nio makes sessions during setup: " + stats);
    }

    /**
     * close() is bounded: a serving thread that ignores interrupts (a session stuck in an
     * uninterruptible wait) is given up after {@link ServingThreads#STOP_BOUND}, logged, left
     * running and still counted; it ends by itself once released.
     */
    @ParameterizedTest
    @EnumSource(ServerKind.class)
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a close() that never returns fails, not hangs
    void closeGivesUpOnAThreadThatIgnoresInterruptsAndCountsIt(ServerKind kind) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        Semaphore release = new Semaphore(0);
        Server server = TestServers.start(kind, TestServers.config(Protocol.ECHO),
                FaultySessions.ignoringInterruptsOnPoison(Protocol.ECHO, entered, release));
        try (TestClient stuck = TestClient.connect(server)) {
            stuck.send(FaultySessions.POISON);
            assertTrue(entered.await(TestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the session is stuck");
            server.close();
            assertEquals(1, server.stats().liveThreads(), "the stuck thread is left running, and counted");
        } finally {
            release.release();
        }
        TestClient.awaitTrue("the stuck thread ends once released", () -> server.stats().liveThreads() == 0);
    }

    /** A pool that lost a worker (here to a stray interrupt) is not the pool it was configured as: it says so. */
    @Test
    void aPoolThatLostAWorkerReportsItsFailure() throws Exception {
        try (Server server = TestServers.start(ServerKind.POOL, TestServers.config(Protocol.ECHO).withPool(2, 0))) {
            String worker = "loombench-pool-" + server.localAddress().getPort() + "-worker-2";
            Thread thread = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(worker)).findFirst().orElseThrow();
            thread.interrupt();
            Throwable reason = server.failure().toCompletableFuture().get(TestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(worker + " ended while the server was open", reason.getMessage());
        }
    }

    static List<String> threadNames(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive).map(Thread::getName).filter(name -> name.startsWith(prefix)).sorted().toList();
    }
}
