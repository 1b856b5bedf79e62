package dev.loombench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.loombench.protocol.ServerContext;
import dev.loombench.protocol.TimeFrames;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.BooleanSupplier;

/**
 * A blocking test client for all three protocols. Every read has a timeout ({@link #TIMEOUT}),
 * so a broken server fails a test instead of hanging it; the timeouts are generous on purpose
 * and never asserted as performance.
 */
final class TestClient implements AutoCloseable {

    /** Longest any single read may wait: only there to turn a hang into a failure. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** How long "nothing arrives" is watched for; absence cannot be proven, only sampled. */
    static final Duration QUIET = Duration.ofMillis(300);

    /** One {@code time} frame as the server sent it. */
    record Frame(int type, ByteBuffer body) {
        TimeFrames.ErrorReply error() throws TimeFrames.MalformedBodyException {
            assertEquals(TimeFrames.ERROR, type, "expected ERROR, got " + TimeFrames.typeName(type));
            return TimeFrames.decodeError(body.duplicate());
        }
    }

    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private TestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static TestClient connect(Server server) throws IOException {
        return connect(server, socket -> {});
    }

    /** Connects after {@code options} configured the unconnected socket (buffer sizes, linger). */
    static TestClient connect(Server server, SocketOption options) throws IOException {
        Socket socket = new Socket();
        try {
            options.apply(socket);
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.connect(new InetSocketAddress("127.0.0.1", server.localAddress().getPort()), (int) TIMEOUT.toMillis());
            return new TestClient(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    @FunctionalInterface
    interface SocketOption {
        void apply(Socket socket) throws IOException;
    }

    int localPort() {
        return socket.getLocalPort();
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    void send(ByteBuffer bytes) throws IOException {
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        out.write(copy);
    }

    byte[] readExactly(int n) throws IOException {
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return bytes;
    }

    Frame readFrame() throws IOException {
        int length = in.readInt();
        if (length < 1 || length > ServerContext.DEFAULT_MAX_FRAME + 16) fail("server sent a frame of length " + length);
        int type = in.readUnsignedByte();
        return new Frame(type, ByteBuffer.wrap(readExactly(length - 1)));
    }

    /** Sends one request frame and reads the next frame. */
    Frame request(ByteBuffer frame) throws IOException {
        send(frame);
        return readFrame();
    }

    /** Reads the WELCOME every {@code time} connection starts with and returns the client id. */
    int welcome() throws Exception {
        Frame frame = readFrame();
        assertEquals(TimeFrames.WELCOME, frame.type(), "expected WELCOME, got " + TimeFrames.typeName(frame.type()));
        return TimeFrames.decodeWelcome(frame.body());
    }

    Instant time() throws Exception {
        Frame frame = request(TimeFrames.empty(TimeFrames.TIME));
        assertEquals(TimeFrames.TIME_OK, frame.type(), TimeFrames.typeName(frame.type()));
        return TimeFrames.decodeTimeOk(frame.body()).instant();
    }

    /** True if no byte arrives within {@link #QUIET}. Does not consume anything on false (fails instead). */
    boolean nothingArrives() throws IOException {
        socket.setSoTimeout((int) QUIET.toMillis());
        try {
            int b = in.read();
            fail(b < 0 ? "connection closed, expected it to stay open and silent" : "unexpected byte " + b);
            return false;
        } catch (SocketTimeoutException expected) {
            return true;
        } finally {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
        }
    }

    /** Asserts the server closed the connection without sending another byte (EOF, or a reset). */
    void assertClosedByServer() throws IOException {
        try {
            int b = in.read();
            assertEquals(-1, b, "expected the server to close the connection, got a byte");
        } catch (SocketException reset) {
            // closed with unread data on its side: a reset is a close too
        }
    }

    /** Asserts a clean end of stream: FIN, not a reset, and no byte before it. */
    void assertEof() throws IOException {
        assertEquals(-1, in.read(), "expected end of stream");
    }

    /** Reads until the server closes; returns how many bytes came. Used to drain a connection. */
    long drainUntilClosed() throws IOException {
        long n = 0;
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int r; (r = in.read(buffer)) >= 0; ) n += r;
        } catch (SocketException reset) {
            // closed with unread data on its side
        } catch (EOFException e) {
            // done
        }
        return n;
    }

    /** Closes with SO_LINGER 0: the server sees a reset, not an orderly close. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Something a test runs in the background, e.g. a writer that must not block the reader. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    /** Runs {@code task} in a new daemon thread; get() the result with a timeout. */
    static Future<Void> inBackground(Task task) {
        FutureTask<Void> future = new FutureTask<>(() -> {
            task.run();
            return null;
        });
        Thread.ofPlatform().daemon().name("test-background").start(future);
        return future;
    }

    /** Waits (bounded by {@link #TIMEOUT}) for something the server does asynchronously, e.g. counting a closed connection. */
    static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) fail("timed out waiting until " + what);
            Thread.sleep(10);
        }
    }
}
