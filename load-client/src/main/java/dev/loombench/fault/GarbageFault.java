package dev.loombench.fault;

import static dev.loombench.fault.FaultTarget.REPLY;
import static dev.loombench.fault.FaultTarget.SLACK;

import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.TimeFrames;
import dev.loombench.server.ServerKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Clients that send bytes of the wrong protocol. For {@code time}: an HTTP request, a TLS
 * ClientHello and random bytes, each read as a frame length far above max-frame, so the server
 * must answer ERROR 2 and close. For {@code echo} garbage is just data: 64 KiB of random bytes
 * must come back unchanged. For {@code rfc868}, whose clients have nothing to say: the time
 * still arrives, then the close.
 */
final class GarbageFault implements Fault {

    private static final byte[] HTTP = "GET / HTTP/1.1\r\nHost: loombench\r\nUser-Agent: curl/8\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** The start of a TLS 1.2 ClientHello record: content type 0x16, version 3.1, then the handshake. */
    private static final byte[] TLS = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03, 0x5a, 0x5a};

    @Override
    public String name() {
        return "garbage";
    }

    @Override
    public String description() {
        return "bytes of another protocol: HTTP, a TLS ClientHello, random bytes";
    }

    @Override
    public Set<Protocol> protocols() {
        return Set.of(Protocol.ECHO, Protocol.TIME, Protocol.RFC868);
    }

    @Override
    public String criterion(ServerKind kind) {
        return "time: ERROR 2 then close; echo: 64 KiB random echoed exactly; rfc868: the time, then close"
                + (kind == ServerKind.SINGLE ? " (one client after another)" : "");
    }

    @Override
    public void inject(FaultTarget target, FaultOutcome outcome) throws InterruptedException {
        int clients = target.pick(8, 32);
        target.inParallel(clients, outcome, i -> {
            try (FaultClient client = target.connect()) {
                switch (target.protocol()) {
                    case ECHO -> Exchanges.echoBytes(client, Exchanges.randomBytes(64 * 1024, i), REPLY);
                    case TIME -> {
                        client.time().welcome(REPLY);
                        client.time().sendUnframed(ByteBuffer.wrap(garbage(i)));
                        Exchanges.expectError(client, TimeFrames.ERR_BAD_LENGTH, REPLY);
                        outcome.check(client.awaitEnd(SLACK) != FaultClient.Ending.STILL_OPEN, "still open after ERROR 2");
                    }
                    case RFC868 -> {
                        try {
                            client.send(garbage(i));
                        } catch (IOException closedAlready) {
                            // the server may have sent the time and closed before our bytes arrived
                        }
                        Exchanges.rfc868(client, REPLY); // the time, then the close
                    }
                }
            }
            return null;
        });
        outcome.summary(clients + " clients, " + switch (target.protocol()) {
            case ECHO -> "64 KiB echoed exactly";
            case TIME -> "ERROR 2 and closed";
            case RFC868 -> "the time, then closed";
        });
        outcome.figure("clients", clients);
    }

    /** HTTP, TLS or 1 KiB of random bytes whose first byte makes the length at least 2^31. */
    private static byte[] garbage(int i) {
        return switch (i % 3) {
            case 0 -> HTTP;
            case 1 -> TLS;
            default -> {
                byte[] bytes = Exchanges.randomBytes(1024, i);
                bytes[0] |= (byte) 0x80;
                yield bytes;
            }
        };
    }
}
