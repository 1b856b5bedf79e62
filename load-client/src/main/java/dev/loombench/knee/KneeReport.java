package dev.loombench.knee;

import dev.loombench.report.Human;
import dev.loombench.report.Json;
import dev.loombench.report.Markdown;
import dev.loombench.report.TextTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes what a knee search found into its directory — the charts ({@link KneeCharts}),
 * {@code knee.json} ({@link KneeResult}) and a {@code README.md} with the command, the conditions, the
 * knees, every step and the machine facts — and formats the table printed at the end.
 */
public final class KneeReport {

    public static final String README = "README.md";

    private KneeReport() {}

    /**
     * Writes the charts, knee.json and README.md into {@code dir}; returns the result with its files.
     *
     * @param machine facts about the machine by the command that told them ({@code nproc}, ...)
     */
    public static KneeResult write(KneeResult k, Path dir, Map<String, String> machine) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> files = new LinkedHashMap<>(KneeCharts.write(k, dir));
        files.put("readme", README);
        KneeResult done = new KneeResult(k.schema(), k.createdAt(), k.command(), k.protocol(), k.objective(), k.plan(),
                k.repeat(), k.fresh(), k.settle(), k.load(), k.server(), k.cpus(), k.environment(), k.wallSeconds(),
                k.models(), files);
        Json.PRETTY.writeValue(dir.resolve(KneeResult.FILE).toFile(), done);
        Files.writeString(dir.resolve(README), readme(done, machine));
        return done;
    }

    /** One row per model: its knee, the interval, the latencies at the knee. */
    public static String table(KneeResult k) {
        TextTable t = new TextTable("model", "knee req/s", "fails at", "p50", "p99", "p99.9", "steps", "note");
        for (ModelKnee m : k.models()) {
            Step at = m.atKnee();
            t.row(m.impl(), m.knee() == null ? "none" : Human.count(m.knee()), m.above() == null ? "-" : Human.count(m.above()),
                    at == null ? "-" : Human.latencyUs(at.p50Us().median()), at == null ? "-" : spread(at.p99Us()),
                    at == null ? "-" : Human.latencyUs(at.p999Us().median()), m.steps().size(),
                    (m.clientLimited() ? "client stalled or busy; " : "") + m.stop());
        }
        return t.toString();
    }

    /** {@code 1.20 ms} or, over several runs, {@code 1.20 ms (1.10-1.40 ms)}. */
    static String spread(Spread s) {
        if (s.min() == s.max()) return Human.latencyUs(s.median());
        return Human.latencyUs(s.median()) + " (" + Human.latencyUs(s.min()) + "-" + Human.latencyUs(s.max()) + ")";
    }

    static String readme(KneeResult k, Map<String, String> machine) {
        StringBuilder b = new StringBuilder();
        b.append("# bench knee: ").append(k.protocol()).append(", ")
                .append(String.join(", ", k.models().stream().map(ModelKnee::impl).toList())).append("\n\n");
        b.append("Made by\n\n```\n").append(k.command()).append("\n```\n\n");
        b.append(String.format(Locale.ROOT, "The highest open-loop rate each model sustained: verified rate at least %.0f%% of"
                        + " the offered one, p99 latency from the intended send time (censored requests included at their age)"
                        + " at most %s, failures at most %s%% of requests. Each step: %d clients, %s warm-up + %s measured, %s,"
                        + " %d run%s per step (figures are medians; ranges min-max); %s. Rates ramp up by doubling from %s req/s,"
                        + " then bisect to within %s%%. Finished %s after %.0f s.%n%n",
                100 * Objective.MIN_ACHIEVED, Human.latency(k.objective().p99().toNanos()),
                trim(100 * k.objective().maxErrorRate()), k.load().clients(), human(k.load().warmup()), human(k.load().duration()),
                k.protocol(), k.repeat(), k.repeat() == 1 ? "" : "s",
                k.fresh() ? "a fresh server for every run" : "one warm server per model, " + k.settle() + " between runs",
                Human.count(k.plan().startRate()), trim(100 * k.plan().resolution()), k.createdAt(), k.wallSeconds()));
        b.append("```\n").append(table(k)).append("```\n\n");
        b.append("`knee`: the highest rate that passed; `fails at`: the lowest rate above it that failed, so the knee lies"
                + " between the two. Latencies are those of the step at the knee. Every step, with the data files of each run"
                + " (summary.json, latency.hlog), is in [`knee.json`](knee.json) and `steps/`.\n\n");
        k.files().forEach((role, file) -> {
            if (file.endsWith(".png")) b.append("![").append(role).append("](").append(file).append(")\n\n");
        });
        for (ModelKnee m : k.models()) {
            b.append("## ").append(m.impl()).append("\n\n").append(m.stop()).append(".\n\n");
            b.append("| step | offered req/s | verified req/s | p50 | p99 | p99.9 | errors | verdict |\n|---|---|---|---|---|---|---|---|\n");
            for (Step s : m.steps()) {
                b.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s |%n", s.index(), Human.count(s.offered()),
                        Human.count(s.achieved().median()), Human.latencyUs(s.p50Us().median()), spread(s.p99Us()),
                        Human.latencyUs(s.p999Us().median()), Human.count(s.runs().stream().mapToLong(Repetition::errors).sum()),
                        (s.passed() ? "pass" : "fail: " + String.join("; ", s.misses())) + (s.clientLimited() ? " (client stalled or busy)" : "")));
            }
            b.append('\n');
        }
        if (k.cpus() instanceof Map<?, ?> cpus) {
            b.append("CPUs: client ").append(cpus.get("client") == null ? "unpinned" : cpus.get("client")).append(", server ")
                    .append(cpus.get("server") == null ? "unpinned" : cpus.get("server")).append(".\n\n");
        }
        b.append(Markdown.machine(machine));
        return b.toString();
    }

    private static String human(java.time.Duration d) {
        return dev.loombench.serve.Durations.format(d);
    }

    private static String trim(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : String.format(Locale.ROOT, "%.3g", x);
    }
}
