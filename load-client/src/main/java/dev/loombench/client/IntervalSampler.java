package dev.loombench.client;

import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Cuts the engine's records into {@link Interval}s: each {@link #sample} covers the time since the
 * previous one. Replies, censored requests, bytes and per-client counts come from one swap of each
 * loop's {@link LoopRecorder}, so they always describe the same requests; connect times come from
 * the shared {@code Recorder}. Also samples CPU — the client's own process
 * ({@code getProcessCpuTime}, nanoseconds) and the server's ({@link ProcessResources}) — at the
 * same moment, so every interval, the first included, has its CPU figures. Interval histograms are
 * kept encoded by each {@link Interval}. Used by one thread.
 *
 * <p>Errors and counters are read a moment after the swap, so a failure happening just then may
 * land in the next interval.
 */
final class IntervalSampler {

    private final Engine engine;
    private final HiccupMeter hiccups;
    private final Supplier<ResourceSample> server;
    private final long[] perClient; // verified replies of each client, all samples so far
    private final com.sun.management.OperatingSystemMXBean os = osBean();
    private final Histogram allConnects = new Histogram(Metrics.HIGHEST_NANOS, Metrics.SIGNIFICANT_DIGITS);
    private Histogram connectBuffer;
    // with several loops, the sums of their records, reused from interval to interval (each interval keeps its own copy)
    private final Histogram latency = new Histogram(Metrics.HIGHEST_NANOS, Metrics.SIGNIFICANT_DIGITS);
    private final Histogram service = new Histogram(Metrics.HIGHEST_NANOS, Metrics.SIGNIFICANT_DIGITS);
    private final Histogram censored = new Histogram(Metrics.HIGHEST_NANOS, Metrics.SIGNIFICANT_DIGITS);
    private long lastP99;
    private Metrics.Totals last;
    private long lastNanos;
    private long lastClientCpu;
    private ResourceSample lastServer;
    private long[] lastDrops; // UDP: the kernel's drops at the server's and the clients' sockets and in its backlog, at the last sample

    IntervalSampler(Engine engine, HiccupMeter hiccups, Supplier<ResourceSample> server) {
        this.engine = engine;
        this.hiccups = hiccups;
        this.server = server == null ? () -> null : server;
        this.perClient = new long[engine.config.clients()];
        reset();
    }

    /** Starts the next interval now; what was recorded since the last sample is dropped. */
    void reset() {
        sample(0, System.nanoTime());
    }

