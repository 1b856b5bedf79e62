package dev.loombench.merge;

import dev.loombench.client.DatagramCounts;
import dev.loombench.client.ErrorClass;
import dev.loombench.client.Interval;
import dev.loombench.client.LoadConfig;
import dev.loombench.client.ResourceSample;
import dev.loombench.report.ResultReader.Loaded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The intervals of several processes' results added on absolute time: each input interval goes to the
 * {@link LoadConfig#INTERVAL}-long slot, counted from {@code origin} (the earliest measured start),
 * nearest to its own wall-clock start; per slot the histograms are added (HdrHistogram {@code add}),
 * requests, bytes, errors, live connections and client CPU summed, the worst client hiccup kept, and
 * the server's sample taken from the first input that has one (they sample the same process). A
 * slot's length is the mean of its parts' lengths: parts that ran at the same time count once in time.
 */
final class IntervalSlots {

    private IntervalSlots() {}

    /** The inputs' intervals added slot by slot on absolute time, in time order. */
    static List<Interval> add(List<Loaded> inputs, Instant origin) {
        double slotSeconds = LoadConfig.INTERVAL.toNanos() / 1e9;
        TreeMap<Long, List<Interval>> slots = new TreeMap<>();
        TreeMap<Long, List<Double>> starts = new TreeMap<>();
        for (Loaded input : inputs) {
            double offset = Duration.between(origin, input.result().startedAt()).toNanos() / 1e9;
            for (Interval in : input.result().intervals()) {
                double start = offset + in.startSeconds();
                long slot = Math.round(start / slotSeconds);
                slots.computeIfAbsent(slot, s -> new ArrayList<>()).add(in);
                starts.computeIfAbsent(slot, s -> new ArrayList<>()).add(start);
            }
        }
        List<Interval> merged = new ArrayList<>();
        slots.forEach((slot, parts) -> merged.add(add(parts, starts.get(slot).stream().mapToDouble(d -> d).min().orElse(0))));
        return merged;
    }

    /** One slot: the parts' figures added; its length is their mean length, so concurrent parts count once in time. */
    private static Interval add(List<Interval> parts, double start) {
        Histogram latency = new Histogram(3);
        Histogram service = new Histogram(3);
        Histogram connect = new Histogram(3);
        Histogram censored = new Histogram(3);
        Map<ErrorClass, Long> errors = new EnumMap<>(ErrorClass.class);
        for (ErrorClass kind : ErrorClass.values()) errors.put(kind, 0L);
        long requests = 0;
        long bytes = 0;
        int live = 0;
        long clientCpu = 0;
        long hiccup = 0;
        double length = 0;
        Interval sampled = null;
        DatagramCounts datagrams = parts.stream().allMatch(p -> p.datagrams() != null)
                ? parts.stream().map(Interval::datagrams).reduce(DatagramCounts::alongside).orElse(null) : null;
        for (Interval p : parts) {
            addTo(latency, p.latency());
            addTo(service, p.service());
            addTo(connect, p.connect());
            addTo(censored, p.censored());
            p.errors().forEach((kind, n) -> errors.merge(kind, n, Long::sum));
            requests += p.requests();
            bytes += p.bytes();
            live += p.liveConnections();
            clientCpu = clientCpu < 0 || p.clientCpuNanos() < 0 ? -1 : clientCpu + p.clientCpuNanos();
            hiccup = Math.max(hiccup, p.clientMaxHiccupNanos());
            length += p.lengthSeconds();
            if (sampled == null && p.server() != null) sampled = p;
        }
        ResourceSample server = sampled == null ? null : sampled.server();
        long serverCpu = sampled == null ? -1 : sampled.serverCpuNanos();
        return new Interval(start, length / parts.size(), requests, bytes, latency, service, connect, censored, errors,
                live, server, serverCpu, clientCpu, hiccup, datagrams);
    }

    private static void addTo(Histogram sum, Histogram part) {
        if (part != null) sum.add(part);
    }

}
