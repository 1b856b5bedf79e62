package dev.loombench.fault;

import dev.loombench.client.ErrorClass;
import dev.loombench.protocol.BadReplyException;
import dev.loombench.protocol.Protocol;
import dev.loombench.server.ServerKind;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A connection storm: hundreds (quick) or 2000 (full) connects at once, far past the listen
 * backlog and past {@code --max-connections}, each held open until every one has been tried.
 * Each ends up served (WELCOME / echo / the time), refused as server full (ERROR 4, or closed
 * before a byte), left waiting (in the backlog or the {@code pool} queue) or not connected at
 * all (the backlog was full, the SYN dropped). The counts are the figure; the checks are that
 * the server survives, refuses past its limit, and is back to its level afterwards.
 */
final class StormFault implements Fault {

    /** What became of one storm connection. */
    enum Fate { SERVED, REFUSED, WAITING, NOT_CONNECTED }

    @Override
    public String name() {
        return "storm";
    }

    @Override
    public String description() {
        return "hundreds of connects at once, held open: past the listen backlog and --max-connections";
    }

    @Override
    public Set<Protocol> protocols() {
        return Set.of(Protocol.ECHO, Protocol.TIME, Protocol.RFC868);
    }

    @Override
    public String criterion(ServerKind kind) {
        return switch (kind) {
            case SINGLE -> "no crash; one served, the rest wait in or overflow the backlog (max-connections is moot); all reclaimed after";
            case POOL -> "no crash; refusals past max-connections (echo/time), queued beyond the workers wait; all reclaimed after";
            default -> "no crash; refusals past max-connections (echo/time); all reclaimed after";
        };
    }

    /** rfc868's steady clients connect for every request, so during a storm they meet a full server too. */
    @Override
    public Set<ErrorClass> unavoidableSteadyErrors(Protocol protocol) {
        return protocol == Protocol.RFC868
                ? Set.of(ErrorClass.REJECTED, ErrorClass.CONNECT_TIMEOUT, ErrorClass.CONNECT_REFUSED, ErrorClass.READ_TIMEOUT)
                : Set.of();
    }

    @Override
    public void inject(FaultTarget target, FaultOutcome outcome) throws InterruptedException {
        int connections = target.pick(400, 2000);
        // A dropped SYN is sent again after 1 s, then 3 s: connects wait past the first (quick) or second retry.
        Duration connectPatience = Duration.ofMillis(target.pick(2500, 4500));
        Duration patience = Duration.ofMillis(target.pick(800, 2000));
        CountDownLatch tried = new CountDownLatch(connections);
        List<Fate> fates = target.inParallel(connections, outcome, i -> {
            FaultClient client;
            try {
                client = FaultClient.connect(target.address(), connectPatience);
            } catch (IOException e) {
                tried.countDown();
                return Fate.NOT_CONNECTED;
            }
            try (client) {
                Fate fate;
                try {
                    fate = exchange(target.protocol(), client, patience);
                } finally {
                    tried.countDown();
                }
                tried.await(connectPatience.plus(patience).toMillis() * 2, TimeUnit.MILLISECONDS); // held until every connect was tried
                return fate;
            }
        });
        Map<Fate, Integer> counts = new EnumMap<>(Fate.class);
        for (Fate fate : Fate.values()) counts.put(fate, 0);
        fates.stream().filter(Objects::nonNull).forEach(fate -> counts.merge(fate, 1, Integer::sum));
        int max = target.config().maxConnections();
        boolean limited = target.kind() != ServerKind.SINGLE && target.protocol() != Protocol.RFC868 && max > 0 && connections > max;
        if (limited) {
            outcome.check(counts.get(Fate.REFUSED) > 0, "no connection was refused past --max-connections " + max);
        }
        outcome.check(counts.get(Fate.SERVED) > 0, "not one storm connection was served");
        outcome.figure("connections", connections);
        outcome.figure("fates", counts);
        outcome.summary(connections + " connects: " + counts.get(Fate.SERVED) + " served, " + counts.get(Fate.REFUSED) + " refused, "
                + counts.get(Fate.WAITING) + " waited, " + counts.get(Fate.NOT_CONNECTED) + " unconnected");
    }

    /** Served, refused or waiting; throws when the server answered something it must never send. */
    private static Fate exchange(Protocol protocol, FaultClient client, Duration patience) throws IOException {
        try {
            switch (protocol) {
                case TIME -> client.time().welcome(patience);
                case ECHO -> Exchanges.echo(client, 8, patience);
                case RFC868 -> Exchanges.rfc868(client, patience);
            }
            return Fate.SERVED;
        } catch (SocketTimeoutException e) {
            return Fate.WAITING;
        } catch (EOFException | SocketException e) {
            return Fate.REFUSED; // closed or reset before the reply: the silent refusal of echo and rfc868
        } catch (IOException e) {
            if (e.getCause() instanceof BadReplyException bad && bad.kind() == BadReplyException.Kind.REJECTED) {
                return Fate.REFUSED; // time: ERROR 4 instead of WELCOME
            }
            throw e;
        }
    }
}
