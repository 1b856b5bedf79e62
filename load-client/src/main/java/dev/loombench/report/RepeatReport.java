package dev.loombench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes what a {@code --repeat} set produced into its directory, beside the repetitions' own
 * result directories: {@code repeats.json} ({@link RepeatSet}), the comparison of its groups
 * ({@link ComparisonWriter}: {@code comparison.json}, the charts with every run, {@code index.html})
 * and a {@code README.md} whose table can be pasted as it is into a document.
 */
public final class RepeatReport {

    public static final String README = "README.md";

    private RepeatReport() {}

    /**
     * Writes every file of the set into {@code dir}.
     *
     * @param machine facts about the machine by the command that told them ({@code nproc}, {@code uptime}, ...)
     */
    public static void write(RepeatSet set, Path dir, Map<String, String> machine) throws IOException {
        set.write(dir);
        Files.writeString(dir.resolve(README), readme(set, dir, machine));
        ComparisonWriter.write(List.of(dir), dir);
    }

    /** The groups side by side with spread and verdicts, for the terminal. */
    public static String table(Path dir) {
        return ComparisonWriter.table(List.of(dir));
    }

    static String readme(RepeatSet set, Path dir, Map<String, String> machine) throws IOException {
        List<ComparisonWriter.Group> groups = ComparisonWriter.load(List.of(dir));
        StringBuilder b = new StringBuilder("# ").append(set.command()).append("\n\n");
        b.append(set.repeat()).append(" repetitions of each model, made round by round (every model once per round, a fresh"
                + " server each time), finished ").append(set.createdAt()).append(". Every figure is the median over the"
                + " repetitions with the smallest and largest in brackets. Machine at the start: ").append(set.machine())
                .append(". CPUs: ").append(set.cpus()).append(".\n\n");
        b.append(ComparisonWriter.groupTable(groups).toMarkdown()).append('\n');
        String verdicts = ComparisonWriter.verdicts(groups);
        if (!verdicts.isEmpty()) b.append(verdicts.strip().replace("\n", "; ")).append(".\n\n");
        long noisy = set.groups().stream().flatMap(g -> g.repetitions().stream()).filter(RepeatSet.Repetition::noisy).count();
        if (noisy > 0) {
            b.append("**").append(noisy).append(" repetition(s) were marked noisy** by the noise guard (other processes"
                    + " took more than 5 % of the CPUs, or the load client stalled): see `index.html`.\n\n");
        }
        b.append("Every run, the charts and the configuration: [`index.html`](index.html); figures: [`repeats.json`]"
                + "(repeats.json), [`comparison.json`](comparison.json).\n\n");
        b.append(Markdown.machine(machine));
        return b.toString();
    }
}
