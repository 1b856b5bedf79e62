package dev.loombench.report;

import dev.loombench.client.DatagramCounts;
import dev.loombench.client.ErrorClass;
import dev.loombench.client.Interval;
import dev.loombench.client.ResourceSample;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code timeseries.csv}: a header and one row per measured interval, comma-separated,
 * {@code .} as decimal point, no quoting (no field contains a comma). Columns:
 * <pre>
 * start_s, length_s           interval start since the measured phase began, and its length
 * requests, req_per_s         verified requests, and per second
 * mb_per_s                    verified payload bytes / 10^6 per second
 * p50_us, p99_us, max_us      corrected round-trip latency of the interval
 * errors                      failures of every class, then one err_&lt;class&gt; column per class
 *                             (err_connect_refused, err_connect_timeout, ...)
 * live_connections            client connections open at the end of the interval
 * server_threads              OS threads of the server process    (empty with --target)
 * server_rss_mb               server resident set size, 10^6 bytes (empty with --target)
 * server_cpu_pct              server CPU in the interval, % of one core (empty with --target)
 * client_cpu_pct              load client CPU in the interval, % of one core
 * server_cpu_us_per_req       server CPU per verified request, microseconds (empty with --target or no request)
 * client_cpu_us_per_req       load client CPU per verified request, microseconds (empty with no request)
 * censored                    requests given up (timed out, failed with their connection) or unanswered at
 *                             the end, in the interval; they are in the latency columns at their age
 * client_max_hiccup_ms        longest stall of the load client's JVM in the interval
 * bytes                       verified payload bytes, exact
 * server_cpu_ns, client_cpu_ns   CPU each process used in the interval, nanoseconds (empty when not sampled)
 * server_rss_bytes, server_peak_rss_bytes, server_cpu_total_ns   the server's sample at the end of the
 *                             interval, exact (VmRSS, VmHWM, CPU since it started; empty with --target)
 * sent                        UDP: request datagrams sent (empty over TCP; received is requests,
 *                             lost and corrupted are err_lost and err_corrupted)
 * late, duplicated, reordered UDP: replies to lost datagrams, second replies, replies out of order
 * loss_pct                    UDP: lost / (received + lost + corrupted), percent
 * server_socket_drops         UDP: datagrams the kernel dropped at the server's socket (empty when unknown)
 * client_socket_drops         UDP: datagrams the kernel dropped at the load client's sockets
 * backlog_drops               UDP: packets this host's kernel dropped from its input backlog (all traffic)
 * </pre>
 * The exact columns at the end make the file, with {@code latency.hlog}, enough to read the run back
 * ({@link ResultReader}), which is how {@code bench merge} adds several runs.
 */
public final class TimeseriesCsv {

    public static final String FILE = "timeseries.csv";

    private TimeseriesCsv() {}

    /** The header columns, in order. */
    public static List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("start_s", "length_s", "requests", "req_per_s", "mb_per_s",
                "p50_us", "p99_us", "max_us", "errors"));
        for (ErrorClass c : ErrorClass.values()) columns.add("err_" + c.label().replace('-', '_'));
        columns.addAll(List.of("live_connections", "server_threads", "server_rss_mb", "server_cpu_pct",
                "client_cpu_pct", "client_max_hiccup_ms", "server_cpu_us_per_req", "client_cpu_us_per_req", "censored",
                "bytes", "server_cpu_ns", "client_cpu_ns", "server_rss_bytes", "server_peak_rss_bytes", "server_cpu_total_ns",
                "sent", "late", "duplicated", "reordered", "loss_pct", "server_socket_drops", "client_socket_drops", "backlog_drops"));
        return columns;
    }

    public static void write(List<Interval> intervals, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", columns()));
            out.write('\n');
            for (int i = 0; i < intervals.size(); i++) {
                out.write(String.join(",", row(intervals, i)));
                out.write('\n');
            }
        }
    }

    private static List<String> row(List<Interval> intervals, int i) {
        Interval in = intervals.get(i);
        double mbPerSecond = in.lengthSeconds() > 0 ? in.bytes() / 1e6 / in.lengthSeconds() : 0;
        List<String> row = new ArrayList<>(List.of(num(in.startSeconds()), num(in.lengthSeconds()),
                Long.toString(in.requests()), num(in.requestsPerSecond()), num(mbPerSecond),
                us(in, 50), us(in, 99), in.latency() == null ? "0" : num(in.latency().getMaxValue() / 1e3),
                Long.toString(in.errorCount())));
        for (ErrorClass c : ErrorClass.values()) row.add(Long.toString(in.errors().getOrDefault(c, 0L)));
        ResourceSample s = in.server();
        Double cpu = in.serverCpuFraction();
        row.addAll(List.of(Integer.toString(in.liveConnections()),
                s == null ? "" : Long.toString(s.threads()),
                s == null ? "" : num(s.rssBytes() / 1e6),
                cpu == null ? "" : num(cpu * 100),
                num(in.clientCpuFraction() * 100),
                num(in.clientMaxHiccupNanos() / 1e6),
                perRequest(in.serverCpuNanos(), in.requests()),
                perRequest(in.clientCpuNanos(), in.requests()),
                Long.toString(in.censoredCount()),
                Long.toString(in.bytes()),
                orEmpty(in.serverCpuNanos()), orEmpty(in.clientCpuNanos()),
                s == null ? "" : Long.toString(s.rssBytes()),
                s == null ? "" : Long.toString(s.peakRssBytes()),
                s == null ? "" : Long.toString(s.cpuNanos())));
        DatagramCounts d = in.datagrams();
        if (d == null) {
            for (int k = 0; k < 8; k++) row.add("");
        } else {
            row.addAll(List.of(Long.toString(d.sent()), Long.toString(d.late()), Long.toString(d.duplicated()),
                    Long.toString(d.reordered()), num(d.lossRate() * 100), d.serverSocketDrops() < 0 ? "" : Long.toString(d.serverSocketDrops()),
                    d.clientSocketDrops() < 0 ? "" : Long.toString(d.clientSocketDrops()),
                    d.backlogDrops() < 0 ? "" : Long.toString(d.backlogDrops())));
        }
        return row;
    }

    private static String orEmpty(long nanos) {
        return nanos < 0 ? "" : Long.toString(nanos);
    }

    private static String perRequest(long cpuNanos, long requests) {
        return cpuNanos < 0 || requests == 0 ? "" : num(cpuNanos / 1e3 / requests);
    }

    private static String us(Interval in, double percentile) {
        return in.latency() == null ? "0" : num(in.latency().getValueAtPercentile(percentile) / 1e3);
    }

    static String num(double x) {
        return String.format(Locale.ROOT, "%.3f", x).replaceAll("\\.?0+$", "");
    }
}
