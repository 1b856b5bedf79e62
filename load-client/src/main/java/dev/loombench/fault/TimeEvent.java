package dev.loombench.fault;

import dev.loombench.protocol.TimeClientCodec;
import dev.loombench.protocol.TimeFrames;
import java.nio.ByteBuffer;

/** One thing a {@code time} server said to a {@link FaultClient}, as {@link TimeClientCodec} cut the stream. */
sealed interface TimeEvent {

    /** For messages: the type, and an ERROR's code. */
    String describe();

    record Welcome(int clientId) implements TimeEvent {
        public String describe() {
            return "WELCOME";
        }
    }

    /** The reply to the oldest outstanding request of {@code requestType}: {@code requestType | 0x80}, or ERROR. */
    record Reply(int requestType, int type, ByteBuffer body) implements TimeEvent {
        public String describe() {
            return TimeFrames.typeName(type) + (type == TimeFrames.ERROR ? " " + errorCode() : "");
        }

        /** The ERROR code, or -1 if this is not a well-formed ERROR. */
        int errorCode() {
            try {
                return type == TimeFrames.ERROR ? TimeFrames.decodeError(body.duplicate()).code() : -1;
            } catch (TimeFrames.MalformedBodyException e) {
                return -1;
            }
        }
    }

    record Message(int fromId, String text) implements TimeEvent {
        public String describe() {
            return "MESSAGE from " + Integer.toUnsignedString(fromId);
        }
    }
}
