package dev.loombench.report;

import dev.loombench.report.ComparisonWriter.Group;
import dev.loombench.report.ComparisonWriter.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code index.html} of a comparison or of a {@code --repeat} set: the groups' table with
 * spread and verdicts, the three charts, every run with a link to its own page and its noise
 * verdict, the command and machine state of a set, and links to every file ({@link HtmlReport}).
 */
final class ComparisonReport {

    private ComparisonReport() {}

    static void write(List<Group> groups, Path dir) throws IOException {
        RepeatSet set = RepeatSet.isSet(dir) ? RepeatSet.read(dir) : null;
        int runs = groups.stream().mapToInt(g -> g.runs().size()).sum();
        HtmlReport page = new HtmlReport(set != null ? "Repetitions: " + set.command()
                : "Comparison of " + groups.size() + " groups (" + runs + " runs)");
        if (set != null) {
            page.subtitle(set.repeat() + " repetitions of each model, round by round (a fresh server each time), finished "
                    + set.createdAt());
            page.pre("Made by", set.command());
            page.paragraph("Machine at the start: " + set.machine() + ". CPUs: " + set.cpus() + ".");
        }
        String verdicts = ComparisonWriter.verdicts(groups);
        page.table("Groups: median (min-max) over their runs", ComparisonWriter.groupTable(groups));
        if (!verdicts.isEmpty()) page.note(verdicts.strip().replace("\n", "; "));
        page.image(dir, ResultWriter.THROUGHPUT_PNG, "verified throughput: bar at the median, a dot per run")
                .image(dir, ResultWriter.LATENCY_PNG, "corrected round-trip latency by percentile, every run")
                .image(dir, ComparisonWriter.ERRORS_PNG, "failures by class, every run");
        Table t = new Table("run", "group", "req/s", "p99", "errors", "machine while measuring");
        for (Group g : groups) {
            for (Run r : g.runs()) {
                Summary s = r.summary();
                Object[] cells = {new Table.Cell(r.label(), link(dir, r.dir())), g.label(),
                        Human.count(s.throughput().requestsPerSecond()), Human.latencyUs(s.latency().roundTrip().p99Us()),
                        Human.count(s.errors().total()), s.noise() == null ? (s.noisy() ? "client stalled" : "not watched")
                        : s.noise().noisy() ? "NOISY: " + s.noise().reason() : "quiet"};
                if (s.noisy()) t.flaggedRow(cells);
                else t.row(cells);
            }
        }
        page.heading("Runs").table("Every run, with a link to its own page", t);
        if (set != null) {
            for (RepeatSet.Group g : set.groups()) {
                for (RepeatSet.Repetition r : g.repetitions()) {
                    if (!r.discarded().isEmpty()) {
                        page.note(g.label() + ", round " + r.round() + ": noisy attempts made again: " + String.join(", ", r.discarded()));
                    }
                    if (r.failure() != null) page.note(g.label() + ", round " + r.round() + ": could not run: " + r.failure());
                }
            }
        }
        page.filesOf(dir).write(dir);
    }

    /** The run's page (or its directory) relative to the comparison's directory. */
    private static String link(Path from, Path runDir) {
        Path target = Files.isRegularFile(runDir.resolve(HtmlReport.FILE)) ? runDir.resolve(HtmlReport.FILE) : runDir.resolve(Summary.FILE);
        return from.toAbsolutePath().normalize().relativize(target.toAbsolutePath().normalize()).toString();
    }
}
