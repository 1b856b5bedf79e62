package dev.loombench.fault;

import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.Transport;
import dev.loombench.server.ServerKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bad input over UDP, in three faults that differ only in what they send (PROTOCOL.md, "Limits and
 * bad input"): {@code empty-datagram} (no payload at all), {@code oversize-datagram} (the largest a
 * datagram can be, 65,507 bytes, and one past the server's {@code --buffer}; one byte more is refused
 * by the sender's own kernel, which the fault shows) and {@code garbage-datagram} (HTTP, a TLS
 * ClientHello, random bytes, one byte, a loombench header of a client that does not exist). A
 * datagram stands alone, so the criterion is the protocol's answer to each: echo sends it back
 * unchanged, rfc868 answers any datagram with the time.
 */
final class BadDatagramsFault implements Fault {

    /** Which datagrams a fault sends. */
    enum Kind {
        EMPTY("empty-datagram", "datagrams with no payload"),
        OVERSIZE("oversize-datagram", "the largest datagrams (65,507 bytes) and ones past --buffer"),
        GARBAGE("garbage-datagram", "datagrams of another protocol: HTTP, TLS, random bytes, one byte, a stranger's header");

        final String name;
        final String description;

        Kind(String name, String description) {
            this.name = name;
            this.description = description;
        }
    }

    private static final byte[] HTTP = "GET / HTTP/1.1\r\nHost: loombench\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TLS = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03, 0x5a, 0x5a};

    private final Kind kind;

    BadDatagramsFault(Kind kind) {
        this.kind = kind;
    }

    @Override
    public String name() {
        return kind.name;
    }

    @Override
    public String description() {
        return kind.description;
    }

    @Override
    public Set<Protocol> protocols() {
        return Set.of(Protocol.ECHO, Protocol.RFC868);
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(Transport.UDP);
    }

    /** Netty sends no empty datagram (its datagram channels skip a zero-byte write): the empty echo cannot come back. */
    @Override
    public String notApplicable(ServerKind model, Protocol protocol) {
        return kind == Kind.EMPTY && model == ServerKind.NETTY && protocol == Protocol.ECHO
                ? "Netty sends no empty datagram (its datagram channels skip a zero-byte write); the server counts the echo as dropped"
                : null;
    }

    @Override
    public String criterion(ServerKind model) {
        return "echo: each datagram back unchanged; rfc868: 4 bytes of time for each";
    }

    @Override
    public void inject(FaultTarget target, FaultOutcome outcome) throws InterruptedException {
        int clients = target.pick(4, 16);
        List<byte[]> datagrams = datagrams(target);
        AtomicInteger resent = new AtomicInteger();
        target.inParallel(clients, outcome, i -> {
            try (DatagramExchanges client = new DatagramExchanges(target.address())) {
                for (byte[] datagram : datagrams) {
                    try {
                        client.exchange(target.protocol(), datagram, FaultTarget.REPLY);
                    } catch (IOException e) {
                        outcome.problem(e.getMessage());
                    }
                }
                resent.addAndGet(client.resent());
            }
            return null;
        });
        if (kind == Kind.OVERSIZE) tooLarge(target, outcome);
        outcome.summary(clients + " clients x " + datagrams.size() + " datagrams, " + switch (target.protocol()) {
            case ECHO -> "each echoed unchanged";
            default -> "each answered with the time";
        } + (resent.get() > 0 ? " (" + resent.get() + " sent again)" : ""));
        outcome.figure("clients", clients);
        outcome.figure("datagramsPerClient", datagrams.size());
        outcome.figure("resent", resent.get());
    }

    private List<byte[]> datagrams(FaultTarget target) {
        return switch (kind) {
            case EMPTY -> List.of(new byte[0], new byte[0], new byte[0]);
            case OVERSIZE -> List.of(Exchanges.randomBytes(Transport.MAX_DATAGRAM, 1),
                    Exchanges.randomBytes(target.config().bufferSize() + 1, 2), Exchanges.randomBytes(Transport.MAX_DATAGRAM, 3));
            case GARBAGE -> {
                byte[] stranger = Exchanges.randomBytes(64, 4);
                stranger[0] = 0x7f; // a client id no load client has
                yield List.of(HTTP, TLS, Exchanges.randomBytes(1400, 5), new byte[] {(byte) 0xff}, stranger);
            }
        };
    }

    /** One byte past the largest datagram cannot even leave the sender: its kernel refuses it (EMSGSIZE). */
    private static void tooLarge(FaultTarget target, FaultOutcome outcome) {
        try (DatagramExchanges client = new DatagramExchanges(target.address())) {
            client.send(new byte[Transport.MAX_DATAGRAM + 1]);
            outcome.figure("oneByteMore", "sent (this kernel allows larger datagrams than IPv4 carries)");
        } catch (IOException e) {
            outcome.figure("oneByteMore", "refused by the sender's kernel: " + e.getMessage());
        }
    }
}
