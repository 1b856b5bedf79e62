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
 * @param latency           whole-phase round trip from the intended send time
 * @param service           whole-phase raw service time
 * @param connect           whole-phase connect latency
 * @param errors            whole-phase failures by class
 * @param requestsPerClient verified requests of each client (index = client number) in the measured phase
 * @param openLoop          target vs achieved rate; null in closed loop
 * @param serverCounters    the child server's final counters; null with --target
 */
public record RunResult(String impl, String protocol, int clients, Object config, Map<String, Object> environment,
                        Instant startedAt, double measuredSeconds, List<Interval> intervals,
                        Histogram latency, Histogram service, Histogram connect, Map<ErrorClass, Long> errors,
                        long[] requestsPerClient, OpenLoop openLoop, ServerStats.Snapshot serverCounters) {

    /**
     * What an open-loop run asked for and achieved.
     *
     * @param targetRate   requests/s asked for in total
     * @param achievedRate verified requests/s achieved
     * @param maxLagNanos  how far sending fell behind the schedule at worst
     */
    public record OpenLoop(double targetRate, double achievedRate, long maxLagNanos) {}

    public long totalRequests() {
        return intervals.stream().mapToLong(Interval::requests).sum();
    }

    public long totalErrors() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
