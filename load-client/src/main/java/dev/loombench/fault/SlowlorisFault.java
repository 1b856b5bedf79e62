package dev.loombench.fault;

import static dev.loombench.fault.FaultTarget.REPLY;
import static dev.loombench.fault.FaultTarget.SLACK;

import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.TimeClientCodec;
import dev.loombench.protocol.TimeFrames;
import dev.loombench.server.ServerKind;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

/**
 * Slowloris: many clients at once, each trickling two {@code time} requests (TIME, NAME) one
 * byte every 100 ms, 1 s in all, as slow as it can be without tripping the idle timeout. Each
 * must be answered, correctly, as soon as its last byte is in; meanwhile the steady clients
 * must not notice. Tricklers that {@code single} or a busy {@code pool} cannot serve yet wait
 * in the backlog or queue, but their bytes wait in the kernel, so they too are answered as soon
 * as they are taken.
 */
final class SlowlorisFault implements Fault {

    static final long BYTE_EVERY_MILLIS = 100;
    /** single: what serving one trickler in turn may take (its replies, our reading them, its close). */
    static final long IN_TURN_NANOS = 50_000_000;

    @Override
    public String name() {
        return "slowloris";
    }

    @Override
    public String description() {
        return "many clients at once trickle two requests one byte per 100 ms (1 s each)";
    }

    @Override
    public Set<Protocol> protocols() {
        return Set.of(Protocol.TIME);
    }

    @Override
    public String criterion(ServerKind kind) {
        return "every trickler answered correctly within 2 s of its last byte"
                + switch (kind) {
                    case SINGLE -> " + 50 ms per trickler (served in turn; their bytes wait in the kernel)";
                    case POOL -> " (tricklers beyond the free workers wait in the queue)";
                    default -> "";
                };
    }

    @Override
    public void inject(FaultTarget target, FaultOutcome outcome) throws InterruptedException {
        int clients = target.pick(16, 48);
        List<Long> lateness = target.inParallel(clients, outcome, i -> {
            try (FaultClient client = target.connect()) {
                ByteBuffer requests = ByteBuffer.allocate(2 * TimeClientCodec.EMPTY_REQUEST_BYTES);
                client.time().encode(TimeFrames.TIME, requests);
                client.time().encode(TimeFrames.NAME, requests);
                for (byte b : requests.array()) {
                    client.send(new byte[] {b});
                    Thread.sleep(BYTE_EVERY_MILLIS);
                }
                long lastByte = System.nanoTime() - BYTE_EVERY_MILLIS * 1_000_000;
                client.time().welcome(REPLY);
                Exchanges.timeOk(client.time().reply(REPLY));
                Exchanges.ok(client.time().reply(REPLY)); // NAME_OK
                return System.nanoTime() - lastByte;
            }
        });
        long worst = lateness.stream().filter(n -> n != null).mapToLong(Long::longValue).max().orElse(-1);
        long bound = SLACK.toNanos() + (target.kind() == ServerKind.SINGLE ? clients * IN_TURN_NANOS : 0);
        outcome.check(worst <= bound, "a trickler was answered " + millis(worst) + " ms after its last byte (bound " + millis(bound) + " ms)");
        outcome.figure("tricklers", clients);
        outcome.figure("worstReplyAfterLastByteMs", millis(worst));
        outcome.summary(String.format("%d tricklers answered <= %.2f s after their last byte", clients, worst / 1e9));
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
