package dev.loombench.jmh;

import dev.loombench.protocol.EchoClientCodec;
import dev.loombench.protocol.EchoPayload;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Echo round trips on one connection (PROTOCOL.md §1), through {@link EchoClientCodec}: each
 * writes a request of {@code size} bytes and reads exactly as many back, compared byte for byte
 * with what was sent.
 *
 * <p>Requests carry this connection's id and a sequence number in their header (16 bytes, or 8
 * for requests of 8 to 15 bytes; see {@link EchoPayload}), the rest a fill pattern, so a lost,
 * duplicated, reordered or corrupted reply is detected, never counted as a success.
 *
 * @see TimeClient the framed sibling
 */
public final class EchoClient implements RoundTripClient {

    private static final AtomicLong CONNECTION_IDS = new AtomicLong();

    private final CodecClient connection;

    /** Takes ownership of a connected {@code socket}. */
    public EchoClient(Socket socket, int size) throws IOException {
        this.connection = new CodecClient(socket, new EchoClientCodec(new EchoPayload(size), CONNECTION_IDS.incrementAndGet()));
    }

    @Override
    public long roundTrip() throws IOException {
        return connection.roundTrip();
    }

    @Override
    public void close() {
        connection.close();
    }
}
