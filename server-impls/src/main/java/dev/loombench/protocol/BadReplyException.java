package dev.loombench.protocol;

/**
 * A reply that is not what was asked for: wrong bytes, a broken protocol, or a refusal. Thrown by
 * the {@link ClientCodec}s; the client then closes the connection. Thrown on the load path, so it
 * carries no stack trace.
 */
public final class BadReplyException extends Exception {

    /** What was wrong with the reply. */
    public enum Kind {
        /** The bytes are not the ones sent or expected (echo comparison, a time off the clock, a misrouted MESSAGE). */
        MISMATCH,
        /** The reply breaks the protocol: a bad frame, a wrong type, a malformed body, an unexpected ERROR. */
        PROTOCOL,
        /** The server said it is full (time: ERROR 4 instead of WELCOME). */
        REJECTED
    }

    private final Kind kind;

    public BadReplyException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
