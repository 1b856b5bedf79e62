package dev.loombench.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * A load run: drives {@code --clients} connections against one server through three phases —
 * connect (clients started all at once or at {@code --connect-rate}), warm-up, and the measured
 * phase, cut into 1 s {@link Interval}s — and returns what was measured.
 *
 * <p>The connections run on the {@link Engine}'s event loops; the calling thread only samples once
 * per interval and reports {@link Progress}. The measured phase lasts exactly {@code --duration}:
 * it starts at the sample that opens it, and the loops themselves stop recording at its end and
 * censor what is unanswered then, however late this thread wakes; the last interval ends there.
 *
 * <p>Usage: {@code RunResult r = new LoadGenerator(config, address, serverProbe, progress).run("pool", cfg, env);}
 * One run per instance.
 */
public final class LoadGenerator {

    /**
     * The measured phase keeps its last minute of intervals' histograms as copies, and encodes the
     * older ones ({@link Interval#compact}): a run of up to a minute encodes nothing while it
     * measures, a longer one holds at most ~60 quarter-megabyte copies per histogram kind.
     */
    static final int KEPT_AS_COPIES = 60;

    private final LoadConfig config;
    private final InetSocketAddress target;
    private final Supplier<ResourceSample> server;
    private final Consumer<Progress> progress;
    private final Coordination coordination;

    /**
     * How a run lines up with other client processes loading the same server ({@code --start-at},
     * {@code --client-id}): it starts connecting at {@code startAt} (wall clock; null = at once) and
     * its measured phase starts {@code --warmup} after that (later only if connecting took longer),
     * so processes given the same {@code startAt} measure the same seconds; its connections are
     * numbered from {@code connectionIdBase + 1}, so echo requests of different processes differ.
     */
    public record Coordination(Instant startAt, long connectionIdBase) {
        /** Start at once, connections numbered from 1. */
        public static final Coordination NONE = new Coordination(null, 0);
    }

    /**
     * @param server   samples the server process's resources; null when there is no process to watch
     * @param progress told once per second how the run goes; called on the thread that calls {@link #run}
     */
    public LoadGenerator(LoadConfig config, InetSocketAddress target, Supplier<ResourceSample> server,
                         Consumer<Progress> progress) {
        this(config, target, server, progress, Coordination.NONE);
    }

    /** As above, lined up with other client processes as {@code coordination} says. */
    public LoadGenerator(LoadConfig config, InetSocketAddress target, Supplier<ResourceSample> server,
                         Consumer<Progress> progress, Coordination coordination) {
        this.config = config;
        this.target = target;
        this.server = server;
        this.progress = progress == null ? p -> {} : progress;
        this.coordination = coordination;
    }

    /**
     * Runs the load and returns the measured phase. The engine is stopped and its threads ended
     * before it returns, also when it throws.
     *
     * @param impl         the server's name for the result ("target" for a running server)
     * @param resultConfig the full configuration to store with the result
     * @param environment  the facts to store with the result ({@link dev.loombench.machine.MachineFacts#describe})
     * @throws IllegalStateException if an event loop failed unexpectedly (a bug, or the client ran
     *                               out of file descriptors): the run is not valid
     */
    public RunResult run(String impl, Object resultConfig, Map<String, Object> environment) throws InterruptedException {
        MeasurementWarmup.run(); // before a coordinated start time, not after it
        long origin = awaitStart();
        try (Engine engine = Engine.start(config, target, coordination.connectionIdBase());
             HiccupMeter hiccups = HiccupMeter.start()) {
            IntervalSampler sampler = new IntervalSampler(engine, hiccups, server);
            connect(engine, sampler);
            long warmupStart = coordination.startAt() == null ? System.nanoTime() : origin;
            phase(engine, "warmup", warmupStart, warmupStart + config.warmup().toNanos(), sampler, null);
            sampler.reset();
            engine.metrics.takeMaxLag();
            long[] servedBefore = sampler.perClient();
            long messagesBefore = sampler.messages();
            Instant startedAt = Instant.now();
            long start = sampler.lastSampleNanos();
            long end = start + config.duration().toNanos();
            engine.endPhaseAt(end);
            List<Interval> intervals = new ArrayList<>();
            phase(engine, "measure", start, end, sampler, intervals);
            long maxLag = engine.metrics.takeMaxLag();
            long[] perClient = sampler.perClient();
            for (int i = 0; i < perClient.length; i++) perClient[i] -= servedBefore[i];
            long messages = sampler.messages() - messagesBefore;
            long[] firstReplies = engine.clients().stream().mapToLong(LoopClient::firstReplyNanos).toArray();
            return result(impl, resultConfig, environment, startedAt, intervals, perClient, maxLag, messages,
                    sampler.allConnects(), firstReplies);
        }
    }

