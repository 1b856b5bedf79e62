package dev.loombench.report;

import dev.loombench.client.Fairness;
import dev.loombench.stats.Difference;
import dev.loombench.stats.Spread;
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
import java.util.function.DoubleFunction;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * Puts result directories side by side ({@code bench compare}, {@code bench --impl all}, the
 * page of a {@code --repeat} set). Each input is a run's result directory (a group of one run) or
 * a repetition set's directory ({@link RepeatSet}: one group per model, each of its repetitions).
 * Reads each run's {@code summary.json} and {@code latency.hlog} and writes into the output directory:
 * <pre>
 * comparison.json  every run's headline figures, and every group's with spread and its change against the first group
 * latency.png      every run's corrected round-trip percentile curve, overlaid (a group's runs share a colour)
 * throughput.png   requests/s: a bar per group at its median, a dot per run
 * errors.png       failures by class: one group of bars per class that occurred, one bar per run
 * index.html       the table, the charts, every run with its noise verdict, links to everything
 * </pre>
 * Groups are told apart only where the data can tell them apart: a change whose intervals overlap
 * is shown as "~", no clear difference ({@link Difference}). Groups keep their model's colour
 * everywhere; repeated models get darker and lighter variants.
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
     * @param groups    one entry per group of runs (a run given alone is a group of one), with spread
     */
    public record Comparison(String schema, String createdAt, List<Entry> runs, Map<String, String> files,
                             List<GroupEntry> groups) {}

    /**
     * One run's headline figures, copied from its summary.json (same names and units).
     *
     * @param label     {@code <impl> c<clients> <protocol>} ({@code udp-<protocol>} over UDP, plus the open-loop
     *                  rate), made unique with {@code #2}, ...; a run of a group of several: the group's label and {@code run k}
     * @param dir       the result directory as given
     * @param group     the label of its group
     * @param noisy     the noise guard marked it
     * @param transport {@code tcp} or {@code udp}
     * @param datagrams UDP: what became of the datagrams (as in summary.json); null over TCP
     */
    public record Entry(String label, String dir, String impl, String protocol, int clients, double measuredSeconds,
                        double requestsPerSecond, double megabytesPerSecond, Summary.Stats latency,
                        Summary.Errors errors, Fairness fairness, Long peakOsThreads, Long peakRssBytes,
                        boolean clientStalled, Double serverCpuUsPerRequest, Double clientCpuUsPerRequest,
                        String group, boolean noisy, String transport, Summary.Datagrams datagrams) {}

    /**
     * A group's figures with spread.
     *
     * @param label       the group's label
     * @param runs        its runs' labels
     * @param noisy       how many of them the noise guard marked
     * @param figures     medians, ranges and intervals
     * @param versusFirst change of the median against the first group, for req/s, p99 and server CPU per
     *                    request, with whether it is clear; empty for the first group
     */
    public record GroupEntry(String label, List<String> runs, int noisy, RepeatedFigures figures,
                             Map<String, Difference> versusFirst) {}

    /**
     * A loaded run: its summary, the summed {@code latency} histogram (null without an hlog), its colour,
     * how many groups of the same model came before its group, and its group's label.
     */
    record Run(Path dir, String label, Summary summary, Histogram latency, Color color, int repeat, String group) {}

    /** Runs that belong together: the repetitions of one model in a set, or one run given alone. */
    record Group(String label, List<Run> runs) {
        RepeatedFigures figures() {
            return RepeatedFigures.of(runs.stream().map(Run::summary).toList());
        }

        Color color() {
            return runs.getFirst().color();
        }
    }

    /** Writes the comparison of {@code inputs} (result or set directories) into {@code outDir}. */
    public static Path write(List<Path> inputs, Path outDir) throws IOException {
        List<Group> groups = load(inputs);
        List<Run> runs = groups.stream().flatMap(g -> g.runs().stream()).toList();
        Files.createDirectories(outDir);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("latencyChart", ResultWriter.LATENCY_PNG);
        files.put("throughputChart", ResultWriter.THROUGHPUT_PNG);
        files.put("errorsChart", ERRORS_PNG);
        files.put("report", HtmlReport.FILE);
        Json.PRETTY.writeValue(outDir.resolve(FILE).toFile(), new Comparison(SCHEMA, Instant.now().toString(),
                runs.stream().map(ComparisonWriter::entry).toList(), files, groupEntries(groups)));

        ComparisonCharts.latency(groups, outDir.resolve(ResultWriter.LATENCY_PNG));
        Charts.writePng(ComparisonCharts.throughput(groups), outDir.resolve(ResultWriter.THROUGHPUT_PNG));
        Charts.writePng(ComparisonCharts.errors(runs), outDir.resolve(ERRORS_PNG));
        ComparisonReport.write(groups, outDir);
        return outDir;
    }

    /**
     * Creates a fresh {@code <runsRoot>/<yyyyMMdd-HHmmss>-compare/} (UTC now, {@code -2} ... if taken) for
     * {@link #write}: where {@code bench compare} and {@code bench --impl all} put their comparison.
     */
    public static Path newDirectory(Path runsRoot) throws IOException {
        return ResultWriter.createUnique(runsRoot, ResultWriter.stamp(Instant.now()) + "-compare");
    }

    /** The groups side by side, for the terminal. @throws UncheckedIOException if a summary cannot be read */
    public static String table(List<Path> inputs) {
        try {
            List<Group> groups = load(inputs);
            return groupTable(groups).toText() + verdicts(groups);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One row per group: every figure as {@code median (min-max)} (one run: just its value), and the
     * change of req/s and p99 against the first group ("~": no clear difference).
     */
    static Table groupTable(List<Group> groups) {
        boolean udp = groups.stream().anyMatch(g -> g.runs().getFirst().summary().udp());
        List<String> header = new ArrayList<>(List.of("group", "runs", "req/s", "p50", "p99", "p99.9", "errors", "served", "RSS",
                "server CPU", "client CPU", "req/s vs 1st", "p99 vs 1st"));
        if (udp) header.add("loss");
        Table t = new Table(header.toArray(String[]::new));
        RepeatedFigures first = groups.getFirst().figures();
        boolean anySeveral = false;
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            RepeatedFigures f = g.figures();
            anySeveral |= g.runs().size() > 1;
            long noisy = g.runs().stream().filter(r -> r.summary().noisy()).count();
            String runs = g.runs().size() + (noisy > 0 ? " (" + noisy + " noisy)" : "");
            Object[] cells = {g.label(), runs, fmt(f.requestsPerSecond(), Human::count), fmt(f.p50Us(), Human::latencyUs),
                    fmt(f.p99Us(), Human::latencyUs), fmt(f.p999Us(), Human::latencyUs), fmt(f.errors(), Human::count),
                    fmt(f.served(), v -> Human.count(v)) + "/" + g.runs().getFirst().summary().clients(),
                    fmt(f.peakRssBytes(), Human::bytes), fmt(f.serverCpuUsPerRequest(), ComparisonWriter::us),
                    fmt(f.clientCpuUsPerRequest(), ComparisonWriter::us),
                    i == 0 ? "base" : vs(first.requestsPerSecond(), f.requestsPerSecond()),
                    i == 0 ? "base" : vs(first.p99Us(), f.p99Us())};
            if (udp) {
                cells = java.util.Arrays.copyOf(cells, cells.length + 1);
                cells[cells.length - 1] = fmt(lossPct(g), v -> String.format(Locale.ROOT, "%.2f %%", v));
            }
            if (noisy > 0) t.flaggedRow(cells);
            else t.row(cells);
        }
        t.note("Figures: median (min-max) over a group's runs; CPU in microseconds per verified request"
                + (udp ? "; loss: lost / (received + lost + corrupted) datagrams, over UDP." : "."));
        t.note("vs 1st: change of the median against the first group; ~ = no clear difference (the intervals overlap);"
                + " ? = a group of one run, not judged" + (anySeveral ? "; intervals of 3 runs hold the true median"
                + " with 75 % confidence, of 5 with 94 % (order statistics)." : "."));
        return t;
    }

    /** For each pair of groups whose req/s intervals overlap: "A and B: no clear difference in req/s". */
    static String verdicts(List<Group> groups) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < groups.size(); i++) {
            for (int j = i + 1; j < groups.size(); j++) {
                Spread a = groups.get(i).figures().requestsPerSecond();
                Spread c = groups.get(j).figures().requestsPerSecond();
                if (a.n() > 1 && c.n() > 1 && a.overlaps(c)) {
                    b.append(groups.get(i).label()).append(" and ").append(groups.get(j).label())
                            .append(": no clear difference in req/s (their intervals overlap)\n");
                }
            }
        }
        return b.toString();
    }

    /** UDP: the group's loss, percent, with its spread; null when a run of it is not UDP. */
    private static Spread lossPct(Group g) {
        if (g.runs().stream().anyMatch(r -> r.summary().datagrams() == null)) return null;
        return Spread.of(g.runs().stream().mapToDouble(r -> r.summary().datagrams().lossPct()).toArray());
    }

    private static String vs(Spread base, Spread other) {
        return base == null || other == null ? "-" : Difference.of(base, other).format();
    }

    static String fmt(Spread s, DoubleFunction<String> number) {
        return s == null ? "-" : s.format(number);
    }

    static String us(double micros) {
        return String.format(Locale.ROOT, "%.2f us", micros);
    }

    /** Loads every input: a set directory becomes its groups, a result directory a group of one. */
    static List<Group> load(List<Path> inputs) throws IOException {
        List<Group> groups = new ArrayList<>();
        Map<String, Integer> labels = new HashMap<>();
        Map<String, Integer> perModel = new HashMap<>();
        for (Path input : inputs) {
            if (RepeatSet.isSet(input)) {
                for (RepeatSet.Group g : RepeatSet.read(input).groups()) {
                    List<Path> dirs = g.repetitions().stream().filter(r -> r.dir() != null).map(r -> input.resolve(r.dir())).toList();
                    if (!dirs.isEmpty()) groups.add(group(g.label(), dirs, labels, perModel));
                }
            } else {
                groups.add(group(null, List.of(input), labels, perModel));
            }
        }
        if (groups.isEmpty()) throw new IOException("no runs to compare in " + inputs);
        return groups;
    }

    private static Group group(String setLabel, List<Path> dirs, Map<String, Integer> labels, Map<String, Integer> perModel)
            throws IOException {
        List<Summary> summaries = new ArrayList<>();
        for (Path d : dirs) summaries.add(Summary.read(d));
        Summary first = summaries.getFirst();
        String base = setLabel != null ? setLabel : baseLabel(first);
        int seen = labels.merge(base, 1, Integer::sum);
        String label = seen == 1 ? base : base + " #" + seen;
        int repeat = perModel.merge(first.impl(), 1, Integer::sum) - 1;
        Color color = Charts.variant(Charts.colorFor(first.impl()), repeat);
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            Path hlog = dirs.get(i).resolve(LatencyLog.FILE);
            Histogram latency = Files.isRegularFile(hlog) ? LatencyLog.sum(hlog, LatencyLog.LATENCY) : null;
            String runLabel = dirs.size() == 1 ? label : label + " run " + (i + 1);
            runs.add(new Run(dirs.get(i), runLabel, summaries.get(i), latency, color, repeat, label));
        }
        return new Group(label, List.copyOf(runs));
    }

    /** {@code <impl> c<clients> <protocol>} ({@code udp-<protocol>} over UDP), plus the open-loop rate. */
    public static String baseLabel(Summary s) {
        return s.impl() + " c" + s.clients() + " " + (s.udp() ? "udp-" : "") + s.protocol()
                + (s.openLoop() == null ? "" : " @" + Human.count(s.openLoop().targetRequestsPerSecond()) + "/s");
    }

    private static List<GroupEntry> groupEntries(List<Group> groups) {
        RepeatedFigures first = groups.getFirst().figures();
        List<GroupEntry> entries = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            RepeatedFigures f = g.figures();
            Map<String, Difference> vs = new LinkedHashMap<>();
            if (i > 0) {
                versus(vs, "requestsPerSecond", first, f, RepeatedFigures::requestsPerSecond);
                versus(vs, "p99Us", first, f, RepeatedFigures::p99Us);
                versus(vs, "serverCpuUsPerRequest", first, f, RepeatedFigures::serverCpuUsPerRequest);
            }
            entries.add(new GroupEntry(g.label(), g.runs().stream().map(Run::label).toList(),
                    (int) g.runs().stream().filter(r -> r.summary().noisy()).count(), f, vs));
        }
        return entries;
    }

    private static void versus(Map<String, Difference> into, String name, RepeatedFigures base, RepeatedFigures other,
                               Function<RepeatedFigures, Spread> figure) {
        Spread b = figure.apply(base);
        Spread o = figure.apply(other);
        if (b != null && o != null) into.put(name, Difference.of(b, o));
    }

    private static Entry entry(Run r) {
        Summary s = r.summary();
        Summary.Server sv = s.server();
        return new Entry(r.label(), r.dir().toString(), s.impl(), s.protocol(), s.clients(), s.measuredSeconds(),
                s.throughput().requestsPerSecond(), s.throughput().megabytesPerSecond(), s.latency().roundTrip(),
                s.errors(), s.fairness(), sv == null ? null : sv.peakOsThreads(), sv == null ? null : sv.peakRssBytes(),
                s.client() != null && s.client().clientStalled(), sv == null ? null : sv.cpuUsPerRequest(),
                s.client() == null ? null : s.client().cpuUsPerRequest(), r.group(), s.noisy(), s.udp() ? "udp" : "tcp",
                s.datagrams());
    }
}
