package dev.loombench.client;

import dev.loombench.protocol.TimeFrames;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the load client asks a {@code time} server (PROTOCOL.md §2), by its {@code --op} name. */
public enum TimeOp {
    /** TIME, checked to be within a few seconds of the client's clock. */
    TIME,
    /** NAME, checked to be non-empty UTF-8 and the same on every reply of a connection. */
    NAME,
    /** LIST, checked to contain the client itself. */
    LIST,
    /**
     * SEND to another live client learned from LIST (a LIST is made first and whenever no peer is
     * known); SEND_OK is the reply, and the MESSAGE indications that arrive are verified too.
     */
    SEND,
    /** TIME, NAME, LIST and SEND in turn. */
    MIX;

    /** The request types this op makes, in turn. */
    public int[] requestTypes() {
        return switch (this) {
            case TIME -> new int[] {TimeFrames.TIME};
            case NAME -> new int[] {TimeFrames.NAME};
            case LIST -> new int[] {TimeFrames.LIST};
            case SEND -> new int[] {TimeFrames.SEND};
            case MIX -> new int[] {TimeFrames.TIME, TimeFrames.NAME, TimeFrames.LIST, TimeFrames.SEND};
        };
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TimeOp fromCliName(String name) {
        for (TimeOp op : values()) {
            if (op.cliName().equals(name.toLowerCase(Locale.ROOT))) return op;
        }
        throw new IllegalArgumentException("unknown --op '" + name + "'; expected one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(TimeOp::cliName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return cliName();
    }
}
