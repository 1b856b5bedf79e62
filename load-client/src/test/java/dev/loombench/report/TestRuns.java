package dev.loombench.report;

import dev.loombench.client.DatagramCounts;
import dev.loombench.client.ErrorClass;
import dev.loombench.client.Interval;
import dev.loombench.client.ResourceSample;
import dev.loombench.client.RunResult;
import dev.loombench.server.ServerStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Synthetic {@link RunResult}s with known values, for the report tests. Every interval lasts one
 * second and holds {@link #REQUESTS_PER_INTERVAL} requests whose service times are 1, 2, ...,
 * 1000 us (so p50 ~ 500 us, p99 ~ 990 us, max 1 ms) and whose corrected round trips are the same
 * plus {@link #QUEUEING_NANOS}. All connects (one per client, 200 us) fall in the first interval.
 */
final class TestRuns {

    static final int REQUESTS_PER_INTERVAL = 1000;
    static final long QUEUEING_NANOS = 100_000;
    static final int BYTES_PER_REQUEST = 64;
    static final Instant STARTED = Instant.parse("2025-03-04T05:06:07.890Z");

    String impl = "pool";
    String protocol = "echo";
    int clients = 4;
    int intervals = 5;
    Instant startedAt = STARTED;
    long[] requestsPerClient;
    /** Errors added to every interval with index {@code errorInterval}. */
    Map<ErrorClass, Long> errors = Map.of();
    int errorInterval = 2;
    long hiccupNanos = 2_000_000;
    boolean withServer = true;
    double scale = 1;
    long queueingNanos = QUEUEING_NANOS;
    /** Every this-many-th request also waits {@link #tailFactor} times longer (0 = no tail). */
    int tailEvery;
    double tailFactor = 1;
    RunResult.OpenLoop openLoop;
    /** UDP: every interval also sends {@link #LOST_PER_INTERVAL} datagrams that are lost (censored at 500 ms). */
    boolean udp;
    static final int LOST_PER_INTERVAL = 10;
    /** The load client's CPU in interval i: this + 10 ms x i (the server's is 500 ms per interval). */
    long clientCpuNanos = 250_000_000L;
    /** How long each interval lasts: requests/s = {@link #REQUESTS_PER_INTERVAL} / this. */
    double intervalSeconds = 1.0;

    static TestRuns run() {
        return new TestRuns();
    }

    TestRuns impl(String impl) { this.impl = impl; return this; }
    TestRuns clients(int clients) { this.clients = clients; return this; }
    TestRuns intervals(int intervals) { this.intervals = intervals; return this; }
    TestRuns errors(Map<ErrorClass, Long> errors) { this.errors = errors; return this; }
    TestRuns hiccupNanos(long nanos) { this.hiccupNanos = nanos; return this; }
    TestRuns requestsPerClient(long... counts) { this.requestsPerClient = counts; return this; }
    TestRuns scale(double scale) { this.scale = scale; return this; }
    TestRuns tail(int every, double factor) { this.tailEvery = every; this.tailFactor = factor; return this; }
    /** Round trip equal to service time, as a closed loop measures it. */
    TestRuns closedLoop() { this.queueingNanos = 0; return this; }
    TestRuns withoutServer() { this.withServer = false; return this; }
    TestRuns clientCpuNanos(long nanos) { this.clientCpuNanos = nanos; return this; }
    TestRuns udp() { this.udp = true; return this; }
    TestRuns intervalSeconds(double seconds) { this.intervalSeconds = seconds; return this; }
    TestRuns openLoop(double target, double achieved, long maxLagNanos) {
        this.openLoop = new RunResult.OpenLoop(target, achieved, maxLagNanos);
        return this;
    }

    RunResult build() {
        Histogram latency = new Histogram(3);
        Histogram service = new Histogram(3);
        Histogram connect = new Histogram(3);
        Map<ErrorClass, Long> totalErrors = new EnumMap<>(ErrorClass.class);
        List<Interval> list = new ArrayList<>();
        for (int i = 0; i < intervals; i++) {
            Histogram l = new Histogram(3);
            Histogram s = new Histogram(3);
            Histogram c = new Histogram(3);
            for (int us = 1; us <= REQUESTS_PER_INTERVAL; us++) {
                double factor = scale * (tailEvery > 0 && us % tailEvery == 0 ? tailFactor : 1);
                long serviceNanos = Math.round(us * 1000L * factor);
                s.recordValue(serviceNanos);
                l.recordValue(serviceNanos + Math.round(queueingNanos * factor));
            }
            if (i == 0 && !udp) {
                for (int k = 0; k < clients; k++) c.recordValue(200_000);
            }
            Histogram censored = new Histogram(3);
            if (udp) {
                for (int k = 0; k < LOST_PER_INTERVAL; k++) censored.recordValue(500_000_000L);
                l.add(censored);
                s.add(censored);
            }
            latency.add(l);
            service.add(s);
            connect.add(c);
            Map<ErrorClass, Long> e = new EnumMap<>(ErrorClass.class);
            if (udp) {
                e.put(ErrorClass.LOST, (long) LOST_PER_INTERVAL);
                totalErrors.merge(ErrorClass.LOST, (long) LOST_PER_INTERVAL, Long::sum);
            }
            if (i == errorInterval) {
                e.putAll(errors);
                errors.forEach((k, v) -> totalErrors.merge(k, v, Long::sum));
            }
            ResourceSample server = withServer
                    ? new ResourceSample(20 + i, (100 + i) * 1_000_000L, (110 + i) * 1_000_000L, 1_000_000_000L + i * 500_000_000L) : null;
            list.add(new Interval(i * intervalSeconds, intervalSeconds, REQUESTS_PER_INTERVAL, (long) REQUESTS_PER_INTERVAL * BYTES_PER_REQUEST,
                    l, s, c, censored, e, clients, server, withServer ? 500_000_000L : -1,
                    clientCpuNanos + 10_000_000L * i, i == 1 ? hiccupNanos : 1_000_000,
                    udp ? new DatagramCounts(REQUESTS_PER_INTERVAL + LOST_PER_INTERVAL, REQUESTS_PER_INTERVAL, LOST_PER_INTERVAL,
                            1, 2, 3, 0, 7, 0, 1) : null));
        }
        long[] perClient = requestsPerClient;
        if (perClient == null) {
            perClient = new long[clients];
            java.util.Arrays.fill(perClient, (long) REQUESTS_PER_INTERVAL * intervals / clients);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("impl", impl);
        config.put("clients", clients);
        config.put("duration", Duration.ofSeconds(intervals));
        config.put("poolSize", 2);
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("java", "25");
        environment.put("cores", 2);
        ServerStats.Snapshot counters = withServer
                ? new ServerStats.Snapshot(clients, 0, 0, clients, 0, clients, 0, 3, 25, 320_000, 320_000, udp ? 5050 : 0,
                        udp ? 5000 : 0, udp ? 43 : 0) : null;
        return new RunResult(impl, protocol, clients, config, environment, startedAt, intervals * intervalSeconds, list,
                latency, service, connect, totalErrors, perClient, openLoop, counters);
    }
}
