package dev.loombench.report;

import dev.loombench.client.Fairness;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Puts several result directories side by side ({@code bench compare}, {@code bench --impl all}).
 * Reads each directory's {@code summary.json} and {@code latency.hlog} (the {@code latency}
 * intervals summed) and writes into the output directory:
 * <pre>
 * comparison.json  one entry per run: label, directory, headline figures ({@link Comparison})
 * latency.png      every run's corrected round-trip percentile curve, overlaid
 * throughput.png   requests/s: one group of bars per load point (clients, protocol), one bar per model
 * errors.png       failures by class: one group per class that occurred, one bar per run
 * </pre>
 * Runs keep their model's colour everywhere; repeated models get darker and lighter variants.
 */
public final class ComparisonWriter {

    public static final String FILE = "comparison.json";
    public static final String SCHEMA = "loombench-comparison/1";
    public static final String ERRORS_PNG = "errors.png";

    private ComparisonWriter() {}

    /**
     * The contents of comparison.json.
     *
     * @param schema    {@value #SCHEMA}
     * @param createdAt ISO-8601 UTC
     * @param runs      one entry per run, in the order given
     * @param files     the charts written beside it, by role
     */
    public record Comparison(String schema, String createdAt, List<Entry> runs, Map<String, String> files) {}

    /**
     * One run's headline figures, copied from its summary.json (same names and units).
     *
     * @param label     {@code <impl> c<clients> <protocol>} ({@code udp-<protocol>} over UDP, plus the open-loop
     *                  rate), made unique with {@code #2}, ...
     * @param dir       the result directory as given
     * @param transport {@code tcp} or {@code udp}
     * @param datagrams UDP: what became of the datagrams (as in summary.json); null over TCP
     */
    public record Entry(String label, String dir, String impl, String protocol, int clients, double measuredSeconds,
                        double requestsPerSecond, double megabytesPerSecond, Summary.Stats latency,
                        Summary.Errors errors, Fairness fairness, Long peakOsThreads, Long peakRssBytes,
                        boolean clientStalled, Double serverCpuUsPerRequest, Double clientCpuUsPerRequest,
                        String transport, Summary.Datagrams datagrams) {}

    /**
     * A loaded run: its summary, the summed {@code latency} histogram (null without an hlog), its colour,
     * and how many runs of the same model came before it.
     */
    record Run(Path dir, String label, Summary summary, Histogram latency, Color color, int repeat) {}

    public static Path write(List<Path> runDirs, Path outDir) throws IOException {
        List<Run> runs = load(runDirs);
        Files.createDirectories(outDir);
        List<Entry> entries = runs.stream().map(ComparisonWriter::entry).toList();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("latencyChart", ResultWriter.LATENCY_PNG);
        files.put("throughputChart", ResultWriter.THROUGHPUT_PNG);
        files.put("errorsChart", ERRORS_PNG);
        Json.PRETTY.writeValue(outDir.resolve(FILE).toFile(),
                new Comparison(SCHEMA, Instant.now().toString(), entries, files));

        ComparisonCharts.latency(runs, outDir.resolve(ResultWriter.LATENCY_PNG));
        Charts.writePng(ComparisonCharts.throughput(runs), outDir.resolve(ResultWriter.THROUGHPUT_PNG));
        Charts.writePng(ComparisonCharts.errors(runs), outDir.resolve(ERRORS_PNG));
        return outDir;
    }

    /**
     * Creates a fresh {@code <runsRoot>/<yyyyMMdd-HHmmss>-compare/} (UTC now, {@code -2} ... if taken) for
     * {@link #write}: where {@code bench compare} and {@code bench --impl all} put their comparison.
     */
    public static Path newDirectory(Path runsRoot) throws IOException {
        return ResultWriter.createUnique(runsRoot, ResultWriter.stamp(Instant.now()) + "-compare");
    }

