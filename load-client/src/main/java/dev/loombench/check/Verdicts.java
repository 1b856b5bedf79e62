package dev.loombench.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares the suite's figures with the baseline, metric by metric. Only in-run ratios are
 * compared (never absolute times from another machine): throughput ratio may not fall by more
 * than {@code throughputTolerance}, p99 ratio may not rise by more than {@code p99Tolerance}.
 */
public final class Verdicts {

    public enum Verdict { PASS, IMPROVED, REGRESSED, MISSING }

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

    static Verdict judge(double baseline, double now, double tolerance, boolean higherIsBetter) {
        double change = (now - baseline) / baseline;
        double worse = higherIsBetter ? -change : change;
        if (worse > tolerance) return Verdict.REGRESSED;
        if (-worse > tolerance) return Verdict.IMPROVED;
        return Verdict.PASS;
    }
}
