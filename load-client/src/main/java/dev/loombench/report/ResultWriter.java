package dev.loombench.report;

import dev.loombench.client.RunResult;
import dev.loombench.machine.Noise;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.style.lines.SeriesLines;

/**
 * Writes one run's result directory, {@code <runsRoot>/<yyyyMMdd-HHmmss>-<impl>-c<clients>-<protocol>/}:
 * <pre>
 * summary.json     whole-phase figures and the full configuration  ({@link Summary})
 * latency.hlog     HdrHistogram interval log, tags latency/service/connect ({@link LatencyLog})
 * timeseries.csv   one row per interval  ({@link TimeseriesCsv})
 * clients.csv      one row per client: verified requests, first reply  ({@link ClientsCsv})
 * latency.png      latency by percentile  ({@link LatencyChart})
 * throughput.png   requests/s and failures over time  ({@link ThroughputChart})
 * index.html       all of it on one page  ({@link RunReport})
 * </pre>
 * An existing directory is never overwritten: a second run in the same second gets {@code -2},
 * then {@code -3}. Not thread-safe per result; distinct results may be written concurrently.
 */
public final class ResultWriter {

    public static final String LATENCY_PNG = "latency.png";
    public static final String THROUGHPUT_PNG = "throughput.png";
    /** The files of a result directory by role, as listed in summary.json's {@code files}. */
    public static final Map<String, String> FILES = files();

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private ResultWriter() {}

    /** Creates a new result directory under {@code runsRoot}, writes every file into it, and returns it. */
    public static Path write(RunResult result, Path runsRoot) throws IOException {
        return write(result, runsRoot, null);
    }

    /**
     * As {@link #write(RunResult, Path)}, with the noise guard's verdict on the measured phase in
     * summary.json and the page (null: not watched).
     */
    public static Path write(RunResult result, Path runsRoot, Noise noise) throws IOException {
        Path dir = createUnique(runsRoot, directoryName(result));
        writeInto(result, dir, noise);
        return dir;
    }

    /** Writes every file of a result directory into {@code dir}, which exists; files of the same names are replaced. */
    public static void writeInto(RunResult result, Path dir) throws IOException {
        writeInto(result, dir, null);
    }

    /** As {@link #writeInto(RunResult, Path)}, with the noise guard's verdict (null: not watched). */
    public static void writeInto(RunResult result, Path dir, Noise noise) throws IOException {
        Summary summary = writeData(result, dir, noise);
        String what = result.impl() + ", " + result.protocol() + (result.datagrams() != null ? " over udp" : "") + ", "
                + result.clients() + " clients";
        LatencyChart.write("latency by percentile - " + what, latencyCurves(result), dir.resolve(LATENCY_PNG));
        ThroughputChart.write(result, "throughput over time - " + what, dir.resolve(THROUGHPUT_PNG));
        RunReport.write(summary, dir);
    }

    /**
     * Writes the data files of a result directory into {@code dir}, which exists — summary.json,
     * latency.hlog, timeseries.csv, clients.csv — without the charts and the page: what
     * {@link ResultReader} reads back. Returns the summary written.
     */
    public static Summary writeData(RunResult result, Path dir) throws IOException {
        return writeData(result, dir, null);
    }

    /** As {@link #writeData(RunResult, Path)}, with the noise guard's verdict (null: not watched). */
    public static Summary writeData(RunResult result, Path dir, Noise noise) throws IOException {
        Summary summary = Summary.of(result, noise);
        Json.PRETTY.writeValue(dir.resolve(Summary.FILE).toFile(), summary);
        LatencyLog.write(result, dir.resolve(LatencyLog.FILE));
        TimeseriesCsv.write(result.intervals(), dir.resolve(TimeseriesCsv.FILE));
        ClientsCsv.write(result, dir.resolve(ClientsCsv.FILE));
        return summary;
    }

    /**
     * Round trip, service time and connect. In closed loop each request is sent when it is due, so
     * the round trip is the service time and one curve is drawn for both. The legend says how many
     * censored requests (given up or unanswered at the end, at their age) the round trip includes:
     * they are the tail a starved client leaves.
     */
    private static List<LatencyChart.Curve> latencyCurves(RunResult r) {
        Color model = Charts.colorFor(r.impl());
        List<LatencyChart.Curve> curves = new ArrayList<>();
        boolean same = r.openLoop() == null || r.service() == null || r.service().equals(r.latency());
        long censored = r.censored();
        String withCensored = censored == 0 ? "" : String.format(java.util.Locale.ROOT, ", incl. %,d censored", censored);
        curves.add(new LatencyChart.Curve((same ? "round trip = service time (closed loop)" : "round trip, corrected") + withCensored,
                r.latency(), model));
        if (!same) curves.add(new LatencyChart.Curve("service time", r.service(), model.darker(), SeriesLines.DASH_DASH));
        if (r.datagrams() != null) { // UDP: no connects; the datagrams that came back, beside all (lost ones at their age)
            org.HdrHistogram.Histogram received = new org.HdrHistogram.Histogram(3);
            r.intervals().forEach(in -> received.add(LatencyLog.received(in)));
            curves.add(new LatencyChart.Curve("received datagrams only (lost left out)", received, Charts.CONNECT_COLOR, SeriesLines.DOT_DOT));
        } else {
            curves.add(new LatencyChart.Curve("connect", r.connect(), Charts.CONNECT_COLOR, SeriesLines.DOT_DOT));
        }
        return curves;
    }

    /**
     * {@code <yyyyMMdd-HHmmss>-<impl>-c<clients>-<protocol>} ({@code -udp-<protocol>} over UDP), the time being
     * the UTC start of the measured phase.
     */
    public static String directoryName(RunResult r) {
        return STAMP.format(r.startedAt()) + "-" + r.impl() + "-c" + r.clients() + "-" + (r.datagrams() != null ? "udp-" : "")
                + r.protocol();
    }

    /** {@code yyyyMMdd-HHmmss} in UTC, the prefix of every result directory name. */
    public static String stamp(Instant t) {
        return STAMP.format(t);
    }

    /**
     * Creates {@code parent/name}, or {@code name-2}, {@code name-3}, ... if taken, and returns it.
     * Creation is atomic, so concurrent writers never share a directory.
     */
    public static Path createUnique(Path parent, String name) throws IOException {
        Files.createDirectories(parent);
        for (int n = 1; ; n++) {
            Path dir = parent.resolve(n == 1 ? name : name + "-" + n);
            try {
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException taken) {
                // try the next suffix
            }
        }
    }

    private static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("summary", Summary.FILE);
        files.put("latencyLog", LatencyLog.FILE);
        files.put("timeseries", TimeseriesCsv.FILE);
        files.put("clients", ClientsCsv.FILE);
        files.put("latencyChart", LATENCY_PNG);
        files.put("throughputChart", THROUGHPUT_PNG);
        files.put("report", HtmlReport.FILE);
        return Collections.unmodifiableMap(files);
    }
}
