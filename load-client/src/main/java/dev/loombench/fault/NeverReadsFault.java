package dev.loombench.fault;

import static dev.loombench.fault.FaultTarget.SLACK;

import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.TimeFrames;
import dev.loombench.server.ServerKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A client that keeps sending but never reads what the server writes back: {@code echo} data,
 * or {@code time} requests pipelined without end (each answered by a TIME_OK nobody reads). Its
 * receive buffer is shrunk to 4 KiB, so the server's output backs up at once. The server may
 * buffer only a bounded amount for it (socket buffers; {@code nio}: {@code --max-output}) and
 * must close it once its writes make no progress for {@code --write-timeout}; the client
 * notices as a failing write. Writing is capped at 64 MiB: reaching the cap means the server
 * buffered without bound.
 */
final class NeverReadsFault implements Fault {

    static final long CAP_BYTES = 64L << 20;

    @Override
    public String name() {
        return "never-reads";
    }

    @Override
    public String description() {
        return "sends forever (echo data, pipelined TIME requests) and never reads a byte";
    }

    @Override
    public Set<Protocol> protocols() {
        return Set.of(Protocol.ECHO, Protocol.TIME);
    }

    @Override
    public String criterion(ServerKind kind) {
        return "closed within write-timeout + 2 s of its writes stalling, having taken far less than 64 MiB";
    }

    private record Result(long bytes, long stalledNanos) {}

    @Override
    public void inject(FaultTarget target, FaultOutcome outcome) throws InterruptedException {
        int clients = target.kind() == ServerKind.SINGLE ? 1 : Math.min(target.pick(2, 4), target.freeWorkers());
        long writeTimeout = target.config().writeTimeout().toNanos();
        byte[] chunk = chunk(target.protocol());
        List<Result> results = target.inParallel(clients, outcome, i -> {
            try (FaultClient client = FaultClient.connect(target.address(), FaultTarget.REPLY, 4096)) {
                long written = 0;
                long lastProgress = System.nanoTime();
                try {
                    while (written < CAP_BYTES) {
                        client.send(chunk);
                        written += chunk.length;
                        lastProgress = System.nanoTime();
                    }
                    outcome.problem("wrote " + (CAP_BYTES >> 20) + " MiB without being closed: output is not bounded");
                } catch (IOException closedByServer) {
                    // what should happen
                }
                return new Result(written, System.nanoTime() - lastProgress);
            }
        });
        long worstStall = results.stream().filter(Objects::nonNull).mapToLong(Result::stalledNanos).max().orElse(-1);
        long mostBytes = results.stream().filter(Objects::nonNull).mapToLong(Result::bytes).max().orElse(-1);
        outcome.check(worstStall <= writeTimeout + SLACK.toNanos(),
                "closed only " + worstStall / 1_000_000 + " ms after its writes stalled");
        outcome.figure("clients", clients);
        outcome.figure("writtenBeforeCloseBytes", mostBytes);
        outcome.figure("closedAfterStallMs", worstStall / 1_000_000);
        outcome.summary(String.format("%d deaf, closed %.2f s after stalling, %.1f MiB taken", clients, worstStall / 1e9,
                mostBytes / 1048576.0));
    }

    /** 4 KiB of echo data, or 819 pipelined TIME requests (5 bytes each): small, so a stall is timed from the last progress. */
    private static byte[] chunk(Protocol protocol) {
        if (protocol == Protocol.ECHO) return Exchanges.randomBytes(4096, 7);
        ByteBuffer requests = ByteBuffer.allocate(819 * 5);
        while (requests.hasRemaining()) requests.put(TimeFrames.empty(TimeFrames.TIME));
        return requests.array();
    }
}
