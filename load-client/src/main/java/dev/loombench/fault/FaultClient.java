package dev.loombench.fault;

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

/**
 * A raw blocking socket for injecting faults: it sends exactly the bytes it is told to (bad ones
 * included), and every read is bounded by a timeout, so a server that misbehaves costs a fault a
 * failed check, never a hang. One thread per client; close it in {@code finally}.
 */
final class FaultClient implements AutoCloseable {

    /** How a connection ended, seen from the client. */
    enum Ending { EOF, RESET, STILL_OPEN }

    /** One {@code time} frame as the server sent it. */
    record Frame(int type, ByteBuffer body) {
        String describe() {
            return TimeFrames.typeName(type) + (type == TimeFrames.ERROR ? " " + errorCode() : "");
        }

        /** The ERROR code, or -1 if this is not a well-formed ERROR. */
        int errorCode() {
            try {
                return type == TimeFrames.ERROR ? TimeFrames.decodeError(body.duplicate()).code() : -1;
            } catch (TimeFrames.MalformedBodyException e) {
                return -1;
            }
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private FaultClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects within {@code timeout}; {@code receiveBuffer} > 0 shrinks SO_RCVBUF first (a client that never reads backs up sooner). */
    static FaultClient connect(InetSocketAddress address, Duration timeout, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        try {
            if (receiveBuffer > 0) socket.setReceiveBufferSize(receiveBuffer);
            socket.setTcpNoDelay(true);
            socket.connect(address, (int) timeout.toMillis());
            return new FaultClient(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    static FaultClient connect(InetSocketAddress address, Duration timeout) throws IOException {
        return connect(address, timeout, 0);
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(ByteBuffer bytes) throws IOException {
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        send(copy);
    }

    byte[] readExactly(int n, Duration timeout) throws IOException {
        socket.setSoTimeout(millis(timeout));
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return bytes;
    }

    /** Reads one {@code time} frame (at most 16 MiB). */
    Frame readFrame(Duration timeout) throws IOException {
        socket.setSoTimeout(millis(timeout));
        int length = in.readInt();
        if (length < 1 || length > 16 << 20) throw new IOException("server sent a frame of length " + Integer.toUnsignedString(length));
        int type = in.readUnsignedByte();
        byte[] body = new byte[length - 1];
        in.readFully(body);
        return new Frame(type, ByteBuffer.wrap(body));
    }

    /** Reads the WELCOME a {@code time} connection starts with and returns the client id. */
    int welcome(Duration timeout) throws IOException {
        Frame frame = readFrame(timeout);
        if (frame.type() != TimeFrames.WELCOME) throw new IOException("expected WELCOME, got " + frame.describe());
        try {
            return TimeFrames.decodeWelcome(frame.body());
        } catch (TimeFrames.MalformedBodyException e) {
            throw new IOException("malformed WELCOME: " + e.getMessage());
        }
    }

    /** Sends one request and reads the next frame. */
    Frame request(ByteBuffer frame, Duration timeout) throws IOException {
        send(frame);
        return readFrame(timeout);
    }

    /**
     * Waits up to {@code timeout} for the server to end the connection, discarding whatever else
     * arrives (at most 64 MiB); STILL_OPEN if it did not.
     */
    Ending awaitEnd(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] sink = new byte[64 * 1024];
        long discarded = 0;
        try {
            while (discarded < 64 << 20) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return Ending.STILL_OPEN;
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                int n = in.read(sink);
                if (n < 0) return Ending.EOF;
                discarded += n;
            }
            return Ending.STILL_OPEN;
        } catch (SocketTimeoutException e) {
            return Ending.STILL_OPEN;
        } catch (EOFException e) {
            return Ending.EOF;
        } catch (SocketException e) {
            return Ending.RESET;
        }
    }

    /** Closes with SO_LINGER 0: the server sees a reset (RST), not an orderly close. */
    void reset() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // closing anyway
        }
        close();
    }

    int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    private static int millis(Duration timeout) {
        return (int) Math.clamp(timeout.toMillis(), 1, Integer.MAX_VALUE);
    }
}
