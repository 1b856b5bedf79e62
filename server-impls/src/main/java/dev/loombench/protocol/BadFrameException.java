package dev.loombench.protocol;

import java.io.IOException;

/** A {@code time} frame whose length is 0 or above the max-frame limit: the stream cannot be resynchronised. */
public final class BadFrameException extends IOException {

    private final long length;

    public BadFrameException(long length, int maxFrame) {
        super(length == 0
                ? "frame length 0 (a frame holds at least its type byte)"
                : "frame length " + length + " above max-frame " + maxFrame);
        this.length = length;
    }

    public long length() {
        return length;
    }
}
