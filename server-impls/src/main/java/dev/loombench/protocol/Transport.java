package dev.loombench.protocol;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the protocols travel (PROTOCOL.md): over TCP connections, or as UDP datagrams (§4). */
public enum Transport {

    /** A connection per client; every protocol. */
    TCP("tcp"),
    /** One datagram per request, one per reply, no connection; {@code echo} and {@code rfc868} only. */
    UDP("udp");

    /**
     * The largest UDP payload over IPv4: 65,535 bytes of IP datagram minus the 20-byte IP header and
     * the 8-byte UDP header. A datagram can never be larger, so this is also what a receive buffer
     * must hold for no datagram to be cut short.
     */
    public static final int MAX_DATAGRAM = 65_507;

    private final String cliName;

    Transport(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** Parses a CLI name ({@code tcp}, {@code udp}), case-insensitively. */
    public static Transport fromCliName(String name) {
        for (Transport t : values()) {
            if (t.cliName.equals(name.toLowerCase(Locale.ROOT))) return t;
        }
        throw new IllegalArgumentException("unknown transport '" + name + "'; expected one of "
                + Arrays.stream(values()).map(Transport::cliName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
