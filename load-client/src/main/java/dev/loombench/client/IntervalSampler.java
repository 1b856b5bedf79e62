package dev.loombench.client;

import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.HdrHistogram.Recorder;

/**
 * Cuts the run's {@link Metrics} into {@link Interval}s: each {@link #sample} covers the time
 * since the previous one. Interval histograms come from {@link Recorder#getIntervalHistogram(Histogram)}
 * into recycled buffers and are kept as compact {@link PackedHistogram} copies (a full histogram
 * of 1 h at 3 digits is 270 KB; a packed one of a second's values is a few hundred bytes).
 * Also samples the server process, the client's CPU and its hiccups. Used by one thread.
 *
 * <p>An interval's {@code requests} is its latency histogram's count, so the two always agree,
 * and the per-client counts are read right after it; bytes, errors and the service histogram are
 * read a moment later, so a reply completing just then may land in the next interval.
 */
final class IntervalSampler {

    private final Metrics metrics;
    private final HiccupMeter hiccups;
    private final Supplier<ResourceSample> server;
    private final Supplier<long[]> perClient;
    private long[] lastPerClient = new long[0];
    private final com.sun.management.OperatingSystemMXBean os = osBean();
    private Histogram latencyBuffer;
    private Histogram serviceBuffer;
    private Histogram connectBuffer;
    private final Histogram allConnects = new Histogram(Metrics.HIGHEST_NANOS, Metrics.SIGNIFICANT_DIGITS);
    private Metrics.Totals last;
    private long lastNanos;
    private long lastCpuNanos;

    /** @param perClient each client's verified requests so far, read right after the latency histogram */
    IntervalSampler(Metrics metrics, HiccupMeter hiccups, Supplier<ResourceSample> server, Supplier<long[]> perClient) {
        this.metrics = metrics;
        this.hiccups = hiccups;
        this.server = server == null ? () -> null : server;
        this.perClient = perClient;
        reset();
    }

    /** Starts the next interval now; what was recorded since the last sample is dropped. */
    void reset() {
        sample(System.nanoTime());
    }

    /** The interval from the previous sample to now; {@code phaseStartNanos} dates it. */
    Interval sample(long phaseStartNanos) {
        long now = System.nanoTime();
        latencyBuffer = metrics.latency.getIntervalHistogram(latencyBuffer);
        lastPerClient = perClient.get();
        serviceBuffer = metrics.service.getIntervalHistogram(serviceBuffer);
        connectBuffer = metrics.connect.getIntervalHistogram(connectBuffer);
        allConnects.add(connectBuffer);
        Metrics.Totals totals = metrics.totals();
        long cpu = os == null ? -1 : os.getProcessCpuTime();
        long hiccup = hiccups.takeMax();
        Interval interval = null;
        if (last != null) {
            Map<ErrorClass, Long> errors = new EnumMap<>(ErrorClass.class);
            for (ErrorClass kind : ErrorClass.values()) {
                errors.put(kind, totals.errors()[kind.ordinal()] - last.errors()[kind.ordinal()]);
            }
            double length = (now - lastNanos) / 1e9;
            double cpuFraction = cpu < 0 || lastCpuNanos < 0 || length <= 0 ? 0 : (cpu - lastCpuNanos) / 1e9 / length;
            interval = new Interval((lastNanos - phaseStartNanos) / 1e9, length,
                    latencyBuffer.getTotalCount(), totals.bytes() - last.bytes(),
                    packed(latencyBuffer), packed(serviceBuffer), packed(connectBuffer), errors,
                    metrics.liveConnections(), server.get(), cpuFraction, hiccup);
        }
        last = totals;
        lastNanos = now;
        lastCpuNanos = cpu;
        return interval;
    }

    /** Every connect of the run so far, those before the measured phase included. */
    Histogram allConnects() {
        return allConnects;
    }

    /** When the last sample (the start of the current interval) was taken, {@link System#nanoTime()}. */
    long lastSampleNanos() {
        return lastNanos;
    }

    /** Each client's verified requests at the last sample. */
    long[] perClient() {
        return lastPerClient;
    }

    /** Messages counted so far (time, --op send). */
    long messages() {
        return last.messages();
    }

    private static Histogram packed(Histogram source) {
        PackedHistogram copy = new PackedHistogram(source); // same range and timestamps, no counts
        copy.add(source);
        return copy;
    }

    private static com.sun.management.OperatingSystemMXBean osBean() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean bean ? bean : null;
    }
}
