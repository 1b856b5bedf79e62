package dev.loombench.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.TimeFrames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A misbehaving client costs the server that one connection: afterwards a well-behaved client
 * is served correctly. In every model but {@code single}, a bystander connected all along is
 * served too (in {@code single} the next client is served once the bad one is gone).
 */
@Timeout(60)
class BadInputTest {

    private static final Duration SHORT_WRITE_TIMEOUT = Duration.ofMillis(500);

    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#all")
    void garbageOnTimeCostsOnlyThatConnection(Model model) throws Exception {
        try (Server server = TestServers.start(model, Protocol.TIME); TestClient bystander = bystander(model, server, Protocol.TIME)) {
            try (TestClient bad = TestClient.connect(server)) {
                bad.welcome();
                bad.send("GET / HTTP/1.1\r\nHost: loombench\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals(TimeFrames.ERR_BAD_LENGTH, bad.readFrame().error().code()); // "GET " is no sane length
                bad.assertClosedByServer();
            }
            assertStillServed(server, bystander, Protocol.TIME);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#all")
    void oversizeFrameCostsOnlyThatConnection(Model model) throws Exception {
        try (Server server = TestServers.start(model, Protocol.TIME); TestClient bystander = bystander(model, server, Protocol.TIME)) {
            try (TestClient bad = TestClient.connect(server)) {
                bad.welcome();
                bad.send(ByteBuffer.allocate(4).putInt(-1).flip()); // 4 GiB - 1
                assertEquals(TimeFrames.ERR_BAD_LENGTH, bad.readFrame().error().code());
                bad.assertEof();
            }
            assertStillServed(server, bystander, Protocol.TIME);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#all")
    void resetMidFrameCostsOnlyThatConnection(Model model) throws Exception {
        try (Server server = TestServers.start(model, Protocol.TIME); TestClient bystander = bystander(model, server, Protocol.TIME)) {
            TestClient bad = TestClient.connect(server);
            bad.welcome();
            bad.send(ByteBuffer.allocate(14).putInt(100).put((byte) TimeFrames.SEND).flip()); // 13 of 104 bytes
            bad.reset();
            TestClient.awaitTrue("the reset connection is counted closed", () -> server.stats().snapshot().closed() >= 1);
            assertStillServed(server, bystander, Protocol.TIME);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#all")
    void resetMidEchoCostsOnlyThatConnection(Model model) throws Exception {
        try (Server server = TestServers.start(model, Protocol.ECHO); TestClient bystander = bystander(model, server, Protocol.ECHO)) {
            TestClient bad = TestClient.connect(server);
            bad.send(new byte[100_000]);
            bad.reset();
            TestClient.awaitTrue("the reset connection is counted closed", () -> server.stats().snapshot().closed() >= 1);
            assertStillServed(server, bystander, Protocol.ECHO);
        }
    }

    /**
     * The client writes forever and never reads: its echo backs up until the server's write
     * cannot progress; after the write timeout the server closes it, which ends the client's
     * blocked write with an error.
     */
    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#all")
    void anEchoClientThatNeverReadsIsClosedAfterTheWriteTimeout(Model model) throws Exception {
        ServerConfig config = TestServers.withWriteTimeout(TestServers.config(Protocol.ECHO), SHORT_WRITE_TIMEOUT);
        try (Server server = TestServers.start(model, config); TestClient bystander = bystander(model, server, Protocol.ECHO);
             TestClient bad = TestClient.connect(server, socket -> socket.setReceiveBufferSize(4096))) {
            Future<Void> writer = TestClient.inBackground(() -> {
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 4096; i++) bad.send(chunk); // at most 256 MiB, far more than any buffer
            });
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> writer.get(TestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the server never closed the stalled client");
            assertInstanceOf(IOException.class, failed.getCause());
            assertStillServed(server, bystander, Protocol.ECHO);
        }
    }

    /** A SEND target that never reads: it is closed (write timeout, or nio's output bound), the sender carries on. */
    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#exceptSingle")
    void aTimeClientThatNeverReadsItsMessagesIsClosedAndTheSenderCarriesOn(Model model) throws Exception {
        ServerConfig config = TestServers.withWriteTimeout(TestServers.config(Protocol.TIME), SHORT_WRITE_TIMEOUT);
        assertSenderOutlivesDeafTarget(model, config);
    }

    /** With a long write timeout, only {@code maxOutputBytes} can end the deaf target in the event-loop models. */
    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#eventLoops")
    void anEventLoopClosesATargetWhosePendingOutputExceedsTheBound(Model model) throws Exception {
        ServerConfig config = TestServers.withWriteTimeout(TestServers.config(Protocol.TIME), Duration.ofMinutes(5))
                .withLimits(64 * 1024, 128 * 1024);
        assertSenderOutlivesDeafTarget(model, config);
    }

    private static void assertSenderOutlivesDeafTarget(Model model, ServerConfig config) throws Exception {
        try (Server server = TestServers.start(model, config); TestClient sender = TestClient.connect(server);
             TestClient deaf = TestClient.connect(server, socket -> socket.setReceiveBufferSize(4096))) {
            sender.welcome();
            int deafId = deaf.welcome();
            String text = "m".repeat(60_000);
            int code = 0;
            for (int i = 0; i < 2000 && code == 0; i++) { // at most 120 MB; any buffer fills long before
                TestClient.Frame reply = sender.request(TimeFrames.send(deafId, text));
                if (reply.type() != TimeFrames.SEND_OK) code = reply.error().code();
            }
            assertEquals(TimeFrames.ERR_NO_SUCH_CLIENT, code, "the deaf target was never closed");
            sender.time();
            TestClient.awaitTrue("the deaf target is counted closed", () -> server.stats().snapshot().closed() == 1);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#all")
    void aSilentClientIsClosedAfterTheIdleTimeout(Model model) throws Exception {
        ServerConfig config = TestServers.config(Protocol.TIME).withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(10));
        try (Server server = TestServers.start(model, config); TestClient silent = TestClient.connect(server)) {
            silent.welcome();
            silent.assertClosedByServer();
            try (TestClient next = TestClient.connect(server)) {
                next.welcome();
                next.time();
            }
        }
    }

    /**
     * An {@link Error} while serving one connection (an injected {@link OutOfMemoryError}, as a
     * per-connection buffer that cannot be allocated throws) closes that connection; the thread
     * that served it goes on serving: {@code single}'s only thread, {@code pool}'s only worker
     * (pool size 1 here), the {@code nio} loop with its other connections.
     */
    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void anErrorWhileServingOneConnectionCostsOnlyThatConnection(ServerKind kind) throws Exception {
        ServerConfig config = TestServers.config(Protocol.ECHO).withPool(1, ServerConfig.UNBOUNDED);
        try (Server server = TestServers.start(kind, config, FaultySessions.throwingOnPoison(Protocol.ECHO));
             TestClient bystander = kind == ServerKind.POOL ? null : bystander(Model.of(kind), server, Protocol.ECHO)) {
            for (int i = 0; i < 2; i++) {
                try (TestClient bad = TestClient.connect(server)) {
                    bad.send(FaultySessions.POISON);
                    bad.assertClosedByServer();
                }
                assertStillServed(server, bystander, Protocol.ECHO);
            }
            assertFalse(server.failure().toCompletableFuture().isDone(), "one connection's failure is not the server's");
        }
    }

    /** A client connected (and, for time, greeted) before the bad one, in every model that serves two at once. */
    private static TestClient bystander(Model model, Server server, Protocol protocol) throws Exception {
        if (model.kind() == ServerKind.SINGLE) return null;
        TestClient client = TestClient.connect(server);
        if (protocol == Protocol.TIME) client.welcome();
        return client;
    }

    /** The bystander (if any) and a newcomer are both served correctly. */
    private static void assertStillServed(Server server, TestClient bystander, Protocol protocol) throws Exception {
        if (bystander != null) served(bystander, protocol, false);
        try (TestClient newcomer = TestClient.connect(server)) {
            served(newcomer, protocol, true);
        }
    }

    private static void served(TestClient client, Protocol protocol, boolean isNew) throws Exception {
        if (protocol == Protocol.TIME) {
            if (isNew) client.welcome();
            client.time();
        } else {
            byte[] request = EchoContractTest.pattern(10_000, 3);
            assertArrayEquals(request, EchoContractTest.roundTrip(client, request));
        }
    }
}
