package dev.loombench.knee;

import dev.loombench.report.HtmlReport;
import dev.loombench.report.Human;
import dev.loombench.report.Json;
import dev.loombench.report.Markdown;
import dev.loombench.report.Table;
import dev.loombench.serve.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes what a knee search found into its directory — the charts ({@link KneeCharts}),
 * {@code knee.json} ({@link KneeResult}), a {@code README.md} and an {@code index.html} with the
 * command, the conditions, the knees, every step and the machine facts — and formats the table
 * printed at the end. The tables are one {@link Table} each, shown alike in the terminal, the Markdown
 * and the page; a step whose runs were noisy or whose client stalled or was busy is flagged.
 */
public final class KneeReport {

    public static final String README = "README.md";

    private KneeReport() {}

    /**
     * Writes the charts, knee.json, README.md and index.html into {@code dir}; returns the result with its files.
     *
     * @param machine facts about the machine by the command that told them ({@code nproc}, ...)
     */
    public static KneeResult write(KneeResult k, Path dir, Map<String, String> machine) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> files = new LinkedHashMap<>(KneeCharts.write(k, dir));
        files.put("readme", README);
        files.put("report", HtmlReport.FILE);
        KneeResult done = new KneeResult(k.schema(), k.createdAt(), k.command(), k.protocol(), k.objective(), k.plan(),
                k.repeat(), k.fresh(), k.settle(), k.load(), k.server(), k.cpus(), k.environment(), k.wallSeconds(),
                k.models(), files);
        Json.PRETTY.writeValue(dir.resolve(KneeResult.FILE).toFile(), done);
        Files.writeString(dir.resolve(README), readme(done, machine));
        page(done, dir, machine);
        return done;
    }

    /** The table of knees, for the terminal. */
    public static String table(KneeResult k) {
        return knees(k).toText();
    }

    /** One row per model: its knee, the interval, the latencies at the knee, why the search ended. */
    static Table knees(KneeResult k) {
        Table t = new Table("model", "knee req/s", "fails at", "p50", "p99", "p99.9", "steps", "note");
        for (ModelKnee m : k.models()) {
            Step at = m.atKnee();
            Object[] row = {m.impl(), m.knee() == null ? "none" : Human.count(m.knee()), m.above() == null ? "-" : Human.count(m.above()),
                    at == null ? "-" : Human.latencyUs(at.p50Us().median()), at == null ? "-" : at.p99Us().format(Human::latencyUs),
                    at == null ? "-" : Human.latencyUs(at.p999Us().median()), m.steps().size(),
                    (m.clientLimited() ? "client stalled or busy near the knee; " : "") + m.stop()};
            if (m.clientLimited()) t.flaggedRow(row);
            else t.row(row);
        }
        return t;
    }

    /** Every step of one model, in the order run; runs link to their data directory. */
    static Table steps(ModelKnee m) {
        Table t = new Table("step", "offered req/s", "verified req/s", "p50", "p99", "p99.9", "errors", "verdict");
        for (Step s : m.steps()) {
            String verdict = (s.passed() ? "pass" : "fail: " + String.join("; ", s.misses()))
                    + (s.clientLimited() ? " (client stalled or busy)" : "") + (s.noisy() ? " (noisy)" : "");
            Object[] row = {new Table.Cell(Integer.toString(s.index()), s.runs().get(0).dir()), Human.count(s.offered()),
                    s.achieved().format(Human::count), Human.latencyUs(s.p50Us().median()), s.p99Us().format(Human::latencyUs),
                    Human.latencyUs(s.p999Us().median()), Human.count(s.runs().stream().mapToLong(Repetition::errors).sum()), verdict};
            if (s.noisy() || s.clientLimited()) t.flaggedRow(row);
            else t.row(row);
        }
        return t;
    }

    /** What a rate had to meet and how each step ran, in words. */
    static String conditions(KneeResult k) {
        return String.format(Locale.ROOT, "The highest open-loop rate each model sustained: verified rate at least %.0f%% of"
                        + " the offered one, p99 latency from the intended send time (censored requests included at their age)"
                        + " at most %s, failures at most %s%% of requests. Each step: %d clients, %s warm-up + %s measured, %s,"
                        + " %d run%s per step (figures are medians; ranges min-max), a run the noise guard marked noisy made"
                        + " again; %s. Rates ramp up by doubling from %s req/s, then bisect to within %s%%. Finished %s after %.0f s.",
                100 * Objective.MIN_ACHIEVED, Human.latency(k.objective().p99().toNanos()),
                trim(100 * k.objective().maxErrorRate()), k.load().clients(), Durations.format(k.load().warmup()),
                Durations.format(k.load().duration()), k.protocol(), k.repeat(), k.repeat() == 1 ? "" : "s",
                k.fresh() ? "a fresh server for every run" : "one warm server per model, " + k.settle() + " between runs",
                Human.count(k.plan().startRate()), trim(100 * k.plan().resolution()), k.createdAt(), k.wallSeconds());
    }

    static final String READING = "`knee`: the highest rate that passed; `fails at`: the lowest rate above it that failed, so"
            + " the knee lies between the two. Latencies are those of the step at the knee.";

    static String readme(KneeResult k, Map<String, String> machine) {
        StringBuilder b = new StringBuilder();
        b.append("# bench knee: ").append(k.protocol()).append(", ")
                .append(String.join(", ", k.models().stream().map(ModelKnee::impl).toList())).append("\n\n");
        b.append("Made by\n\n```\n").append(k.command()).append("\n```\n\n").append(conditions(k)).append("\n\n");
        b.append(knees(k).toMarkdown()).append('\n').append(READING).append(" Every step, with the data files of each run"
                + " (summary.json, latency.hlog), is in [`knee.json`](knee.json) and `steps/`; all of it on one page:"
                + " [`index.html`](index.html).\n\n");
        k.files().forEach((role, file) -> {
            if (file.endsWith(".png")) b.append("![").append(role).append("](").append(file).append(")\n\n");
        });
        for (ModelKnee m : k.models()) {
            b.append("## ").append(m.impl()).append("\n\n").append(m.stop()).append(".\n\n").append(steps(m).toMarkdown()).append('\n');
        }
        b.append("CPUs: ").append(cpus(k)).append(".\n\n");
        b.append(Markdown.machine(machine));
        return b.toString();
    }

    /** index.html: the knees, the charts, every model's steps, the configuration and the machine. */
    static void page(KneeResult k, Path dir, Map<String, String> machine) throws IOException {
        HtmlReport page = new HtmlReport("bench knee: " + k.protocol() + ", "
                + String.join(", ", k.models().stream().map(ModelKnee::impl).toList()))
                .subtitle(String.format(Locale.ROOT, "finished %s after %.0f s", k.createdAt(), k.wallSeconds()))
                .pre("Made by", k.command())
                .paragraph(conditions(k))
                .table("The knee of each model", knees(k))
                .note(READING.replace("`", ""))
                .image(dir, KneeCharts.LATENCY, "p99 latency against offered rate, every model, knees marked");
        for (ModelKnee m : k.models()) {
            page.heading(m.impl()).note(m.stop())
                    .table("Every step, in the order run (the step number links to its data)", steps(m))
                    .image(dir, KneeCharts.latencyOf(m.impl()), m.impl() + ": p50, p99, p99.9 against offered rate");
        }
        page.image(dir, KneeCharts.ACHIEVED, "verified against offered rate");
        page.heading("Configuration").json("Objective:", k.objective()).json("Search:", k.plan())
                .json("Load of every run (its rate set by each step):", k.load()).json("Server options:", k.server())
                .pre("CPUs:", cpus(k)).json("Environment:", k.environment());
        StringBuilder facts = new StringBuilder();
        machine.forEach((command, output) -> facts.append("$ ").append(command).append('\n').append(output.strip()).append('\n'));
        page.pre("Machine:", facts.toString());
        page.filesOf(dir).write(dir);
    }

    private static String cpus(KneeResult k) {
        if (!(k.cpus() instanceof Map<?, ?> cpus)) return "unknown";
        return "client " + (cpus.get("client") == null ? "unpinned" : cpus.get("client")) + ", server "
                + (cpus.get("server") == null ? "unpinned" : cpus.get("server"));
    }

    private static String trim(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : String.format(Locale.ROOT, "%.3g", x);
    }
}
