package dev.loombench.report;

import dev.loombench.report.Sweep.Cell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Writes what a {@link Sweep} produced into its directory: {@code sweep.json}, the charts
 * ({@link SweepCharts}) and a {@code README.md} with the command, the table, the charts and the
 * machine facts; and formats the table printed at the end of {@code bench sweep}.
 */
public final class SweepReport {

    public static final String README = "README.md";

    private SweepReport() {}

    /**
     * Writes sweep.json, the charts and README.md into {@code dir}.
     *
     * @param machine facts about the machine by the command that told them ({@code nproc}, {@code free -h}, ...)
     */
    public static void write(Sweep sweep, Path dir, Map<String, String> machine) throws IOException {
        Files.createDirectories(dir);
        Json.PRETTY.writeValue(dir.resolve(Sweep.FILE).toFile(), sweep);
        SweepCharts.write(sweep, dir);
        Files.writeString(dir.resolve(README), readme(sweep, machine));
        page(sweep, dir, machine);
    }

    /** The sweep's index.html: command, table with spread, every chart, machine facts, links. */
    static void page(Sweep sweep, Path dir, Map<String, String> machine) throws IOException {
        HtmlReport page = new HtmlReport("bench sweep: " + sweep.protocol() + ", " + String.join(", ", sweep.impls())
                + " x " + sweep.clients() + " clients")
                .subtitle(String.format(Locale.ROOT, "%d cells in %.0f s, finished %s", sweep.cells().size(),
                        sweep.wallSeconds(), sweep.createdAt()))
                .pre("Made by", sweep.command())
                .table("Every cell (a model's name links to the page of its median run)", cellTable(sweep));
        for (Map.Entry<String, String> chart : SweepCharts.FILES.entrySet()) page.image(dir, chart.getValue(), chart.getKey());
        page.heading("Configuration").json("Load of every cell (the client count varies):", sweep.load())
                .json("Server options:", sweep.server()).json("Environment:", sweep.environment());
        StringBuilder facts = new StringBuilder();
        machine.forEach((command, output) -> facts.append("$ ").append(command).append('\n').append(output.strip()).append('\n'));
        page.pre("Machine:", facts.toString());
        page.filesOf(dir).write(dir);
    }

    /** One row per cell, in the order they ran. */
    public static String table(Sweep sweep) {
        return cellTable(sweep).toText();
    }

    /**
     * One row per cell: with repetitions, req/s, p50 and p99 as {@code median (min-max)} and the rest as
     * medians; a cell whose kept repetitions include a noisy one is flagged.
     */
    static Table cellTable(Sweep sweep) {
        Table t = new Table("model", "clients", "runs", "req/s", "p50", "p99", "max", "errors", "served", "never 1st",
                "threads", "RSS", "CPU");
        boolean stalled = false;
        boolean noisy = false;
        for (Cell c : sweep.cells()) {
            int runs = c.repetitions() == null ? 1 : c.repetitions().size();
            if (!c.ran()) {
                t.row(c.impl(), c.clients(), runs, "-", "-", "-", "-", "-", "-", "-", "-", "-", "not run: " + c.failure());
                continue;
            }
            boolean cellStalled = Boolean.TRUE.equals(c.clientStalled());
            boolean cellNoisy = c.noisy() != null && c.noisy() > 0;
            stalled |= cellStalled;
            noisy |= cellNoisy;
            RepeatedFigures f = c.spread();
            Table.Cell name = new Table.Cell(c.impl() + (cellStalled ? "*" : ""), c.dir() == null ? null : c.dir() + "/" + HtmlReport.FILE);
            Object[] row = {name, c.clients(), runs + (cellNoisy ? " (" + c.noisy() + " noisy)" : ""),
                    f == null ? Human.count(c.requestsPerSecond()) : f.requestsPerSecond().format(Human::count),
                    f == null ? Human.latencyUs(c.p50Us()) : f.p50Us().format(Human::latencyUs),
                    f == null ? Human.latencyUs(c.p99Us()) : f.p99Us().format(Human::latencyUs),
                    Human.latencyUs(c.maxUs()), Human.count(c.errors()), c.served() + "/" + c.clients(),
                    c.firstReply() == null ? "-" : c.firstReply().never(),
                    c.peakOsThreads() == null ? "-" : c.peakOsThreads(),
                    c.peakRssBytes() == null ? "-" : Human.bytes(c.peakRssBytes()),
                    c.meanCpuPct() == null ? "-" : Human.percent(c.meanCpuPct())};
            if (cellNoisy || cellStalled) t.flaggedRow(row);
            else t.row(row);
        }
        if (stalled) {
            t.note("* the load client itself stalled (a pause of its JVM over " + (int) Summary.STALL_THRESHOLD_MS
                    + " ms) in this cell: its figures include that pause");
        }
        if (noisy) {
            t.note("noisy: the noise guard marked a repetition that was kept after its retries ran out (other processes took"
                    + " more than 5 % of the CPUs, or the client stalled)");
        }
        return t;
    }

    static String readme(Sweep sweep, Map<String, String> machine) {
        StringBuilder b = new StringBuilder();
        b.append("# bench sweep: ").append(sweep.protocol()).append(", ").append(String.join(", ", sweep.impls()))
                .append(" x ").append(sweep.clients()).append(" clients\n\n");
        b.append("Made by\n\n```\n").append(sweep.command()).append("\n```\n\n");
        long ran = sweep.cells().stream().filter(Cell::ran).count();
        b.append(String.format(Locale.ROOT, "%d cells (%d ran) in %.0f s, finished %s. Each cell is a normal `bench run`"
                + " (child server, warm-up, measured phase); its full result directory was under `cells/`"
                + " (not kept in git). Key figures of every cell: [`sweep.json`](sweep.json).%n%n",
                sweep.cells().size(), ran, sweep.wallSeconds(), sweep.createdAt()));
        b.append("```\n").append(table(sweep)).append("```\n\n");
        int most = sweep.cells().stream().mapToInt(c -> c.repetitions() == null ? 1 : c.repetitions().size()).max().orElse(1);
        if (most > 1) {
            b.append("Each cell ran ").append(most).append(" times, round by round over the whole grid (every cell once per"
                    + " round, a fresh server each time); a figure is the median of its repetitions, with min-max in"
                    + " brackets and as thin bars on the charts. A repetition the noise guard marked noisy was made again"
                    + " (see `sweep.json`, `repetitions`).\n\n");
        }
        b.append("Columns: verified requests/s; corrected round-trip p50/p99/max; failures of every class in the measured"
                + " phase; clients with at least one verified reply in the measured phase; clients never served in the whole"
                + " run (time to first reply); the server's peak OS threads and RSS and mean CPU (percent of one core),"
                + " from /proc. Latency includes the requests given up or unanswered at the end, at their age (censored):"
                + " in closed loop a client never served makes one request per timeout while a served one makes"
                + " thousands, so starved clients show in max (and p99.9) rather than p99; read p99 together with served.\n\n");
        for (Map.Entry<String, String> chart : SweepCharts.FILES.entrySet()) {
            b.append("![").append(chart.getKey()).append("](").append(chart.getValue()).append(")\n\n");
        }
        b.append(Markdown.machine(machine));
        return b.toString();
    }
}