    /**
     * The interval from the previous sample to {@code end} (now, or the exact end of the phase when
     * the loops stopped recording there); {@code phaseStartNanos} dates it.
     */
    Interval sample(long phaseStartNanos, long end) {
        long clientCpu = os == null ? -1 : os.getProcessCpuTime();
        ResourceSample serverNow = server.get();
        long requests = 0;
        long bytes = 0;
        long[] datagrams = new long[DatagramEvent.values().length];
        List<EventLoop> loops = engine.loops();
        boolean oneLoop = loops.size() == 1; // the usual case on a small machine: its records are the interval's, no sums
        Histogram latency = this.latency;
        Histogram service = this.service;
        Histogram censored = this.censored;
        if (!oneLoop) {
            latency.reset();
            service.reset();
            censored.reset();
        }
        for (EventLoop loop : loops) {
            LoopRecorder.Records r = loop.recorder.swap();
            if (oneLoop) {
                latency = r.latency;
                service = r.service;
                censored = r.censored;
            } else {
                latency.add(r.latency);
                service.add(r.service);
                censored.add(r.censored);
            }
            requests += r.verified;
            bytes += r.bytes;
            addTo(perClient, r.perClient);
            addTo(datagrams, r.datagrams);
        }
        if (!engine.config.openLoop()) service = latency; // closed loop: service time is the latency (recorded once)
        connectBuffer = engine.metrics.connect.getIntervalHistogram(connectBuffer);
        if (connectBuffer.getTotalCount() > 0) allConnects.add(connectBuffer); // most seconds connect nothing
        Metrics.Totals totals = engine.metrics.totals();
        long hiccup = hiccups.takeMax();
        long[] drops = null;
        if (engine.udp) {
            long[] sockets = UdpDrops.read(serverPortOnThisHost(), engine.udpPorts());
            drops = new long[] {sockets[0], sockets[1], UdpDrops.backlogDrops()};
        }
        Interval interval = null;
        if (last != null) {
            Map<ErrorClass, Long> errors = new EnumMap<>(ErrorClass.class);
            for (ErrorClass kind : ErrorClass.values()) {
                errors.put(kind, totals.errors()[kind.ordinal()] - last.errors()[kind.ordinal()]);
            }
            long serverCpu = serverNow == null || lastServer == null ? -1 : serverNow.cpuNanos() - lastServer.cpuNanos();
            long ownCpu = clientCpu < 0 || lastClientCpu < 0 ? -1 : clientCpu - lastClientCpu;
            interval = new Interval((lastNanos - phaseStartNanos) / 1e9, (end - lastNanos) / 1e9, requests, bytes,
                    latency, service, connectBuffer, censored, errors,
                    engine.metrics.liveConnections(), serverNow, serverCpu, ownCpu, hiccup,
                    engine.udp ? datagramCounts(requests, datagrams, errors, drops) : null);
        }
        lastP99 = latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(99);
        last = totals;
        lastNanos = end;
        lastClientCpu = clientCpu;
        lastServer = serverNow;
        lastDrops = drops;
        return interval;
    }

    /**
     * Adds {@code values} into {@code sums}, element by element. A method of its own so that the loop
     * over 10,000 clients' counts, once a second, is what the JIT compiles when it gets hot, not all of
     * {@link #sample} by on-stack replacement (~250 ms of C2 on the client's core, in the measured phase).
     */
    private static void addTo(long[] sums, long[] values) {
        for (int i = 0; i < sums.length; i++) sums[i] += values[i];
    }

    /** UDP: the interval's datagram figures; lost and corrupted are its failures of those classes. */
    private DatagramCounts datagramCounts(long received, long[] events, Map<ErrorClass, Long> errors, long[] drops) {
        return new DatagramCounts(events[DatagramEvent.SENT.ordinal()], received, errors.get(ErrorClass.LOST),
                events[DatagramEvent.LATE.ordinal()], events[DatagramEvent.DUPLICATED.ordinal()],
                events[DatagramEvent.REORDERED.ordinal()], errors.get(ErrorClass.CORRUPTED),
                difference(drops, lastDrops, 0), difference(drops, lastDrops, 1), difference(drops, lastDrops, 2));
    }

    private static long difference(long[] now, long[] before, int i) {
        return now == null || before == null || now[i] < 0 || before[i] < 0 ? -1 : now[i] - before[i];
    }

    /** The server's port when it runs on this host (loopback), where its socket's drops can be read; else -1. */
    private int serverPortOnThisHost() {
        java.net.InetAddress address = engine.target.getAddress();
        return address != null && (address.isLoopbackAddress() || address.isAnyLocalAddress()) ? engine.target.getPort() : -1;
    }

    /** The p99 latency of the last interval, nanoseconds (0 if none): for the progress line, from the full histogram. */
    long lastP99() {
        return lastP99;
    }

    /** Every connect of the run so far, those before the measured phase included. */
    Histogram allConnects() {
        return allConnects;
    }

    /** When the last sample (the start of the current interval) was taken, {@link System#nanoTime()}. */
    long lastSampleNanos() {
        return lastNanos;
    }

    /** Each client's verified requests up to the last sample (a copy). */
    long[] perClient() {
        return perClient.clone();
    }

    /** Messages counted so far (time, --op send). */
    long messages() {
        return last.messages();
    }


    private static com.sun.management.OperatingSystemMXBean osBean() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean bean ? bean : null;
    }
}
