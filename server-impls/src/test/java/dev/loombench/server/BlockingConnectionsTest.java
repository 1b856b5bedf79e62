package dev.loombench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.TimeFrames;
import java.io.DataInputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the blocking models share around their connections, where a fault cannot be provoked
 * through a model from outside: the hand-over of an admitted connection to its own thread.
 */
@Timeout(60)
class BlockingConnectionsTest {

    /**
     * {@code thread} and {@code virtual} start a thread per admitted connection; when none can be
     * started (the JVM's "unable to create native thread"), the connection is refused as server
     * full, counted, and no longer held against {@code maxConnections}: the acceptor goes on.
     */
    @Test
    void aConnectionWhoseThreadCannotStartIsRefusedAsServerFullAndForgotten() throws Exception {
        ServerConfig config = TestServers.config(Protocol.TIME).withMaxConnections(1);
        ServerStats stats = new ServerStats();
        ServingThreads threads = new ServingThreads(ServerKind.THREAD, 0, stats, new CompletableFuture<>());
        try (ServerSocket listener = BlockingConnections.listen(config);
             BlockingConnections connections = new BlockingConnections(config, config.protocol()::newSession, stats, threads);
             Socket first = connect(listener); Socket second = connect(listener)) {
            BlockingConnection refused = connections.accept(listener);
            connections.startServing(refused, () -> {
                throw new OutOfMemoryError("unable to create native thread: injected by the test");
            });
            DataInputStream in = new DataInputStream(first.getInputStream());
            byte[] frame = new byte[in.readInt()];
            in.readFully(frame);
            assertEquals(TimeFrames.ERROR, frame[0] & 0xff);
            assertEquals(TimeFrames.ERR_SERVER_FULL, TimeFrames.decodeError(ByteBuffer.wrap(frame, 1, frame.length - 1)).code());
            assertEquals(-1, in.read(), "closed after the refusal");
            assertEquals(1, stats.snapshot().rejected());
            assertNotNull(connections.accept(listener), "the refused connection no longer counts against maxConnections");
        } finally {
            threads.stopAll();
        }
    }

    private static Socket connect(ServerSocket listener) throws Exception {
        Socket socket = new Socket();
        socket.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
        socket.connect(new InetSocketAddress("127.0.0.1", listener.getLocalPort()), (int) TestClient.TIMEOUT.toMillis());
        return socket;
    }
}
