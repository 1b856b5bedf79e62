package dev.loombench.jmh;

import dev.loombench.protocol.TimeFrames;
import dev.loombench.protocol.TimeLoadCodec;
import java.io.IOException;
import java.net.Socket;

/**
 * {@code time} protocol round trips on one connection (PROTOCOL.md §2), through the load engine's
 * {@link TimeLoadCodec}: reads the WELCOME on connect, then each round trip sends a TIME request
 * and verifies the TIME_OK reply. An ERROR, any other frame, a malformed body or a time more than
 * {@link TimeLoadCodec#CLOCK_TOLERANCE_SECONDS} s off this machine's clock throws.
 *
 * @see EchoClient the unframed sibling
 */
public final class TimeClient implements RoundTripClient {

    private final TimeLoadCodec codec = new TimeLoadCodec(new int[] {TimeFrames.TIME}, 1, messages -> {}, 0);
    private final CodecClient connection;

    /** Takes ownership of a connected {@code socket} and reads the server's WELCOME. */
    public TimeClient(Socket socket) throws IOException {
        this.connection = new CodecClient(socket, codec);
        connection.awaitGreeting();
    }

    /** The id the server gave this connection in its WELCOME. */
    public int clientId() {
        return codec.clientId();
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
