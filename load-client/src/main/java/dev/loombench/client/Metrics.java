package dev.loombench.client;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * What all clients of a run record, in one place: HdrHistogram {@link Recorder}s for round-trip
 * latency, raw service time and connect time (nanoseconds), and counters. The generator samples
 * it once per interval ({@link IntervalSampler}); the counters only grow, so a sample is the
 * difference from the previous one.
 *
 * <p>Thread-safe and wait-free on the recording side: every client thread records directly,
 * with no lock and no per-request allocation. After {@link #close()} nothing more is recorded,
 * so the errors the shutdown itself causes never reach the results.
 */
final class Metrics {

    /** Largest value the histograms hold: one hour in nanoseconds (larger values are clamped). */
    static final long HIGHEST_NANOS = TimeUnit.HOURS.toNanos(1);
    static final int SIGNIFICANT_DIGITS = 3;

    final Recorder latency = new Recorder(HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    final Recorder service = new Recorder(HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    final Recorder connect = new Recorder(HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    private final LongAdder requests = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder messages = new LongAdder();
    private final LongAdder[] errors = new LongAdder[ErrorClass.values().length];
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicLong maxLag = new AtomicLong();
    private volatile boolean closed;

    Metrics() {
        for (int i = 0; i < errors.length; i++) errors[i] = new LongAdder();
    }

    /** A verified reply: latency from the intended send, service time from the actual send. */
    void reply(long latencyNanos, long serviceNanos, int replyBytes) {
        if (closed) return;
        latency.recordValue(clamp(latencyNanos));
        service.recordValue(clamp(serviceNanos));
        requests.increment();
        bytes.add(replyBytes);
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
        return new Totals(requests.sum(), bytes.sum(), messages.sum(), byClass);
    }

    /** Counter values at one moment. */
    record Totals(long requests, long bytes, long messages, long[] errors) {
        long errorCount() {
            long sum = 0;
            for (long e : errors) sum += e;
            return sum;
        }
    }

    private static long clamp(long nanos) {
        return Math.min(Math.max(nanos, 0), HIGHEST_NANOS);
    }
}
