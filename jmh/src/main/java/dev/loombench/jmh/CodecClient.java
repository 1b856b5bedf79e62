package dev.loombench.jmh;

import dev.loombench.protocol.BadReplyException;
import dev.loombench.protocol.ClientCodec;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * A blocking connection whose requests and replies are handled by the protocol's
 * {@link ClientCodec} — the same codec the load engine runs, so a benchmark client checks exactly
 * what a load run checks. Every benchmark client is one of these plus a choice of codec.
 *
 * <p>A round trip: the codec encodes one request into a reused buffer, which is written to the
 * socket; what comes back is read into another reused buffer and fed to the codec until it
 * reports the reply verified. Nothing here allocates per round trip. A reply the codec rejects
 * throws {@link WrongReplyException}; the server's close before the reply {@link EOFException};
 * silence longer than the socket's read timeout a {@link java.net.SocketTimeoutException}.
 *
 * <p>Not thread-safe: one thread owns it, as one JMH thread owns one connection. Owns the socket.
 */
final class CodecClient implements ClientCodec.Replies, AutoCloseable {

    /** Reads and writes this size at most; larger requests and replies stream through. */
    private static final int BUFFER = 16 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ClientCodec codec;
    private final ByteBuffer output = ByteBuffer.allocate(BUFFER);
    private final ByteBuffer input = ByteBuffer.allocate(BUFFER);
    private long verified;
    private BadReplyException.Kind failed;

    /** Takes ownership of a connected {@code socket}; {@code codec} is fresh, for this connection only. */
    CodecClient(Socket socket, ClientCodec codec) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.codec = codec;
    }

    /** Reads until the codec may send: past the greeting (time: WELCOME), at once for the others. */
    void awaitGreeting() throws IOException {
        while (!codec.canSend()) read();
    }

    /** One verified round trip; returns how many this connection has made. */
    long roundTrip() throws IOException {
        codec.nextRequest();
        boolean done;
        do {
            done = codec.encode(output.clear());
            if (output.position() > 0) out.write(output.array(), 0, output.position());
        } while (!done);
        long expected = verified + 1;
        while (verified < expected) read();
        return verified;
    }

    private void read() throws IOException {
        int n = in.read(input.array());
        try {
            if (n >= 0) {
                codec.onInput(input.clear().limit(n), this);
            } else if (!codec.onEndOfStream(this)) {
                throw new EOFException(codec.fresh() ? "server closed the connection before replying"
                        : "server closed the connection in the middle of a reply");
            }
        } catch (BadReplyException e) {
            throw new WrongReplyException(e.getMessage());
        }
        if (failed != null) throw new WrongReplyException("a request failed: " + failed);
    }

    @Override
    public void ok(int replyBytes) {
        verified++;
    }

    @Override
    public void failed(BadReplyException.Kind kind) {
        failed = kind; // time: ERROR 3 to a SEND, which these clients never make
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
