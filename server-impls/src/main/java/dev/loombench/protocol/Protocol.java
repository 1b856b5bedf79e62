package dev.loombench.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The three wire protocols every server model speaks (PROTOCOL.md), by their CLI names. */
public enum Protocol {

    /** RFC 862 echo over TCP. */
    ECHO("echo"),
    /** The framed request/response {@code time} protocol: TIME, NAME, LIST, SEND, BYE. */
    TIME("time"),
    /** RFC 868 time over TCP: four bytes, then close. */
    RFC868("rfc868");

    private final String cliName;

    Protocol(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** A new session for one accepted connection. */
    public ProtocolSession newSession(ServerContext context, Connection connection) {
        return switch (this) {
            case ECHO -> new EchoSession(context, connection);
            case TIME -> new TimeSession(context, connection);
            case RFC868 -> new Rfc868Session(context, connection);
        };
    }

    /**
     * What a server writes to a connection it refuses (server full) before closing it:
     * ERROR 4 for {@code time}; nothing for {@code echo} and {@code rfc868}, which cannot say it.
     */
    public ByteBuffer rejection() {
        return this == TIME
                ? TimeFrames.error(TimeFrames.ERR_SERVER_FULL, "server full")
                : ByteBuffer.allocate(0);
    }

    /** Parses a CLI name ({@code echo}, {@code time}, {@code rfc868}), case-insensitively. */
    public static Protocol fromCliName(String name) {
        for (Protocol p : values()) {
            if (p.cliName.equals(name.toLowerCase(Locale.ROOT))) return p;
        }
        throw new IllegalArgumentException("unknown protocol '" + name + "'; expected one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(Protocol::cliName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
