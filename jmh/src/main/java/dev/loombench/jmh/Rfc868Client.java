package dev.loombench.jmh;

import dev.loombench.protocol.Rfc868ClientCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * RFC 868 time fetches (PROTOCOL.md §3) through {@link Rfc868ClientCodec}: each {@link #fetch}
 * is one whole connection — connect, read the 4-byte time, see EOF, close — which is what makes it
 * a connection-churn workload.
 *
 * <p>A connection closed before 4 bytes (the server refused it) throws {@link java.io.EOFException};
 * extra bytes after them, or a time more than {@link Rfc868ClientCodec#CLOCK_TOLERANCE_SECONDS} s
 * off this machine's clock, {@link WrongReplyException}. Thread-safe: it holds no connection
 * between calls.
 */
public final class Rfc868Client {

    private final InetSocketAddress server;

    public Rfc868Client(InetSocketAddress server) {
        this.server = server;
    }

    /** One verified connect–read–EOF–close; returns the server's time as seconds since 1900 (u32). */
    public long fetch() throws IOException {
        Rfc868ClientCodec codec = new Rfc868ClientCodec();
        try (Socket socket = ClientSockets.open(server)) {
            new CodecClient(socket, codec).roundTrip();
        }
        return codec.secondsSince1900();
    }
}
