package dev.loombench.jmh;

import java.io.IOException;

/**
 * A reply arrived but is not the one the request calls for (wrong bytes, wrong frame type, an
 * ERROR frame, an implausible time). Thrown from inside the measured method, so JMH reports the
 * benchmark as failed: a wrong answer is never measured as a fast one.
 */
public final class WrongReplyException extends IOException {

    public WrongReplyException(String message) {
        super(message);
    }
}
