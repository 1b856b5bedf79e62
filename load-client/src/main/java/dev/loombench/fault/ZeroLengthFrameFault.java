package dev.loombench.fault;

import static dev.loombench.fault.FaultTarget.REPLY;
import static dev.loombench.fault.FaultTarget.SLACK;

import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.TimeFrames;
import dev.loombench.server.ServerKind;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * {@code time} frames of length 0 (PROTOCOL.md: 1 ≤ length): alone, and right behind a valid
 * TIME in the same write. The valid request is answered first; then ERROR 2 and the close.
 */
final class ZeroLengthFrameFault implements Fault {

    @Override
    public String name() {
        return "zero-frame";
    }

    @Override
    public String description() {
        return "a frame of length 0, alone and pipelined behind a valid TIME";
    }

    @Override
    public Set<Protocol> protocols() {
        return Set.of(Protocol.TIME);
    }

    @Override
    public String criterion(ServerKind kind) {
        return "TIME_OK for the valid request before it, then ERROR 2, then close";
    }

    @Override
    public void inject(FaultTarget target, FaultOutcome outcome) throws InterruptedException {
        int clients = target.pick(4, 16);
        target.inParallel(clients, outcome, i -> {
            try (FaultClient client = target.connect()) {
                client.time().welcome(REPLY);
                boolean behindTime = i % 2 == 1;
                ByteBuffer bytes = ByteBuffer.allocate(9);
                if (behindTime) client.time().encode(TimeFrames.TIME, bytes);
                client.time().sendUnframed(bytes.putInt(0).flip());
                if (behindTime) Exchanges.timeOk(client.time().reply(REPLY));
                Exchanges.expectError(client, TimeFrames.ERR_BAD_LENGTH, REPLY);
                outcome.check(client.awaitEnd(SLACK) != FaultClient.Ending.STILL_OPEN, "still open after ERROR 2");
            }
            return null;
        });
        outcome.summary(clients + " clients, ERROR 2 and closed");
    }
}
