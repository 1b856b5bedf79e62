package dev.loombench.check;

import dev.loombench.report.JmhResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two JMH JSON result files score by score ({@code bench check --jmh OLD NEW}).
 *
 * <p>A benchmark is identified by its name, mode and parameters. A change counts as a regression
 * only when it is worse than the tolerance <em>and</em> the two confidence intervals
 * ({@code score ± scoreError}) do not overlap: a difference inside JMH's own error bars is noise.
 * "Worse" is lower for throughput modes and higher for time modes.
 */
public final class JmhComparison {

    /** One benchmark's score in one file. */
    public record Score(String key, String mode, double score, double error, String unit) {}

    /** One row of the comparison. */
    public record Row(String key, String unit, Score before, Score after, double change, Verdict verdict) {}

    public enum Verdict { PASS, IMPROVED, REGRESSED, NEW, MISSING }

    private JmhComparison() {}

    public static List<Row> compare(Path before, Path after, double tolerance) throws IOException {
        Map<String, Score> old = read(before);
        Map<String, Score> now = read(after);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Score> e : old.entrySet()) {
            Score b = e.getValue();
            Score a = now.get(e.getKey());
            if (a == null) {
                rows.add(new Row(e.getKey(), b.unit(), b, null, Double.NaN, Verdict.MISSING));
                continue;
            }
            double change = (a.score() - b.score()) / b.score();
            rows.add(new Row(e.getKey(), b.unit(), b, a, change, verdict(b, a, change, tolerance)));
        }
        now.forEach((key, a) -> {
            if (!old.containsKey(key)) rows.add(new Row(key, a.unit(), null, a, Double.NaN, Verdict.NEW));
        });
        return rows;
    }

    static Verdict verdict(Score before, Score after, double change, double tolerance) {
        boolean higherIsBetter = before.mode().equals("thrpt");
        double worse = higherIsBetter ? -change : change;
        boolean overlap = intervalsOverlap(before, after);
        if (worse > tolerance && !overlap) return Verdict.REGRESSED;
        if (-worse > tolerance && !overlap) return Verdict.IMPROVED;
        return Verdict.PASS;
    }

    static boolean intervalsOverlap(Score a, Score b) {
        double ea = Double.isNaN(a.error()) ? 0 : a.error();
        double eb = Double.isNaN(b.error()) ? 0 : b.error();
        return a.score() - ea <= b.score() + eb && b.score() - eb <= a.score() + ea;
    }

    /** Reads a JMH result file into scores keyed by {@link JmhResult#key()}. */
    static Map<String, Score> read(Path file) throws IOException {
        Map<String, Score> scores = new LinkedHashMap<>();
        for (JmhResult r : JmhResult.read(file)) {
            scores.put(r.key(), new Score(r.key(), r.mode(), r.score(), r.error(), r.unit()));
        }
        return scores;
    }
}
