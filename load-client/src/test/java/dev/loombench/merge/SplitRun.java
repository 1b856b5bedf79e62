package dev.loombench.merge;

import dev.loombench.client.ErrorClass;
import dev.loombench.client.Interval;
import dev.loombench.client.ResourceSample;
import dev.loombench.client.RunResult;
import dev.loombench.server.ServerStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One synthetic open-loop run of {@link #PARTS} x 2 clients and, built from the very same requests,
 * the {@link #PARTS} results that client processes of 2 clients each would have written: every
 * request, error, byte and CPU nanosecond goes to exactly one part; the server (sampled by part 0
 * only, as {@code --processes} does) and the interval timing are shared.
 */
public final class SplitRun {

    public static final int PARTS = 3;
    public static final int INTERVALS = 5;
    public static final int REQUESTS = 900; // per interval, all parts together
    public static final Instant STARTED = Instant.parse("2026-01-02T03:04:05.678Z");

    public final RunResult single;
    public final List<RunResult> parts = new ArrayList<>();

    public SplitRun() {
        this(STARTED, new long[PARTS]);
    }

    /** Parts whose measured phases start {@code delayMillis[p]} after {@code start}; the single run starts at {@code start}. */
    public SplitRun(Instant start, long[] delayMillis) {
        List<Interval> all = new ArrayList<>();
        List<List<Interval>> byPart = new ArrayList<>();
        for (int p = 0; p < PARTS; p++) byPart.add(new ArrayList<>());
        for (int i = 0; i < INTERVALS; i++) {
            Interval[] part = new Interval[PARTS];
            Histogram[][] h = new Histogram[PARTS][4]; // latency, service, connect, censored
            Histogram[] total = {new Histogram(3), new Histogram(3), new Histogram(3), new Histogram(3)};
            long[] requests = new long[PARTS];
            for (int p = 0; p < PARTS; p++) for (int k = 0; k < 4; k++) h[p][k] = new Histogram(3);
            for (int r = 0; r < REQUESTS; r++) {
                int p = r % PARTS;
                long service = 20_000 + (r * 7919L % 1000) * 1000 + i * 50_000; // 20 us .. 1.27 ms, skewed by interval
                long latency = service + (r % 97 == 0 ? 5_000_000 : 30_000);
                record(h[p][0], total[0], latency);
                record(h[p][1], total[1], service);
                requests[p]++;
            }
            if (i == 0) for (int p = 0; p < PARTS; p++) { record(h[p][2], total[2], 150_000 + p); record(h[p][2], total[2], 160_000); }
            if (i == 3) { record(h[2][0], total[0], 1_000_000_000L); record(h[2][3], total[3], 1_000_000_000L); }
            ResourceSample server = new ResourceSample(30 + i, 90_000_000L + i, 95_000_000L + i, 2_000_000_000L + i * 400_000_000L);
            long clientCpu = 0;
            long hiccup = 0;
            for (int p = 0; p < PARTS; p++) {
                Map<ErrorClass, Long> errors = new EnumMap<>(ErrorClass.class);
                if (i % PARTS == p) errors.put(ErrorClass.READ_TIMEOUT, (long) i + 1);
                if (p == 2 && i == 3) errors.put(ErrorClass.RESET, 1L);
                long cpu = 10_000_000L * (p + 1) + i;
                long hic = 1_000_000L * (p + 1) + i * 1000;
                clientCpu += cpu;
                hiccup = Math.max(hiccup, hic);
                part[p] = new Interval(i, 1.0, requests[p], requests[p] * 64, h[p][0], h[p][1], h[p][2], h[p][3], errors, 2,
                        p == 0 ? server : null, p == 0 ? 400_000_000L : -1, cpu, hic);
                byPart.get(p).add(part[p]);
            }
            Map<ErrorClass, Long> errors = new EnumMap<>(ErrorClass.class);
            for (Interval in : part) in.errors().forEach((k, n) -> errors.merge(k, n, Long::sum));
            all.add(new Interval(i, 1.0, REQUESTS, REQUESTS * 64L, total[0], total[1], total[2], total[3], errors, 2 * PARTS,
                    server, 400_000_000L, clientCpu, hiccup));
        }
        long[] perClient = new long[2 * PARTS];
        long[] firstReply = new long[2 * PARTS];
        for (int c = 0; c < perClient.length; c++) {
            perClient[c] = (long) INTERVALS * REQUESTS / perClient.length + c;
            firstReply[c] = c == 5 ? -1 : 1_000_000L * (c + 1);
        }
        ServerStats.Snapshot counters = new ServerStats.Snapshot(6, 0, 0, 6, 0, 6, 0, 4, 30, 1000, 1000);
        single = result(start, all, perClient, firstReply, 2 * PARTS, 3 * 300.0, 4_000_000, counters);
        for (int p = 0; p < PARTS; p++) {
            long[] clients = java.util.Arrays.copyOfRange(perClient, 2 * p, 2 * p + 2);
            long[] first = java.util.Arrays.copyOfRange(firstReply, 2 * p, 2 * p + 2);
            parts.add(result(start.plusMillis(delayMillis[p]), byPart.get(p), clients, first, 2, 300.0,
                    p == 1 ? 4_000_000 : 1_000_000, p == 0 ? counters : null));
        }
    }

    private static void record(Histogram part, Histogram total, long value) {
        part.recordValue(value);
        total.recordValue(value);
    }

    private static RunResult result(Instant start, List<Interval> intervals, long[] perClient, long[] firstReply, int clients,
                                    double rate, long maxLag, ServerStats.Snapshot counters) {
        Histogram latency = new Histogram(3);
        Histogram service = new Histogram(3);
        Histogram connect = new Histogram(3);
        Map<ErrorClass, Long> errors = new EnumMap<>(ErrorClass.class);
        for (ErrorClass kind : ErrorClass.values()) errors.put(kind, 0L);
        long requests = 0;
        for (Interval in : intervals) {
            latency.add(in.latency());
            service.add(in.service());
            connect.add(in.connect());
            in.errors().forEach((k, n) -> errors.merge(k, n, Long::sum));
            requests += in.requests();
        }
        return new RunResult("target", "echo", clients, config(clients, rate), Map.of("java", "25"), start, INTERVALS,
                intervals, latency, service, connect, errors, perClient,
                new RunResult.OpenLoop(rate, requests / (double) INTERVALS, maxLag), counters, 0, firstReply);
    }

    static Map<String, Object> config(int clients, double rate) {
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("protocol", "echo");
        load.put("clients", clients);
        load.put("warmup", "1s");
        load.put("duration", "5s");
        load.put("size", 64);
        load.put("pipeline", 1);
        load.put("rate", rate);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("impl", "target");
        config.put("target", "127.0.0.1:7000");
        config.put("load", load);
        return config;
    }
}
