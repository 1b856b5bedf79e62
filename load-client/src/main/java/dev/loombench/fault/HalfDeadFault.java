package dev.loombench.fault;

import static dev.loombench.fault.FaultTarget.SLACK;

import dev.loombench.protocol.Protocol;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A peer that vanishes without a FIN. From user space on loopback a peer cannot really vanish
 * (the kernel answers for it), so this is the faithful stand-in: a client that makes one good
 * exchange, then neither sends nor reads again but keeps its socket open — a silent, half-dead
 * peer, which is what the server sees of a vanished one until TCP keep-alive would notice
 * (hours). Only {@code --idle-timeout} reclaims it; it must, and not before its time.
 *
 * <p>{@code single} serves one at a time, so the k-th silent client is reclaimed only after k
 * idle timeouts; {@code rfc868} connections end on their own once the time is written.
 */
final class HalfDeadFault implements Fault {

    @Override
    public String name() {
        return "half-dead";
    }

    @Override
    public String description() {
        return "one good exchange, then silent with the socket open (stand-in for a peer gone without FIN)";
    }

    @Override
    public Set<Protocol> protocols() {
        return Set.of(Protocol.ECHO, Protocol.TIME, Protocol.RFC868);
    }

    @Override
    public String criterion(ServerKind kind) {
        return "closed by the server after no less than 0.9 x idle-timeout and no more than idle-timeout + 2 s of silence (rfc868: at once)"
                + (kind == ServerKind.SINGLE ? "; single: the k-th client is served only after k-1 idle timeouts" : "");
    }

    @Override
    public void inject(FaultTarget target, FaultOutcome outcome) throws InterruptedException {
        ServerConfig config = target.config();
        Duration idle = config.idleTimeout();
        if (idle.isZero() && target.protocol() != Protocol.RFC868) {
            outcome.problem("the server has no --idle-timeout: a half-dead peer is never reclaimed");
        }
        int clients = target.kind() == ServerKind.SINGLE ? target.pick(2, 3) : Math.min(target.pick(6, 16), target.freeWorkers());
        Duration wait = idle.multipliedBy(clients).plus(SLACK).plus(FaultTarget.REPLY);
        List<Long> silences = target.inParallel(clients, outcome, i -> {
            try (FaultClient client = FaultClient.connect(target.address(), wait)) {
                switch (target.protocol()) {
                    case TIME -> {
                        client.time().welcome(wait);
                        Exchanges.time(client, FaultTarget.REPLY);
                    }
                    case ECHO -> Exchanges.echo(client, 100, wait);
                    case RFC868 -> { }
                }
                long silentSince = System.nanoTime();
                FaultClient.Ending ending = client.awaitEnd(idle.plus(SLACK).plus(Duration.ofSeconds(1)));
                long silent = System.nanoTime() - silentSince;
                outcome.check(ending != FaultClient.Ending.STILL_OPEN, "a silent client was still open after " + silent / 1_000_000 + " ms");
                return silent;
            }
        });
        long shortest = silences.stream().filter(Objects::nonNull).mapToLong(Long::longValue).min().orElse(-1);
        long longest = silences.stream().filter(Objects::nonNull).mapToLong(Long::longValue).max().orElse(-1);
        if (target.protocol() != Protocol.RFC868) {
            outcome.check(shortest >= idle.toNanos() * 9 / 10, "closed after " + shortest / 1_000_000 + " ms of silence, before the idle timeout");
            outcome.check(longest <= idle.plus(SLACK).toNanos(), "closed only after " + longest / 1_000_000 + " ms of silence");
        } else {
            outcome.check(longest <= SLACK.toNanos(), "rfc868 connection still open " + longest / 1_000_000 + " ms after connecting");
        }
        outcome.figure("silentClients", clients);
        outcome.figure("idleTimeoutMs", idle.toMillis());
        outcome.figure("closedAfterMs", List.of(shortest / 1_000_000, longest / 1_000_000));
        outcome.summary(String.format("%d silent, closed after %.2f-%.2f s (idle-timeout %s s)", clients, shortest / 1e9, longest / 1e9,
                idle.toMillis() / 1000.0));
    }
}
