package dev.loombench.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The three wire protocols every server model speaks (PROTOCOL.md), by their CLI names. */
public enum Protocol {

    /** RFC 862 echo, over TCP or UDP. */
    ECHO("echo"),
    /** The framed request/response {@code time} protocol: TIME, NAME, LIST, SEND, BYE. */
    TIME("time"),
    /** RFC 868 time: over TCP four bytes, then close; over UDP a 4-byte reply to any datagram. */
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
     * This protocol's server side over UDP, for one server.
     *
     * @throws IllegalArgumentException for {@code time}, which has no UDP form
     */
    public DatagramResponder datagramResponder(ServerContext context) {
        return switch (this) {
            case ECHO -> DatagramResponder.echo(context);
            case RFC868 -> DatagramResponder.rfc868(context);
            case TIME -> throw new IllegalArgumentException(NO_UDP);
        };
    }

    /** Why {@code time} cannot go over UDP, for every place that refuses it. */
    public static final String NO_UDP = "--protocol time has no UDP form: its frames, replies in order, LIST and SEND"
            + " between clients need a connection; use --transport tcp, or echo or rfc868 over UDP";

    /** True for the protocols that have a UDP form (echo, rfc868). */
    public boolean hasDatagramForm() {
        return this != TIME;
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
