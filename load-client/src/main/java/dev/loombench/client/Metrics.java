package dev.loombench.client;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * What every loop of a run records outside its own {@link LoopRecorder}: connect times (an
 * HdrHistogram {@link Recorder}, nanoseconds), failures by class, MESSAGE indications, live
 * connections and the worst open-loop send lag. All of these happen per connection or per failure,
 * not per request, so shared adders cost nothing that matters. The sampler reads the counters once
 * per interval; they only grow, so a sample is the difference from the previous one.
 *
 * <p>Thread-safe. After {@link #close()} nothing more is recorded, so the failures the shutdown
 * itself causes never reach the results.
 */
final class Metrics {

    /** Largest value the histograms hold: one hour in nanoseconds (larger values are clamped). */
    static final long HIGHEST_NANOS = TimeUnit.HOURS.toNanos(1);
    static final int SIGNIFICANT_DIGITS = 3;

    final Recorder connect = new Recorder(HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    private final LongAdder messages = new LongAdder();
    private final LongAdder[] errors = new LongAdder[ErrorClass.values().length];
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicLong maxLag = new AtomicLong();
    private volatile boolean closed;

    Metrics() {
        for (int i = 0; i < errors.length; i++) errors[i] = new LongAdder();
    }

    void error(ErrorClass kind) {
        if (!closed) errors[kind.ordinal()].increment();
    }

    void connected(long nanos) {
        if (!closed) connect.recordValue(clamp(nanos));
    }

    void message(long count) {
        if (!closed) messages.add(count);
    }

    /** Open loop: a request was sent {@code nanos} after its intended time. */
    void lag(long nanos) {
        if (nanos > maxLag.get()) maxLag.accumulateAndGet(nanos, Math::max);
    }

    void connectionOpened() {
        live.incrementAndGet();
    }

    void connectionClosed() {
        live.decrementAndGet();
    }

    int liveConnections() {
        return live.get();
    }

    /** The largest send lag since the last call, and starts over. */
    long takeMaxLag() {
        return maxLag.getAndSet(0);
    }

    /** Stops recording for good. */
    void close() {
        closed = true;
    }

    /** The counters now (they only grow). */
    Totals totals() {
        long[] byClass = new long[errors.length];
        for (int i = 0; i < errors.length; i++) byClass[i] = errors[i].sum();
        return new Totals(messages.sum(), byClass);
    }

    /** Counter values at one moment. */
    record Totals(long messages, long[] errors) {
        long errorCount() {
            long sum = 0;
            for (long e : errors) sum += e;
            return sum;
        }
    }

    static long clamp(long nanos) {
        return Math.min(Math.max(nanos, 0), HIGHEST_NANOS);
    }
}
