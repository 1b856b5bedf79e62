package dev.loombench.report;

import dev.loombench.client.DatagramCounts;
import dev.loombench.client.ErrorClass;
import dev.loombench.client.Interval;
import dev.loombench.client.ResourceSample;
import dev.loombench.client.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Reads a result directory back into the {@link RunResult} that wrote it ({@link ResultWriter}):
 * the intervals from {@code timeseries.csv} and the interval histograms of {@code latency.hlog}
 * (k-th row, k-th histogram of each tag), the per-client figures from {@code clients.csv}, the rest
 * from {@code summary.json}. Histograms, counts, bytes and CPU nanoseconds come back exactly; what
 * the files do not hold is empty (a result's own progress, the JVM objects of its run).
 */
public final class ResultReader {

    /** A result directory as read: its summary as written, and the run rebuilt from its files. */
    public record Loaded(Path dir, Summary summary, RunResult result) {}

    private ResultReader() {}

    /** @throws IOException if a file is missing, unreadable, or the files disagree (rows vs histograms) */
    public static Loaded read(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(Summary.FILE))) {
            throw new IOException(dir + ": " + (Files.isDirectory(dir) ? "no " + Summary.FILE : "no such result directory"));
        }
        for (String file : List.of(LatencyLog.FILE, TimeseriesCsv.FILE, ClientsCsv.FILE)) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw new IOException(dir + ": no " + file + (file.equals(ClientsCsv.FILE) ? " (written by an older bench)" : ""));
            }
        }
        Summary s = Summary.read(dir);
        List<Interval> intervals = intervals(dir);
        ClientsCsv.Clients clients = ClientsCsv.read(dir.resolve(ClientsCsv.FILE));
        Histogram latency = new Histogram(3);
        Histogram service = new Histogram(3);
        Map<ErrorClass, Long> errors = new EnumMap<>(ErrorClass.class);
        for (ErrorClass kind : ErrorClass.values()) errors.put(kind, 0L);
        for (Interval in : intervals) {
            latency.add(in.latency());
            service.add(in.service());
            in.errors().forEach((kind, n) -> errors.merge(kind, n, Long::sum));
        }
        Histogram connect = new Histogram(3);
        if (s.latency().connectHistogram() != null) {
            connect.add(Histograms.decode(s.latency().connectHistogram()));
        } else {
            intervals.forEach(in -> connect.add(in.connect()));
        }
        Summary.OpenLoop o = s.openLoop();
        RunResult.OpenLoop openLoop = o == null ? null
                : new RunResult.OpenLoop(o.targetRequestsPerSecond(), o.achievedRequestsPerSecond(), Math.round(o.maxLagMs() * 1e6));
        RunResult result = new RunResult(s.impl(), s.protocol(), s.clients(), s.config(), s.environment(),
                Instant.parse(s.startedAt()), s.measuredSeconds(), intervals, latency, service, connect, errors,
                clients.requests(), openLoop, s.server() == null ? null : s.server().counters(), s.throughput().messages(),
                clients.firstReplyNanos());
        return new Loaded(dir, s, result);
    }

    private static List<Interval> intervals(Path dir) throws IOException {
        Map<String, List<Histogram>> byTag = new HashMap<>();
        LatencyLog.forEach(dir.resolve(LatencyLog.FILE),
                h -> byTag.computeIfAbsent(h.getTag(), t -> new ArrayList<>()).add((Histogram) h));
        List<String> lines = Files.readAllLines(dir.resolve(TimeseriesCsv.FILE), StandardCharsets.UTF_8);
        if (lines.isEmpty()) throw new IOException(dir.resolve(TimeseriesCsv.FILE) + ": empty");
        String[] header = lines.get(0).split(",", -1);
        List<Interval> intervals = new ArrayList<>();
        for (int k = 1; k < lines.size(); k++) {
            Row row = new Row(header, lines.get(k).split(",", -1));
            int i = k - 1;
            try {
                intervals.add(interval(row, histogram(byTag, LatencyLog.LATENCY, i), histogram(byTag, LatencyLog.SERVICE, i),
                        histogram(byTag, LatencyLog.CONNECT, i), histogram(byTag, LatencyLog.CENSORED, i)));
            } catch (RuntimeException e) {
                throw new IOException(dir.resolve(TimeseriesCsv.FILE) + ": bad row " + (k + 1) + ": " + e.getMessage());
            }
        }
        int logged = byTag.getOrDefault(LatencyLog.LATENCY, List.of()).size();
        if (logged != intervals.size()) {
            throw new IOException(dir + ": " + TimeseriesCsv.FILE + " has " + intervals.size() + " intervals but "
                    + LatencyLog.FILE + " has " + logged);
        }
        return intervals;
    }

    private static Histogram histogram(Map<String, List<Histogram>> byTag, String tag, int i) {
        List<Histogram> list = byTag.getOrDefault(tag, List.of());
        Histogram h = i < list.size() ? list.get(i) : new Histogram(3);
        h.setTag(null); // tags belong to the log; the writer sets them again
        return h;
    }

    private static Interval interval(Row r, Histogram latency, Histogram service, Histogram connect, Histogram censored) {
        double length = r.number("length_s");
        Map<ErrorClass, Long> errors = new EnumMap<>(ErrorClass.class);
        for (ErrorClass c : ErrorClass.values()) errors.put(c, r.whole("err_" + c.label().replace('-', '_')));
        ResourceSample server = null;
        if (!r.text("server_threads").isEmpty()) {
            long rss = r.has("server_rss_bytes") ? r.whole("server_rss_bytes") : Math.round(r.number("server_rss_mb") * 1e6);
            long peak = r.has("server_peak_rss_bytes") ? r.whole("server_peak_rss_bytes") : -1;
            long cpu = r.has("server_cpu_total_ns") ? r.whole("server_cpu_total_ns") : -1;
            server = new ResourceSample(r.whole("server_threads"), rss, peak, cpu);
        }
        long bytes = r.has("bytes") ? r.whole("bytes") : Math.round(r.number("mb_per_s") * 1e6 * length);
        return new Interval(r.number("start_s"), length, r.whole("requests"), bytes, latency, service, connect,
                censored, errors, (int) r.whole("live_connections"), server, r.cpuNanos("server", length),
                r.cpuNanos("client", length), Math.round(r.number("client_max_hiccup_ms") * 1e6), datagrams(r, errors));
    }

    /** UDP: the row's datagram columns (TimeseriesCsv); null for a TCP row, whose {@code sent} is empty. */
    private static DatagramCounts datagrams(Row r, Map<ErrorClass, Long> errors) {
        if (!r.has("sent")) return null;
        return new DatagramCounts(r.whole("sent"), r.whole("requests"), errors.get(ErrorClass.LOST), r.whole("late"),
                r.whole("duplicated"), r.whole("reordered"), errors.get(ErrorClass.CORRUPTED), r.wholeOr("server_socket_drops", -1),
                r.wholeOr("client_socket_drops", -1), r.wholeOr("backlog_drops", -1));
    }

    /** One row of timeseries.csv by column name. */
    private record Row(String[] header, String[] values) {

        boolean has(String column) {
            int i = index(column);
            return i >= 0 && i < values.length && !values[i].isEmpty();
        }

        String text(String column) {
            int i = index(column);
            return i < 0 || i >= values.length ? "" : values[i];
        }

        double number(String column) {
            String v = text(column);
            if (v.isEmpty()) throw new IllegalArgumentException("no value for " + column);
            return Double.parseDouble(v);
        }

        long whole(String column) {
            String v = text(column);
            if (v.isEmpty()) throw new IllegalArgumentException("no value for " + column);
            return Long.parseLong(v);
        }

        /** The column's whole number, or {@code otherwise} when it is empty or missing. */
        long wholeOr(String column, long otherwise) {
            return has(column) ? whole(column) : otherwise;
        }

        /** {@code <who>_cpu_ns}, else from the percentage; -1 when neither is there. */
        long cpuNanos(String who, double length) {
            if (has(who + "_cpu_ns")) return whole(who + "_cpu_ns");
            return has(who + "_cpu_pct") ? Math.round(number(who + "_cpu_pct") / 100 * length * 1e9) : -1;
        }

        private int index(String column) {
            for (int i = 0; i < header.length; i++) if (header[i].equals(column)) return i;
            return -1;
        }
    }
}
