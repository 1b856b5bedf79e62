package dev.loombench.client;

import dev.loombench.server.ServerStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Everything one load run measured, as the reports need it. Produced by the load client,
 * consumed by the writers of {@code summary.json}, {@code latency.hlog}, {@code timeseries.csv}
 * and the charts. Latency histograms hold nanoseconds and cover the measured phase only
 * (warm-up excluded).
 *
 * @param impl              server model name, or "target" when measuring a running server
 * @param protocol          echo, time or rfc868
 * @param clients           concurrent client connections asked for
 * @param config            the full resolved configuration (load and server options), written to JSON as-is
 * @param environment       JDK, OS, cores, memory, host, command line: what makes the result reproducible
 * @param startedAt         wall-clock start of the measured phase
 * @param measuredSeconds   actual length of the measured phase
 * @param intervals         per-interval figures of the measured phase, in order
 * @param latency           whole-phase round trip from the intended send time, censored requests included
 *                          at their age (see {@link #censored()})
 * @param service           whole-phase raw service time
 * @param connect           connect latency of every connection of the run, those made while connecting
 *                          and warming up included (long-lived connections are all made before the
 *                          measured phase); intervals hold the connects of their own second
 * @param errors            whole-phase failures by class
 * @param requestsPerClient verified requests of each client (index = client number) in the measured phase;
 *                          read apart from the histograms, so the sum may differ from
 *                          {@link #totalRequests()} by the replies completing at the phase's edges
 * @param openLoop          target vs achieved rate; null in closed loop
 * @param serverCounters    the child server's final counters; null with --target
 * @param messages          time protocol: MESSAGE indications received and verified in the measured
 *                          phase (the other side of SEND); 0 otherwise
 * @param firstReplyNanos   per client (index = client number, in start order): nanoseconds from the start of
 *                          its first connect attempt to its first verified reply, over the whole run (connect,
 *                          warm-up and measured phase) and across reconnects; -1 for a client never served.
 *                          Null when not measured (results made by other means than the load generator)
 */
public record RunResult(String impl, String protocol, int clients, Object config, Map<String, Object> environment,
                        Instant startedAt, double measuredSeconds, List<Interval> intervals,
                        Histogram latency, Histogram service, Histogram connect, Map<ErrorClass, Long> errors,
                        long[] requestsPerClient, OpenLoop openLoop, ServerStats.Snapshot serverCounters,
                        long messages, long[] firstReplyNanos) {

    /** A client hiccup above this means the client itself stalled, and the latencies it measured then are suspect. */
    public static final long CLIENT_STALL_NANOS = 50_000_000;

    /** The result without a message count (every protocol but time with --op send/mix). */
    public RunResult(String impl, String protocol, int clients, Object config, Map<String, Object> environment,
                     Instant startedAt, double measuredSeconds, List<Interval> intervals,
                     Histogram latency, Histogram service, Histogram connect, Map<ErrorClass, Long> errors,
                     long[] requestsPerClient, OpenLoop openLoop, ServerStats.Snapshot serverCounters) {
        this(impl, protocol, clients, config, environment, startedAt, measuredSeconds, intervals, latency, service,
                connect, errors, requestsPerClient, openLoop, serverCounters, 0, null);
    }

    /** The result without first-reply times. */
    public RunResult(String impl, String protocol, int clients, Object config, Map<String, Object> environment,
                     Instant startedAt, double measuredSeconds, List<Interval> intervals,
                     Histogram latency, Histogram service, Histogram connect, Map<ErrorClass, Long> errors,
                     long[] requestsPerClient, OpenLoop openLoop, ServerStats.Snapshot serverCounters, long messages) {
        this(impl, protocol, clients, config, environment, startedAt, measuredSeconds, intervals, latency, service,
                connect, errors, requestsPerClient, openLoop, serverCounters, messages, null);
    }

    /**
     * What an open-loop run asked for and achieved.
     *
     * @param targetRate   requests/s asked for in total
     * @param achievedRate verified requests/s achieved
     * @param maxLagNanos  how far sending fell behind the schedule at worst
     */
    public record OpenLoop(double targetRate, double achievedRate, long maxLagNanos) {}

    /** This result with the server's final counters (known only once the child server stopped). */
    public RunResult withServerCounters(ServerStats.Snapshot counters) {
        return new RunResult(impl, protocol, clients, config, environment, startedAt, measuredSeconds, intervals,
                latency, service, connect, errors, requestsPerClient, openLoop, counters, messages, firstReplyNanos);
    }

    /** How long the clients waited for their first verified reply; null when not measured. */
    public FirstReplies firstReplies() {
        return firstReplyNanos == null ? null : FirstReplies.of(firstReplyNanos);
    }

    /** How evenly the clients were served. */
    public Fairness fairness() {
        return Fairness.of(requestsPerClient);
    }

    /** Verified requests per second over the measured phase. */
    public double requestsPerSecond() {
        return measuredSeconds > 0 ? totalRequests() / measuredSeconds : 0;
    }

    /** The longest stall of the client's own JVM in the measured phase, nanoseconds. */
    public long clientMaxHiccupNanos() {
        return intervals.stream().mapToLong(Interval::clientMaxHiccupNanos).max().orElse(0);
    }

    /** True when the client itself stalled (hiccup above {@link #CLIENT_STALL_NANOS}): its latencies may not be the server's. */
    public boolean clientStalled() {
        return clientMaxHiccupNanos() > CLIENT_STALL_NANOS;
    }

    /** The client's highest CPU use in any interval, as a fraction of one core. */
    public double clientPeakCpuFraction() {
        return intervals.stream().mapToDouble(Interval::clientCpuFraction).max().orElse(0);
    }

    /** The client's mean CPU use over the measured phase (CPU time / wall time), as a fraction of one core. */
    public double clientMeanCpuFraction() {
        long cpu = clientCpuNanos();
        return cpu < 0 || measuredSeconds <= 0 ? 0 : cpu / 1e9 / measuredSeconds;
    }

    /** The server's peak OS threads, RSS and final CPU time over the measured phase; null with --target. */
    public ResourceSample serverPeak() {
        long threads = -1;
        long rss = -1;
        long peakRss = -1;
        long cpu = -1;
        for (Interval interval : intervals) {
            ResourceSample s = interval.server();
            if (s == null) continue;
            threads = Math.max(threads, s.threads());
            rss = Math.max(rss, s.rssBytes());
            peakRss = Math.max(peakRss, s.peakRssBytes());
            cpu = Math.max(cpu, s.cpuNanos());
        }
        return threads < 0 && rss < 0 && cpu < 0 ? null : new ResourceSample(threads, rss, peakRss, cpu);
    }

    /** CPU the server process used in the measured phase, nanoseconds; -1 when it was not sampled. */
    public long serverCpuNanos() {
        return sumCpu(true);
    }

    /** CPU the load client's process used in the measured phase, nanoseconds; -1 when not known. */
    public long clientCpuNanos() {
        return sumCpu(false);
    }

    /** Server CPU per verified request, microseconds; null when not sampled or nothing was verified. */
    public Double serverCpuPerRequestMicros() {
        return perRequestMicros(serverCpuNanos());
    }

    /** Client CPU per verified request, microseconds; null when not known or nothing was verified. */
    public Double clientCpuPerRequestMicros() {
        return perRequestMicros(clientCpuNanos());
    }

    /** UDP: what became of the datagrams over the measured phase; null over TCP. */
    public DatagramCounts datagrams() {
        DatagramCounts sum = null;
        for (Interval interval : intervals) {
            if (interval.datagrams() != null) sum = sum == null ? interval.datagrams() : sum.plus(interval.datagrams());
        }
        return sum;
    }

    /** Requests given up (timed out, failed with their connection) or unanswered at the end, in the measured phase. */
    public long censored() {
        return intervals.stream().mapToLong(Interval::censoredCount).sum();
    }

    private long sumCpu(boolean server) {
        long sum = 0;
        for (Interval interval : intervals) {
            long n = server ? interval.serverCpuNanos() : interval.clientCpuNanos();
            if (n < 0) return -1;
            sum += n;
        }
        return intervals.isEmpty() ? -1 : sum;
    }

    private Double perRequestMicros(long cpuNanos) {
        long requests = totalRequests();
        return cpuNanos < 0 || requests == 0 ? null : cpuNanos / 1e3 / requests;
    }

    public long totalRequests() {
        return intervals.stream().mapToLong(Interval::requests).sum();
    }

    public long totalErrors() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
