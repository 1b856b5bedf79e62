package dev.loombench.fault;

import static dev.loombench.fault.FaultTarget.REPLY;

import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.TimeFrames;
import dev.loombench.server.ServerKind;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Abrupt resets (SO_LINGER 0, so the server gets an RST, not a FIN) in the middle of things:
 * {@code time} halfway through a SEND frame, {@code echo} with 100 KB of echo unread,
 * {@code rfc868} before the time was read. Half of the clients reset after being greeted or
 * served a first reply, half right after connecting, before the server may even have accepted
 * them. The server must reclaim every one (the suite's descriptor check) and log nothing.
 */
final class ResetFault implements Fault {

    @Override
    public String name() {
        return "reset";
    }

    @Override
    public String description() {
        return "RST (SO_LINGER 0) mid-frame / mid-echo / before the time is read, served or not yet accepted";
    }

    @Override
    public Set<Protocol> protocols() {
        return Set.of(Protocol.ECHO, Protocol.TIME, Protocol.RFC868);
    }

    @Override
    public String criterion(ServerKind kind) {
        return "every reset connection reclaimed (fds back), nothing logged";
    }

    @Override
    public void inject(FaultTarget target, FaultOutcome outcome) throws InterruptedException {
        int clients = target.pick(16, 64);
        target.inParallel(clients, outcome, i -> {
            FaultClient client = target.connect();
            try {
                boolean served = i % 2 == 0;
                switch (target.protocol()) {
                    case TIME -> {
                        if (served) client.time().welcome(REPLY);
                        client.send(ByteBuffer.allocate(13).putInt(100).put((byte) TimeFrames.SEND).putInt(1).flip()); // 13 of 104 bytes
                    }
                    case ECHO -> {
                        if (served) Exchanges.echo(client, 100, REPLY);
                        client.send(new byte[100_000]); // its echo is never read
                    }
                    case RFC868 -> {
                        if (served) Thread.sleep(5); // the server may have written the time already
                    }
                }
            } finally {
                client.reset();
            }
            return null;
        });
        outcome.summary(clients + " resets, all reclaimed");
    }
}
