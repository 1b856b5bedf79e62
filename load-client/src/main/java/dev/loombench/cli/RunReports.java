package dev.loombench.cli;

import dev.loombench.client.ErrorClass;
import dev.loombench.client.Fairness;
import dev.loombench.client.LoadConfig;
import dev.loombench.client.Progress;
import dev.loombench.client.ResourceSample;
import dev.loombench.client.RunResult;
import dev.loombench.report.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The seam between a run and its reports: result directory, terminal summary, live progress and
 * the comparison of several runs. The report package ({@code ResultWriter}, {@code TerminalSummary},
 * {@code ProgressDisplay}, {@code ComparisonWriter}) provides the real ones; until it is merged,
 * the minimal stand-ins here write {@code summary.json} and {@code latency.hlog} and print plain
 * lines, behind the same four calls.
 */
final class RunReports {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunReports() {}

    /** Progress shown while a run goes on; closed when it ends. */
    interface ProgressSink extends Consumer<Progress>, AutoCloseable {
        @Override
        void close();
    }

    /** Writes {@code <root>/<yyyyMMdd-HHmmss>-<impl>-c<N>-<protocol>/} and returns it. */
    static Path write(RunResult result, Path root) throws IOException {
        Path dir = uniqueDir(root, LocalDateTime.now().format(STAMP) + "-" + result.impl() + "-c" + result.clients() + "-" + result.protocol());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("impl", result.impl());
        summary.put("protocol", result.protocol());
        summary.put("clients", result.clients());
        summary.put("startedAt", result.startedAt());
        summary.put("measuredSeconds", result.measuredSeconds());
        summary.put("requests", result.totalRequests());
        summary.put("requestsPerSecond", result.requestsPerSecond());
        summary.put("latencyNanos", percentiles(result.latency()));
        summary.put("serviceNanos", percentiles(result.service()));
        summary.put("connectNanos", percentiles(result.connect()));
        summary.put("errors", labelled(result.errors()));
        summary.put("fairness", result.fairness());
        summary.put("openLoop", result.openLoop());
        summary.put("messages", result.messages());
        summary.put("serverPeak", result.serverPeak());
        summary.put("serverCounters", result.serverCounters());
        summary.put("clientMaxHiccupNanos", result.clientMaxHiccupNanos());
        summary.put("config", result.config());
        summary.put("environment", result.environment());
        Json.PRETTY.writeValue(dir.resolve("summary.json").toFile(), summary);
        try (PrintStream log = new PrintStream(Files.newOutputStream(dir.resolve("latency.hlog")))) {
            HistogramLogWriter writer = new HistogramLogWriter(log);
            writer.outputLogFormatVersion();
            writer.outputStartTime(result.startedAt().toEpochMilli());
            writer.setBaseTime(result.startedAt().toEpochMilli());
            writer.outputLegend();
            for (var interval : result.intervals()) writer.outputIntervalHistogram(interval.latency());
        }
        return dir;
    }

    /** A few lines for the terminal. */
    static String summary(RunResult r, Path dir) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%s %s, %d clients: %,.0f req/s over %.1f s, %,d verified requests%n",
                r.impl(), r.protocol(), r.clients(), r.requestsPerSecond(), r.measuredSeconds(), r.totalRequests()));
        Histogram h = r.latency();
        s.append(String.format("  latency  p50 %s  p99 %s  p99.9 %s  max %s%n", ms(h.getValueAtPercentile(50)),
                ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue())));
        s.append("  errors   ").append(r.totalErrors() == 0 ? "none" : labelled(r.errors()).toString()).append('\n');
        Fairness f = r.fairness();
        s.append(String.format("  clients  %d of %d served, per client min %d median %.0f max %d, Jain %.3f%n",
                f.served(), f.clients(), f.min(), f.median(), f.max(), f.jainIndex()));
        if (r.openLoop() != null) {
            s.append(String.format("  open loop  target %,.0f req/s, achieved %,.0f req/s, sending fell behind by up to %s%n",
                    r.openLoop().targetRate(), r.openLoop().achievedRate(), ms(r.openLoop().maxLagNanos())));
        }
        ResourceSample peak = r.serverPeak();
        if (peak != null) {
            s.append(String.format("  server   peak %d threads, peak RSS %d MiB, CPU %.1f s%n",
                    peak.threads(), peak.rssBytes() >> 20, peak.cpuNanos() / 1e9));
        }
        s.append(String.format("  client   peak CPU %.0f%% of a core, max hiccup %s%s%n", r.clientPeakCpuFraction() * 100,
                ms(r.clientMaxHiccupNanos()), r.clientStalled() ? " - THE CLIENT STALLED: its latencies may not be the server's" : ""));
        s.append("  results  ").append(dir);
        return s.toString();
    }

    /** Plain progress lines on stderr, one per second. */
    static ProgressSink progress(PrintWriter err) {
        return new ProgressSink() {
            @Override
            public void accept(Progress p) {
                err.printf("%-8s %5.1f/%.0fs  %,10.0f req/s  p99 %s  errors %d  live %d%n", p.phase(), p.elapsedSeconds(),
                        p.totalSeconds(), p.requestsPerSecond(), ms(p.p99Nanos()), p.errorsSoFar(), p.liveConnections());
                err.flush();
            }

            @Override
            public void close() {
                err.flush();
            }
        };
    }

    /** Writes a table of the runs in {@code dirs} under {@code <root>/<stamp>-all-c<N>-<protocol>/}. */
    static Path compare(List<Path> dirs, Path root, LoadConfig load) throws IOException {
        Path dir = uniqueDir(root, LocalDateTime.now().format(STAMP) + "-all-c" + load.clients() + "-" + load.protocol().cliName());
        StringBuilder table = new StringBuilder("| run | summary |\n|---|---|\n");
        for (Path run : dirs) table.append("| ").append(run.getFileName()).append(" | ").append(run.resolve("summary.json")).append(" |\n");
        Files.writeString(dir.resolve("comparison.md"), table);
        return dir;
    }

    private static Path uniqueDir(Path root, String name) throws IOException {
        Path dir = root.resolve(name);
        for (int i = 2; Files.exists(dir); i++) dir = root.resolve(name + "-" + i);
        return Files.createDirectories(dir);
    }

    private static Map<String, Long> labelled(Map<ErrorClass, Long> errors) {
        Map<String, Long> byLabel = new LinkedHashMap<>();
        errors.forEach((kind, n) -> {
            if (n > 0) byLabel.put(kind.label(), n);
        });
        return byLabel;
    }

    private static Map<String, Long> percentiles(Histogram h) {
        Map<String, Long> p = new LinkedHashMap<>();
        p.put("count", h.getTotalCount());
        for (double q : new double[] {50, 90, 99, 99.9, 99.99}) p.put("p" + q, h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(q));
        p.put("max", h.getMaxValue());
        return p;
    }

    private static String ms(long nanos) {
        return nanos < 1_000_000 ? String.format("%.0fus", nanos / 1e3) : String.format("%.2fms", nanos / 1e6);
    }
}
