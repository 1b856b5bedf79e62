package dev.loombench.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The load engine's verifying clients ({@link LoadClient}) run open-ended, for as long as a
 * caller needs a steady, well-behaved load beside something else (the fault suite injects its
 * faults while this runs). Same clients, same verification and error classes as
 * {@link LoadGenerator}, without its phases: no warm-up, no intervals, no histograms kept; the
 * caller reads {@link #totals} whenever it likes and compares two of them.
 *
 * <p>Usage: {@code try (SteadyLoad load = SteadyLoad.start(config, address)) { Totals a = load.totals(); ...; load.totals().minus(a); }}
 * {@code config.duration()} and {@code warmup()} are ignored; an open-loop {@code rate} keeps
 * the load steady. Thread-safe; {@link #close} ends every client thread.
 */
public final class SteadyLoad implements AutoCloseable {

    /**
     * Counters since the load started (they only grow).
     *
     * @param requests verified replies
     * @param errors   failures by class (every class present)
     */
    public record Totals(long requests, Map<ErrorClass, Long> errors) {

        public long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        /** What happened between {@code earlier} and this. */
        public Totals minus(Totals earlier) {
            Map<ErrorClass, Long> diff = new EnumMap<>(ErrorClass.class);
            errors.forEach((kind, n) -> diff.put(kind, n - earlier.errors.getOrDefault(kind, 0L)));
            return new Totals(requests - earlier.requests, Collections.unmodifiableMap(diff));
        }
    }

    private final LoadContext ctx;
    private final ExecutorService threads;
    private final List<LoadClient> clients = new ArrayList<>();

    private SteadyLoad(LoadConfig config, InetSocketAddress target) {
        this.ctx = new LoadContext(config, target, new Metrics(config.clients()));
        this.threads = Executors.newThreadPerTaskExecutor(config.platformThreads()
                ? Thread.ofPlatform().name("loombench-steady-", 0).factory()
                : Thread.ofVirtual().name("loombench-steady-", 0).factory());
    }

    /** Starts {@code config.clients()} clients and waits (at most the connect timeout) until each made its first connect attempt. */
    public static SteadyLoad start(LoadConfig config, InetSocketAddress target) throws InterruptedException {
        SteadyLoad load = new SteadyLoad(config, target);
        long start = System.nanoTime();
        for (int i = 0; i < config.clients(); i++) {
            OpenLoopSchedule schedule = config.openLoop() ? OpenLoopSchedule.of(start, config.rate(), config.clients(), i) : null;
            LoadClient client = new LoadClient(load.ctx, schedule, i);
            load.clients.add(client);
            load.threads.execute(client);
        }
        load.ctx.firstAttempts.await(load.ctx.timeoutNanos, TimeUnit.NANOSECONDS);
        return load;
    }

    /**
     * Counters since the load started.
     *
     * @throws IllegalStateException if a client thread died of an unexpected exception (a bug, or
     *                               this JVM ran out of descriptors): the load is no longer whole
     */
    public Totals totals() {
        Throwable bug = ctx.clientBug();
        if (bug != null) throw new IllegalStateException("a steady client died: " + bug, bug);
        Metrics.Totals t = ctx.metrics.totals();
        Map<ErrorClass, Long> errors = new EnumMap<>(ErrorClass.class);
        for (ErrorClass kind : ErrorClass.values()) errors.put(kind, t.errors()[kind.ordinal()]);
        long verified = clients.stream().mapToLong(LoadClient::served).sum();
        return new Totals(verified, Collections.unmodifiableMap(errors));
    }

    /** Client connections open now. */
    public int liveConnections() {
        return ctx.metrics.liveConnections();
    }

    /** Waits until every client has had at least one verified reply, at most {@code timeout}; true if they have. */
    public boolean awaitEveryClientServed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (clients.stream().anyMatch(client -> client.served() == 0)) {
            if (System.nanoTime() - deadline > 0) return false;
            Thread.sleep(10);
        }
        return true;
    }

    /** Stops recording, then every client (their sockets close); returns when their threads ended. Idempotent. */
    @Override
    public void close() throws InterruptedException {
        ctx.stop();
        ctx.metrics.close();
        clients.forEach(LoadClient::abort);
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }
}
