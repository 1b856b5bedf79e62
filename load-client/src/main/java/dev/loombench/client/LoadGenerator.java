package dev.loombench.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * The load engine: drives {@code --clients} connections against one server through three
 * phases — connect (clients started all at once or at {@code --connect-rate}), warm-up, and
 * the measured phase, cut into 1 s {@link Interval}s — and returns what was measured.
 *
 * <p>Threading: one thread per client ({@link LoadClient}) with blocking sockets: the code stays a
 * plain loop per connection, and a reply is handled by the thread that waited for it, with no
 * hand-off between threads to add to the measured round trip. Up to
 * {@link LoadConfig#AUTO_PLATFORM_LIMIT} clients these are platform threads, whose blocked reads
 * cost least; above, virtual threads — a blocked one costs a few hundred bytes and no carrier, so
 * 1000+ connections on 2 cores cost what their I/O costs (see {@link LoadConfig.ClientThreads}).
 * The calling thread samples once per interval and reports {@link Progress}; a platform thread
 * measures the client's own hiccups.
 *
 * <p>Usage: {@code RunResult r = new LoadGenerator(config, address, serverProbe, progress).run("pool", cfg, env);}
 * One run per instance.
 */
public final class LoadGenerator {

    private final LoadConfig config;
    private final InetSocketAddress target;
    private final Supplier<ResourceSample> server;
    private final Consumer<Progress> progress;

    /**
     * @param server   samples the server process's resources; null when there is no process to watch
     * @param progress told once per second how the run goes; called on the thread that calls {@link #run}
     */
    public LoadGenerator(LoadConfig config, InetSocketAddress target, Supplier<ResourceSample> server,
                         Consumer<Progress> progress) {
        this.config = config;
        this.target = target;
        this.server = server;
        this.progress = progress == null ? p -> {} : progress;
    }

    /**
     * Runs the load and returns the measured phase. The clients are stopped and their threads
     * ended before it returns, also when it throws.
     *
     * @param impl         the server's name for the result ("target" for a running server)
     * @param resultConfig the full configuration to store with the result
     * @param environment  the facts to store with the result ({@link Environment#describe})
     * @throws IllegalStateException if a client thread failed unexpectedly (a bug, or the client
     *                               ran out of file descriptors): the run is not valid
     */
    public RunResult run(String impl, Object resultConfig, Map<String, Object> environment) throws InterruptedException {
        Metrics metrics = new Metrics();
        LoadContext ctx = new LoadContext(config, target, metrics);
        List<LoadClient> clients = new ArrayList<>(config.clients());
        ExecutorService threads = Executors.newThreadPerTaskExecutor(config.platformThreads()
                ? Thread.ofPlatform().name("loombench-client-", 0).factory()
                : Thread.ofVirtual().name("loombench-client-", 0).factory());
        try (HiccupMeter hiccups = HiccupMeter.start()) {
            IntervalSampler sampler = new IntervalSampler(metrics, hiccups, server, () -> served(clients));
            connect(ctx, clients, threads, sampler);
            phase("warmup", System.nanoTime(), config.warmup(), sampler, ctx, null);
            sampler.reset();
            metrics.takeMaxLag();
            long[] servedBefore = sampler.perClient();
            long messagesBefore = sampler.messages();
            Instant startedAt = Instant.now();
            List<Interval> intervals = new ArrayList<>();
            phase("measure", sampler.lastSampleNanos(), config.duration(), sampler, ctx, intervals);
            double measuredSeconds = intervals.stream().mapToDouble(Interval::lengthSeconds).sum();
            long maxLag = metrics.takeMaxLag();
            long[] perClient = sampler.perClient().clone();
            for (int i = 0; i < perClient.length; i++) perClient[i] -= servedBefore[i];
            long messages = sampler.messages() - messagesBefore;
            stop(ctx, clients, threads);
            return result(impl, resultConfig, environment, startedAt, measuredSeconds, intervals, perClient, maxLag, messages,
                    sampler.allConnects());
        } finally {
            stop(ctx, clients, threads);
        }
    }

    /** Starts the clients (all at once, or at the connect rate) and waits for each one's first connect attempt. */
    private void connect(LoadContext ctx, List<LoadClient> clients, ExecutorService threads, IntervalSampler sampler)
            throws InterruptedException {
        long start = System.nanoTime();
        double total = config.connectRate() > 0 ? config.clients() / config.connectRate() : 0;
        long nextTick = start + LoadConfig.INTERVAL.toNanos();
        for (int i = 0; i < config.clients(); i++) {
            if (config.connectRate() > 0) {
                long at = start + Math.round(i * 1e9 / config.connectRate());
                while (System.nanoTime() - at < 0) {
                    sleepUntil(nextTick - at < 0 ? nextTick : at);
                    if (System.nanoTime() - nextTick >= 0) {
                        report("connect", start, total, sampler.sample(start), ctx);
                        nextTick = System.nanoTime() + LoadConfig.INTERVAL.toNanos();
                    }
                }
            }
            OpenLoopSchedule schedule = config.openLoop()
                    ? OpenLoopSchedule.of(System.nanoTime(), config.rate(), config.clients(), i) : null;
            LoadClient client = new LoadClient(ctx, schedule);
            clients.add(client);
            threads.execute(client);
        }
        // A connect attempt ends within the timeout; a client stuck longer is left to go on trying.
        long giveUp = System.nanoTime() + ctx.timeoutNanos + TimeUnit.SECONDS.toNanos(1);
        while (!ctx.firstAttempts.await(Math.max(0, Math.min(nextTick, giveUp) - System.nanoTime()), TimeUnit.NANOSECONDS)
                && System.nanoTime() - giveUp < 0) {
            report("connect", start, total, sampler.sample(start), ctx);
            nextTick = System.nanoTime() + LoadConfig.INTERVAL.toNanos();
        }
    }

    /** Runs a phase of {@code length} from {@code start}, sampling each interval; keeps the intervals if {@code keep} is not null. */
    private void phase(String name, long start, Duration length, IntervalSampler sampler, LoadContext ctx, List<Interval> keep)
            throws InterruptedException {
        if (length.isZero()) return;
        long end = start + length.toNanos();
        long next = start;
        do {
            next = Math.min(next + LoadConfig.INTERVAL.toNanos(), end);
            sleepUntil(next);
            Interval interval = sampler.sample(start);
            if (keep != null) keep.add(interval);
            report(name, start, length.toNanos() / 1e9, interval, ctx);
        } while (next < end);
    }

    /** Tells the progress display how it goes; fails the run if a client thread died of a bug. */
    private void report(String phase, long phaseStart, double total, Interval last, LoadContext ctx) {
        Throwable bug = ctx.clientBug();
        if (bug != null) throw new IllegalStateException("a load client thread failed unexpectedly: " + bug, bug);
        Metrics metrics = ctx.metrics;
        progress.accept(new Progress(phase, (System.nanoTime() - phaseStart) / 1e9, total,
                last.requestsPerSecond(), last.latency().getTotalCount() == 0 ? 0 : last.latency().getValueAtPercentile(99),
                metrics.totals().errorCount(), metrics.liveConnections()));
    }

    private RunResult result(String impl, Object resultConfig, Map<String, Object> environment, Instant startedAt,
                             double measuredSeconds, List<Interval> intervals, long[] perClient, long maxLag, long messages,
                             Histogram connect) {
        Histogram latency = new Histogram(Metrics.HIGHEST_NANOS, Metrics.SIGNIFICANT_DIGITS);
        Histogram service = new Histogram(Metrics.HIGHEST_NANOS, Metrics.SIGNIFICANT_DIGITS);
        Map<ErrorClass, Long> errors = new EnumMap<>(ErrorClass.class);
        for (ErrorClass kind : ErrorClass.values()) errors.put(kind, 0L);
        long requests = 0;
        for (Interval interval : intervals) {
            latency.add(interval.latency());
            service.add(interval.service());
            interval.errors().forEach((kind, n) -> errors.merge(kind, n, Long::sum));
            requests += interval.requests();
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
                measuredSeconds, List.copyOf(intervals), latency, service, connect, errors, perClient, openLoop, null, messages);
    }

    private static long[] served(List<LoadClient> clients) {
        return clients.stream().mapToLong(LoadClient::served).toArray();
    }

    /** Stops every client: no more recording, every socket closed, every thread interrupted and ended. */
    private static void stop(LoadContext ctx, List<LoadClient> clients, ExecutorService threads) throws InterruptedException {
        ctx.stop();
        ctx.metrics.close();
        clients.forEach(LoadClient::abort);
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) TimeUnit.NANOSECONDS.sleep(left);
    }
}