    /** A side-by-side table of the runs for the terminal. @throws UncheckedIOException if a summary cannot be read */
    public static String table(List<Path> runDirs) {
        List<Run> runs;
        try {
            runs = load(runDirs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int labelWidth = Math.max(3, runs.stream().mapToInt(r -> r.label().length()).max().orElse(0));
        boolean udp = runs.stream().anyMatch(r -> r.summary().datagrams() != null);
        String format = "%-" + labelWidth + "s  %10s  %9s  %9s  %9s  %9s  %8s  %11s  %7s  %8s  %11s  %11s" + (udp ? "  %8s" : "%s") + "%n";
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, format, "run", "req/s", "p50", "p99", "p99.9",
                "max", "errors", "served", "threads", "RSS", "server CPU", "client CPU", udp ? "loss" : ""));
        for (Run r : runs) {
            Summary s = r.summary();
            Summary.Stats l = s.latency().roundTrip();
            Summary.Server sv = s.server();
            b.append(String.format(Locale.ROOT, format, r.label(), Human.count(s.throughput().requestsPerSecond()),
                    Human.latencyUs(l.p50Us()), Human.latencyUs(l.p99Us()), Human.latencyUs(l.p999Us()),
                    Human.latencyUs(l.maxUs()), Human.count(s.errors().total()),
                    s.fairness().served() + "/" + s.fairness().clients(),
                    sv == null || sv.peakOsThreads() == null ? "-" : sv.peakOsThreads().toString(),
                    sv == null || sv.peakRssBytes() == null ? "-" : Human.bytes(sv.peakRssBytes()),
                    perRequest(sv == null ? null : sv.cpuUsPerRequest()),
                    perRequest(s.client() == null ? null : s.client().cpuUsPerRequest()),
                    !udp ? "" : s.datagrams() == null ? "-" : String.format(Locale.ROOT, "%.2f %%", s.datagrams().lossPct())));
        }
        b.append("(CPU: microseconds per verified request").append(udp ? "; loss: lost / (received + lost + corrupted) datagrams" : "")
                .append(")\n");
        return b.toString();
    }

    private static String perRequest(Double us) {
        return us == null ? "-" : String.format(Locale.ROOT, "%.2f us", us);
    }

    static List<Run> load(List<Path> runDirs) throws IOException {
        List<Run> runs = new ArrayList<>();
        Map<String, Integer> labels = new HashMap<>();
        Map<String, Integer> perModel = new HashMap<>();
        for (Path dir : runDirs) {
            Summary s = Summary.read(dir);
            String base = s.impl() + " c" + s.clients() + " " + (s.udp() ? "udp-" : "") + s.protocol()
                    + (s.openLoop() == null ? "" : " @" + Human.count(s.openLoop().targetRequestsPerSecond()) + "/s");
            int seen = labels.merge(base, 1, Integer::sum);
            Path hlog = dir.resolve(LatencyLog.FILE);
            Histogram latency = Files.isRegularFile(hlog) ? LatencyLog.sum(hlog, LatencyLog.LATENCY) : null;
            int repeat = perModel.merge(s.impl(), 1, Integer::sum) - 1;
            Color color = Charts.variant(Charts.colorFor(s.impl()), repeat);
            runs.add(new Run(dir, seen == 1 ? base : base + " #" + seen, s, latency, color, repeat));
        }
        return runs;
    }

    private static Entry entry(Run r) {
        Summary s = r.summary();
        Summary.Server sv = s.server();
        return new Entry(r.label(), r.dir().toString(), s.impl(), s.protocol(), s.clients(), s.measuredSeconds(),
                s.throughput().requestsPerSecond(), s.throughput().megabytesPerSecond(), s.latency().roundTrip(),
                s.errors(), s.fairness(), sv == null ? null : sv.peakOsThreads(), sv == null ? null : sv.peakRssBytes(),
                s.client() != null && s.client().clientStalled(), sv == null ? null : sv.cpuUsPerRequest(),
                s.client() == null ? null : s.client().cpuUsPerRequest(), s.udp() ? "udp" : "tcp", s.datagrams());
    }
}
