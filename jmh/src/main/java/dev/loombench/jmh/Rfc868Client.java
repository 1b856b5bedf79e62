package dev.loombench.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * RFC 868 time fetches (PROTOCOL.md §3): each {@link #fetch} is one whole connection — connect,
 * read the 4-byte time, see EOF, close — which is what makes it a connection-churn workload.
 *
 * <p>A connection closed before 4 bytes (the server refused it), extra bytes after them, or a
 * time more than a minute off this machine's clock throws. Thread-safe: it holds no connection
 * between calls.
 */
public final class Rfc868Client {

    /** Seconds from 1900-01-01T00:00:00Z to the Unix epoch. */
    static final long SECONDS_1900_TO_1970 = 2_208_988_800L;
    private static final int MAX_CLOCK_SKEW_SECONDS = 60;

    private final InetSocketAddress server;

    public Rfc868Client(InetSocketAddress server) {
        this.server = server;
    }

    /** One verified connect–read–EOF–close; returns the server's time as seconds since 1900 (u32). */
    public long fetch() throws IOException {
        byte[] time = new byte[4];
        try (Socket socket = ClientSockets.open(server)) {
            InputStream in = socket.getInputStream();
            ClientSockets.readFully(in, time, time.length, "the RFC 868 time");
            if (in.read() != -1) throw new WrongReplyException("RFC 868 server sent more than 4 bytes");
        }
        long seconds = Integer.toUnsignedLong((time[0] & 0xFF) << 24 | (time[1] & 0xFF) << 16 | (time[2] & 0xFF) << 8 | (time[3] & 0xFF));
        long expected = System.currentTimeMillis() / 1000 + SECONDS_1900_TO_1970;
        int skew = (int) (seconds - expected); // u32 arithmetic: survives the 2036 wrap
        if (Math.abs(skew) > MAX_CLOCK_SKEW_SECONDS) {
            throw new WrongReplyException("implausible RFC 868 time " + seconds + " (" + skew + " s from this clock)");
        }
        return seconds;
    }
}
