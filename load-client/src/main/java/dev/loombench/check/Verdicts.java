package dev.loombench.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the suite's figures with the baseline, metric by metric. Only in-run ratios are
 * compared (never absolute times from another machine): throughput ratio may not fall by more
 * than {@code throughputTolerance}, p99 ratio may not rise by more than {@code p99Tolerance}.
 */
public final class Verdicts {

    /** UNCONFIRMED: regressed at first, but not when measured again; it passes. */
    public enum Verdict { PASS, IMPROVED, REGRESSED, UNCONFIRMED, MISSING }

    /** One line of the check table. */
    public record Row(String metric, double baseline, double now, Verdict verdict) {
        public double change() {
            return (now - baseline) / baseline;
        }
    }

    private Verdicts() {}

    public static List<Row> compare(Baseline baseline, SuiteResult now, double throughputTolerance, double p99Tolerance) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, SuiteResult.Figures> e : baseline.cases().entrySet()) {
            SuiteResult.Figures base = e.getValue();
            SuiteResult.Figures current = now.figures().get(e.getKey());
            if (current == null) {
                rows.add(new Row(e.getKey() + " throughput", base.throughputRatio(), Double.NaN, Verdict.MISSING));
                continue;
            }
            rows.add(new Row(e.getKey() + " throughput", base.throughputRatio(), current.throughputRatio(),
                    judge(base.throughputRatio(), current.throughputRatio(), throughputTolerance, true)));
            rows.add(new Row(e.getKey() + " p99", base.p99Ratio(), current.p99Ratio(),
                    judge(base.p99Ratio(), current.p99Ratio(), p99Tolerance, false)));
        }
        return rows;
    }

    /** The keys of the cases ({@code echo/pool}) with at least one regressed metric. */
    public static Set<String> regressedCases(List<Row> rows) {
        Set<String> keys = new LinkedHashSet<>();
        rows.stream().filter(r -> r.verdict() == Verdict.REGRESSED).forEach(r -> keys.add(r.metric().substring(0, r.metric().indexOf(' '))));
        return keys;
    }

    /**
     * A regression stands only if the same metric regresses again in {@code again}, a second
     * measurement of the flagged cases; otherwise it becomes {@link Verdict#UNCONFIRMED} with the
     * second figure. Rows that did not regress are kept as they were.
     */
    public static List<Row> confirm(List<Row> first, Baseline baseline, SuiteResult again,
                                    double throughputTolerance, double p99Tolerance) {
        Map<String, Row> second = new HashMap<>();
        compare(baseline, again, throughputTolerance, p99Tolerance).forEach(r -> second.put(r.metric(), r));
        List<Row> rows = new ArrayList<>();
        for (Row row : first) {
            Row retry = second.get(row.metric());
            if (row.verdict() != Verdict.REGRESSED || retry == null) {
                rows.add(row);
            } else {
                rows.add(new Row(row.metric(), row.baseline(), retry.now(),
                        retry.verdict() == Verdict.REGRESSED ? Verdict.REGRESSED : Verdict.UNCONFIRMED));
            }
        }
        return rows;
    }

    static Verdict judge(double baseline, double now, double tolerance, boolean higherIsBetter) {
        double change = (now - baseline) / baseline;
        double worse = higherIsBetter ? -change : change;
        if (worse > tolerance) return Verdict.REGRESSED;
        if (-worse > tolerance) return Verdict.IMPROVED;
        return Verdict.PASS;
    }
}
