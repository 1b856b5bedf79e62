package dev.loombench.fault;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A raw blocking socket for injecting faults: it sends exactly the bytes it is told to, bad ones
 * included — that is the fault. What the server answers is read through the protocols' client
 * codecs: {@link Exchanges} for echo and RFC 868, {@link #time()} for {@code time}. Every read is
 * bounded by a timeout, so a server that misbehaves costs a fault a failed check, never a hang.
 * One thread per client; close it in {@code finally}.
 */
final class FaultClient implements AutoCloseable {

    /** How a connection ended, seen from the client. */
    enum Ending { EOF, RESET, STILL_OPEN }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];
    private TimeConnection time; // created on first use

    private FaultClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
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

    /** This connection as a {@code time} client: requests and what the server says, through the codec. */
    TimeConnection time() {
        if (time == null) time = new TimeConnection(this);
        return time;
    }

    void send(byte[] bytes) throws IOException {
        send(bytes, bytes.length);
    }

    void send(byte[] bytes, int length) throws IOException {
        out.write(bytes, 0, length);
        out.flush();
    }

    void send(ByteBuffer bytes) throws IOException {
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        send(copy);
    }

    /**
     * Reads what has arrived, waiting until {@code deadline} ({@link System#nanoTime}) at most.
     *
     * @param late what the timeout means, for its message
     * @return the bytes read, valid until the next read; null at the end of the stream
     * @throws SocketTimeoutException if nothing arrived by the deadline
     */
    ByteBuffer read(long deadline, String late) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new SocketTimeoutException(late);
        socket.setSoTimeout((int) Math.clamp(left / 1_000_000, 1, Integer.MAX_VALUE));
        int n;
        try {
            n = in.read(buffer);
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException(late);
        }
        return n < 0 ? null : ByteBuffer.wrap(buffer, 0, n);
    }

    /** Reads exactly {@code n} bytes (a fault's own data echoed back, which the fault compares). */
    byte[] readExactly(int n, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] bytes = new byte[n];
        for (int done = 0; done < n; ) {
            ByteBuffer got = read(deadline, "got " + done + " of " + n + " bytes in " + timeout.toMillis() + " ms");
            if (got == null) throw new EOFException("server closed the connection after " + done + " of " + n + " bytes");
            int take = Math.min(got.remaining(), n - done);
            got.get(bytes, done, take);
            done += take;
            if (got.hasRemaining()) throw new IOException("server sent " + got.remaining() + " bytes more than the " + n + " expected");
        }
        return bytes;
    }

    /**
     * Waits up to {@code timeout} for the server to end the connection, discarding whatever else
     * arrives (at most 64 MiB); STILL_OPEN if it did not.
     */
    Ending awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long discarded = 0;
        try {
            while (discarded < 64 << 20) {
                ByteBuffer got = read(deadline, "still open");
                if (got == null) return Ending.EOF;
                discarded += got.remaining();
            }
            return Ending.STILL_OPEN;
        } catch (SocketTimeoutException e) {
            return Ending.STILL_OPEN;
        } catch (IOException e) {
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
}
