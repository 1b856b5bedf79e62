package dev.loombench.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The load engine run open-ended, for as long as a caller needs a steady, well-behaved load beside
 * something else (the fault suite injects its faults while this runs). Same clients, same
 * verification and error classes as {@link LoadGenerator}, without its phases: no warm-up, no
 * intervals, no histograms kept; the caller reads {@link #totals} whenever it likes and compares two.
 *
 * <p>Usage: {@code try (SteadyLoad load = SteadyLoad.start(config, address)) { Totals a = load.totals(); ...; load.totals().minus(a); }}
 * {@code config.duration()} and {@code warmup()} are ignored; an open-loop {@code rate} keeps
 * the load steady. Thread-safe; {@link #close} ends the engine's threads.
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

    private final Engine engine;

    private SteadyLoad(Engine engine) {
        this.engine = engine;
    }

    /** Starts {@code config.clients()} clients and waits (at most the connect timeout) until each made its first connect attempt. */
    public static SteadyLoad start(LoadConfig config, InetSocketAddress target) throws InterruptedException {
        SteadyLoad load = new SteadyLoad(Engine.start(config, target));
        load.engine.firstAttempts.await(load.engine.timeoutNanos, TimeUnit.NANOSECONDS);
        return load;
    }

    /**
     * Counters since the load started.
     *
     * @throws IllegalStateException if an event loop died of an unexpected exception (a bug, or
     *                               this JVM ran out of descriptors): the load is no longer whole
     */
    public Totals totals() {
        Throwable bug = engine.clientBug();
        if (bug != null) throw new IllegalStateException("the steady load failed: " + bug, bug);
        Metrics.Totals t = engine.metrics.totals();
        Map<ErrorClass, Long> errors = new EnumMap<>(ErrorClass.class);
        for (ErrorClass kind : ErrorClass.values()) errors.put(kind, t.errors()[kind.ordinal()]);
        return new Totals(engine.verified(), Collections.unmodifiableMap(errors));
    }

    /** Client connections open now. */
    public int liveConnections() {
        return engine.metrics.liveConnections();
    }

    /** Waits until every client has had at least one verified reply, at most {@code timeout}; true if they have. */
    public boolean awaitEveryClientServed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (engine.clients().stream().anyMatch(client -> client.served() == 0)) {
            if (System.nanoTime() - deadline > 0) return false;
            Thread.sleep(10);
        }
        return true;
    }

    /** Stops recording, then every client (their sockets close); returns when the engine's threads ended. Idempotent. */
    @Override
    public void close() {
        engine.close();
    }
}
