package dev.loombench.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Blocking reads with a deadline on one socket. A timed-out read leaves the socket usable
 * ({@code SO_TIMEOUT} semantics), which lets one thread wait for "a reply, or the next send
 * time, whichever comes first". SO_TIMEOUT has millisecond resolution, so such a wait may end
 * up to 1 ms late; it is set only when it changes.
 */
final class TimedReader {

    /** What {@link #read} returns when the time ran out. */
    static final int TIMED_OUT = -2;

    private final Socket socket;
    private final InputStream in;
    private int soTimeoutMillis = -1;

    TimedReader(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** Reads what has arrived, waiting at most {@code nanos}: bytes read, -1 at end of stream, or {@link #TIMED_OUT}. */
    int read(byte[] buffer, int offset, int length, long nanos) throws IOException {
        if (nanos <= 0 && in.available() == 0) return TIMED_OUT;
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (nanos + 999_999) / 1_000_000));
        if (millis != soTimeoutMillis) {
            socket.setSoTimeout(millis);
            soTimeoutMillis = millis;
        }
        try {
            return in.read(buffer, offset, length);
        } catch (SocketTimeoutException e) {
            return TIMED_OUT;
        }
    }
}