    /** Sleeps until {@link Coordination#startAt} (if set) and returns that moment in {@link System#nanoTime()} terms. */
    private long awaitStart() throws InterruptedException {
        if (coordination.startAt() == null) return System.nanoTime();
        long origin = System.nanoTime() + Duration.between(Instant.now(), coordination.startAt()).toNanos();
        sleepUntil(origin);
        return origin;
    }

    /** Waits until each client made its first connect attempt (clients stuck longer than the timeout go on trying). */
    private void connect(Engine engine, IntervalSampler sampler) throws InterruptedException {
        long start = System.nanoTime();
        double total = config.connectRate() > 0 ? config.clients() / config.connectRate() : 0;
        long giveUp = start + Math.round(total * 1e9) + engine.timeoutNanos + TimeUnit.SECONDS.toNanos(1);
        long tick = LoadConfig.INTERVAL.toNanos();
        long next = start + tick;
        while (!engine.firstAttempts.await(Math.max(0, Math.min(next, giveUp) - System.nanoTime()), TimeUnit.NANOSECONDS)
                && System.nanoTime() - giveUp < 0) {
            report(engine, "connect", start, total, sampler.sample(start, System.nanoTime()), sampler.lastP99());
            next += tick;
        }
    }

    /**
     * Runs a phase from {@code start} to {@code end}, sampling each interval; keeps the intervals if
     * {@code keep} is not null. The measured phase's last sample waits for the loops to close the
     * phase (they stop recording at {@code end} exactly), so its interval ends at {@code end}.
     */
    private void phase(Engine engine, String name, long start, long end, IntervalSampler sampler, List<Interval> keep)
            throws InterruptedException {
        if (end == start) return;
        long next = start;
        do {
            next = Math.min(next + LoadConfig.INTERVAL.toNanos(), end);
            sleepUntil(next);
            boolean last = next == end && keep != null;
            if (last && !engine.awaitPhaseClosed(TimeUnit.SECONDS.toNanos(5))) {
                throw new IllegalStateException("the load engine's loops did not close the measured phase within 5 s");
            }
            Interval interval = sampler.sample(start, last ? end : System.nanoTime());
            if (keep != null) {
                keep.add(interval);
                if (keep.size() > KEPT_AS_COPIES) keep.get(keep.size() - 1 - KEPT_AS_COPIES).compact();
                if (last) keep.forEach(Interval::compact); // the phase is over: the JIT may compile the encoder now
            }
            report(engine, name, start, (end - start) / 1e9, interval, sampler.lastP99());
        } while (next != end);
    }

    /** Tells the progress display how it goes; fails the run if a loop died of a bug. */
    private void report(Engine engine, String phase, long phaseStart, double total, Interval last, long p99) {
        Throwable bug = engine.clientBug();
        if (bug != null) throw new IllegalStateException("the load engine failed: " + bug, bug);
        progress.accept(new Progress(phase, (System.nanoTime() - phaseStart) / 1e9, total, last.requestsPerSecond(), p99,
                engine.metrics.totals().errorCount(), engine.metrics.liveConnections()));
    }

    private RunResult result(String impl, Object resultConfig, Map<String, Object> environment, Instant startedAt,
                             List<Interval> intervals, long[] perClient, long maxLag, long messages, Histogram connect,
                             long[] firstReplies) {
        Histogram latency = new Histogram(Metrics.HIGHEST_NANOS, Metrics.SIGNIFICANT_DIGITS);
        Histogram service = new Histogram(Metrics.HIGHEST_NANOS, Metrics.SIGNIFICANT_DIGITS);
        Map<ErrorClass, Long> errors = new EnumMap<>(ErrorClass.class);
        for (ErrorClass kind : ErrorClass.values()) errors.put(kind, 0L);
        long requests = 0;
        double measuredSeconds = 0;
        for (Interval interval : intervals) {
            latency.add(interval.latency());
            service.add(interval.service());
            interval.errors().forEach((kind, n) -> errors.merge(kind, n, Long::sum));
            requests += interval.requests();
            measuredSeconds += interval.lengthSeconds();
        }
        long startMillis = startedAt.toEpochMilli();
        long endMillis = startMillis + Math.round(measuredSeconds * 1000);
        for (Histogram h : List.of(latency, service)) {
            h.setStartTimeStamp(startMillis);
            h.setEndTimeStamp(endMillis);
        }
        RunResult.OpenLoop openLoop = config.openLoop()
                ? new RunResult.OpenLoop(config.rate(), measuredSeconds > 0 ? requests / measuredSeconds : 0, maxLag) : null;
        return new RunResult(impl, config.protocol().cliName(), config.clients(), resultConfig, environment, startedAt,
                measuredSeconds, List.copyOf(intervals), latency, service, connect, errors, perClient, openLoop, null, messages,
                firstReplies);
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) TimeUnit.NANOSECONDS.sleep(left);
    }
}
