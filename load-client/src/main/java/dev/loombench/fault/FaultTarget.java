package dev.loombench.fault;

import dev.loombench.protocol.Protocol;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What a fault is injected into: the running server (model, protocol, its exact settings, its
 * address and process), how hard to push ({@code quick} or the full suite), and how many steady
 * clients hold connections beside it (they occupy {@code pool} workers).
 *
 * @param steadyClients connections the steady load holds open while the fault runs (0 for
 *                      {@code single}, whose steady load is paused, and for {@code rfc868})
 */
public record FaultTarget(ServerKind kind, Protocol protocol, ServerConfig config, InetSocketAddress address,
                          boolean quick, ServerUnderTest server, int steadyClients) {

    /** Longest a reply to a well-formed request may take on a loaded 2-core machine; a hang, not a latency. */
    public static final Duration REPLY = Duration.ofSeconds(5);
    /** Allowance on top of a server deadline (idle or write timeout) before a late close is a failure. */
    public static final Duration SLACK = Duration.ofSeconds(2);

    /** The quick or the full figure. */
    public int pick(int quick, int full) {
        return this.quick ? quick : full;
    }

    public FaultClient connect() throws IOException {
        return FaultClient.connect(address, REPLY);
    }

    /** Workers a fault may occupy at once without waiting: {@code pool} has {@code poolSize}, minus the steady clients'. */
    public int freeWorkers() {
        return switch (kind) {
            case SINGLE -> 1;
            case POOL -> config.poolSize() - steadyClients;
            default -> Integer.MAX_VALUE;
        };
    }

    /** One client's part of a fault; its own number is {@code i}. */
    @FunctionalInterface
    public interface ClientTask<T> {
        T run(int i) throws Exception;
    }

    /**
     * Runs {@code n} clients at once, each on its own virtual thread, and returns their results
     * in order. A client that throws is a problem in {@code outcome} (its result is null); every
     * client's waits are bounded, so this returns.
     */
    public <T> List<T> inParallel(int n, FaultOutcome outcome, ClientTask<T> task) throws InterruptedException {
        return inParallel(n, outcome, task, () -> {});
    }

    /** As {@link #inParallel(int, FaultOutcome, ClientTask)}; {@code started} runs once every client is started (to release them together). */
    public <T> List<T> inParallel(int n, FaultOutcome outcome, ClientTask<T> task, Runnable started) throws InterruptedException {
        List<Future<T>> futures = new ArrayList<>(n);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                int id = i;
                futures.add(clients.submit(() -> task.run(id)));
            }
            started.run();
        }
        List<T> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            try {
                results.add(futures.get(i).get());
            } catch (ExecutionException e) {
                outcome.problem("a client failed: " + e.getCause());
                results.add(null);
            }
        }
        return results;
    }
}
