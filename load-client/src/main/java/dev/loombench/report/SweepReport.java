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
    }

    /** One row per cell, in the order they ran. */
    public static String table(Sweep sweep) {
        TextTable t = new TextTable("model", "clients", "req/s", "p50", "p99", "max", "errors", "served", "never 1st",
                "threads", "RSS", "CPU");
        for (Cell c : sweep.cells()) {
            if (!c.ran()) {
                t.row(c.impl(), c.clients(), "-", "-", "-", "-", "-", "-", "-", "-", "-", "not run: " + c.failure());
                continue;
            }
            t.row(Boolean.TRUE.equals(c.clientStalled()) ? c.impl() + "*" : c.impl(), c.clients(), Human.count(c.requestsPerSecond()), Human.latencyUs(c.p50Us()),
                    Human.latencyUs(c.p99Us()), Human.latencyUs(c.maxUs()), Human.count(c.errors()),
                    c.served() + "/" + c.clients(), c.firstReply() == null ? "-" : c.firstReply().never(),
                    c.peakOsThreads() == null ? "-" : c.peakOsThreads(),
                    c.peakRssBytes() == null ? "-" : Human.bytes(c.peakRssBytes()),
                    c.meanCpuPct() == null ? "-" : Human.percent(c.meanCpuPct()));
        }
        boolean stalled = sweep.cells().stream().anyMatch(c -> Boolean.TRUE.equals(c.clientStalled()));
        return t + (stalled ? "* the load client itself stalled (a pause of its JVM over " + (int) Summary.STALL_THRESHOLD_MS
                + " ms) in this cell: its figures include that pause\n" : "");
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
        b.append("Columns: verified requests/s; corrected round-trip p50/p99/max; failures of every class in the measured"
                + " phase; clients with at least one verified reply in the measured phase; clients never served in the whole"
                + " run (time to first reply); the server's peak OS threads and RSS and mean CPU (percent of one core),"
                + " from /proc. Latency covers verified replies only: clients never served (a pool beyond its size, `single`"
                + " beyond its one client) add no samples, so read p99 together with served.\n\n");
        for (Map.Entry<String, String> chart : SweepCharts.FILES.entrySet()) {
            b.append("![").append(chart.getKey()).append("](").append(chart.getValue()).append(")\n\n");
        }
        b.append(Markdown.machine(machine));
        return b.toString();
    }
}
