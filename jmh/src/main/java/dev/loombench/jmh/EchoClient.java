package dev.loombench.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Socket;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Echo round trips on one connection (PROTOCOL.md §1): writes a request of {@code size} bytes,
 * reads exactly as many back and compares them with what it sent.
 *
 * <p>Requests of 16 bytes or more carry this connection's id and a sequence number in their first
 * 16 bytes (the rest is a fill pattern), so a lost, duplicated, reordered or corrupted reply is
 * detected, never counted as a success. Smaller requests use the plain pattern.
 *
 * @see TimeClient the framed sibling
 */
public final class EchoClient implements RoundTripClient {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final AtomicLong CONNECTION_IDS = new AtomicLong();

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] request;
    private final byte[] reply;
    private long sequence;

    /** Takes ownership of a connected {@code socket}. */
    public EchoClient(Socket socket, int size) throws IOException {
        if (size < 1) throw new IllegalArgumentException("size must be >= 1, was " + size);
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
        this.request = new byte[size];
        this.reply = new byte[size];
        for (int i = 0; i < size; i++) request[i] = (byte) ('a' + i % 26);
        if (size >= 16) LONGS.set(request, 0, CONNECTION_IDS.incrementAndGet());
    }

    @Override
    public long roundTrip() throws IOException {
        long seq = ++sequence;
        if (request.length >= 16) LONGS.set(request, 8, seq);
        out.write(request);
        ClientSockets.readFully(in, reply, reply.length, "echo reply " + seq);
        if (!verify(request, reply)) {
            throw new WrongReplyException("echo reply " + seq + " differs from its request at byte "
                    + Arrays.mismatch(request, reply) + " of " + request.length);
        }
        return seq;
    }

    /** The check applied to every reply: same length, same bytes (a vectorized intrinsic). */
    public static boolean verify(byte[] sent, byte[] received) {
        return Arrays.equals(sent, received);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a loopback socket we own; nothing left to recover
        }
    }
}
