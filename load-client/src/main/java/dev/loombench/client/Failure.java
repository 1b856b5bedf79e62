package dev.loombench.client;

import dev.loombench.protocol.BadReplyException;
import java.io.IOException;
import java.net.SocketTimeoutException;

/**
 * A failed request or connection, classified once where it happens. The rules (PROTOCOL.md,
 * "Limits and bad input"):
 * <ul>
 *   <li>connect: a timeout is {@code connect-timeout}; any other failure to connect
 *       (RST to the SYN, no route) is {@code connect-refused};</li>
 *   <li>a reply not complete within {@code --timeout} is {@code read-timeout};</li>
 *   <li>a connection the server ends is {@code eof} (orderly close) or {@code reset} (RST,
 *       broken pipe) — except that for echo and rfc868, which cannot say "server full", a fresh
 *       connection (not one byte of any reply yet) ended either way is {@code rejected};</li>
 *   <li>wrong bytes are {@code mismatch}; a reply that breaks the protocol is {@code protocol}.</li>
 * </ul>
 * Thrown on the load path, so it has no stack trace.
 */
public final class Failure extends Exception {

    private final ErrorClass kind;

    public Failure(ErrorClass kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public ErrorClass kind() {
        return kind;
    }

    /** A connect attempt that threw {@code e}. */
    public static Failure connect(IOException e) {
        return new Failure(e instanceof SocketTimeoutException ? ErrorClass.CONNECT_TIMEOUT : ErrorClass.CONNECT_REFUSED,
                "connect: " + e);
    }

    /**
     * A read or write on an open connection that threw {@code e}.
     *
     * @param fresh            no byte of any reply has arrived on this connection yet
     * @param silentRejection  the protocol refuses by closing (echo, rfc868), not by saying so (time)
     */
    public static Failure io(IOException e, boolean fresh, boolean silentRejection) {
        if (e instanceof SocketTimeoutException) return new Failure(ErrorClass.READ_TIMEOUT, "read: " + e);
        return new Failure(fresh && silentRejection ? ErrorClass.REJECTED : ErrorClass.RESET, "i/o: " + e);
    }

    /** The server closed the connection (end of stream) while a reply or greeting was due. */
    public static Failure endOfStream(boolean fresh, boolean silentRejection) {
        return fresh && silentRejection
                ? new Failure(ErrorClass.REJECTED, "closed before its first reply byte (server full)")
                : new Failure(ErrorClass.EOF, "closed by the server before the reply was complete");
    }

    /** A reply the protocol's codec found wrong. */
    public static Failure of(BadReplyException e) {
        return new Failure(classOf(e.kind()), e.getMessage());
    }

    /** The class a request that a codec failed without breaking the connection is counted in. */
    public static ErrorClass classOf(BadReplyException.Kind kind) {
        return switch (kind) {
            case MISMATCH -> ErrorClass.MISMATCH;
            case PROTOCOL -> ErrorClass.PROTOCOL;
            case REJECTED -> ErrorClass.REJECTED;
        };
    }

    /** No reply (or greeting) within the timeout. */
    public static Failure timeout(long timeoutNanos) {
        return new Failure(ErrorClass.READ_TIMEOUT, "no reply within " + timeoutNanos / 1_000_000 + "ms");
    }
}
