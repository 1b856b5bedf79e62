package dev.loombench.fault;

import static dev.loombench.fault.FaultTarget.REPLY;
import static dev.loombench.fault.FaultTarget.SLACK;

import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.TimeFrames;
import dev.loombench.server.ServerKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * {@code time} frames longer than max-frame: one byte over, the largest u32 (4 GiB - 1), and one
 * byte over followed by 256 KiB of body. The server must refuse the length before it buffers a
 * byte of the body (ERROR 2, close); the suite's memory check shows it did not allocate.
 */
final class OversizeFrameFault implements Fault {

    @Override
    public String name() {
        return "oversize-frame";
    }

    @Override
    public String description() {
        return "frame lengths above max-frame: max+1, 2^32-1, max+1 with 256 KiB of body behind it";
    }

    @Override
    public Set<Protocol> protocols() {
        return Set.of(Protocol.TIME);
    }

    @Override
    public String criterion(ServerKind kind) {
        return "ERROR 2 then close, nothing of the body buffered (RSS unchanged)";
    }

    @Override
    public void inject(FaultTarget target, FaultOutcome outcome) throws InterruptedException {
        int clients = target.pick(6, 18);
        int maxFrame = target.config().maxFrame();
        target.inParallel(clients, outcome, i -> {
            try (FaultClient client = target.connect()) {
                client.time().welcome(REPLY);
                int length = i % 3 == 1 ? -1 : maxFrame + 1;
                client.time().sendUnframed(ByteBuffer.allocate(5).putInt(length).put((byte) TimeFrames.SEND).flip());
                if (i % 3 == 2) sendBody(client);
                Exchanges.expectError(client, TimeFrames.ERR_BAD_LENGTH, REPLY);
                outcome.check(client.awaitEnd(SLACK) != FaultClient.Ending.STILL_OPEN, "still open after ERROR 2");
            }
            return null;
        });
        outcome.summary(clients + " clients, ERROR 2 and closed");
    }

    /** 256 KiB the server should never read; it may close (and reset) while we write, which ends the body early. */
    private static void sendBody(FaultClient client) {
        try {
            byte[] chunk = new byte[16 * 1024];
            for (int k = 0; k < 16; k++) client.send(chunk);
        } catch (IOException closedByServer) {
            // expected once the server has refused the frame
        }
    }
}
