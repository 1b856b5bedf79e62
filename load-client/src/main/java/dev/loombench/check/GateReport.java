package dev.loombench.check;

import dev.loombench.report.TextTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.commons.statistics.descriptive.Median;

/**
 * The verdicts of a check: per case and {@link Metric}, the estimate of B against A with its
 * interval, and the {@link GateRule}'s verdict with Holm's correction within each family — the
 * primary metric over the cases, the secondary metrics over cases and metrics — so that testing
 * more cases does not raise the chance of a false alarm; plus every
 * broken correctness invariant. Exit code: 1 for a regression or a broken invariant, 2 when
 * nothing could be compared, else 0. Immutable.
 */
public final class GateReport {

    /**
     * One metric of one case.
     *
     * @param medianA        the median of A's values (for context; never compared to a committed number)
     * @param medianB        the median of B's values
     * @param ratios         the pairs' log-ratios
     * @param adjustedWorse  Holm-adjusted p-value against "B is not worse than the tolerance"
     * @param adjustedBetter Holm-adjusted p-value against "B is not better than the tolerance"
     */
    public record Row(String caseKey, Metric metric, double medianA, double medianB, LogRatios ratios,
                      double adjustedWorse, double adjustedBetter, Verdict verdict) {

        /** The change of B against A: the geometric mean of the ratios B/A, minus 1. */
        public double change() {
            return Math.expm1(ratios.estimate());
        }
    }

    private final GateRule rule;
    private final List<Row> rows;
    private final List<String> violations;
    private final List<String> skipped;

    private GateReport(GateRule rule, List<Row> rows, List<String> violations, List<String> skipped) {
        this.rule = rule;
        this.rows = List.copyOf(rows);
        this.violations = List.copyOf(violations);
        this.skipped = List.copyOf(skipped);
    }

    public static GateReport of(List<CaseResult> cases, GateRule rule) {
        List<String> violations = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Metric> metrics = new ArrayList<>();
        List<double[][]> values = new ArrayList<>();
        for (CaseResult c : cases) {
            String key = c.checkCase().key();
            if (c.skipped() != null) skipped.add(key + ": " + c.skipped());
            c.failures().forEach(f -> violations.add(key + ": " + f));
            for (int i = 0; i < c.a().size(); i++) note(violations, key, i, "A", c.a().get(i));
            for (int i = 0; i < c.b().size(); i++) note(violations, key, i, "B", c.b().get(i));
            if (c.pairs() < 2) continue;
            for (Metric metric : Metric.values()) {
                double[][] ab = usablePairs(c, metric);
                if (ab[0].length < 2) {
                    skipped.add(key + " " + metric.label() + ": measured in " + ab[0].length + " of " + c.pairs()
                            + " pairs, too few to compare");
                    continue;
                }
                keys.add(key);
                metrics.add(metric);
                values.add(ab);
            }
        }
        int m = keys.size();
        LogRatios[] ratios = new LogRatios[m];
        double[] pWorse = new double[m];
        double[] pBetter = new double[m];
        for (int i = 0; i < m; i++) {
            ratios[i] = LogRatios.of(values.get(i)[0], values.get(i)[1]);
            pWorse[i] = rule.pWorse(metrics.get(i), ratios[i]);
            pBetter[i] = rule.pBetter(metrics.get(i), ratios[i]);
        }
        double[] worse = new double[m];
        double[] better = new double[m];
        for (boolean primary : new boolean[] {true, false}) { // Holm within each family
            int[] family = IntStream.range(0, m).filter(i -> metrics.get(i).primary() == primary).toArray();
            double[] w = Holm.adjust(Arrays.stream(family).mapToDouble(i -> pWorse[i]).toArray());
            double[] b = Holm.adjust(Arrays.stream(family).mapToDouble(i -> pBetter[i]).toArray());
            for (int k = 0; k < family.length; k++) {
                worse[family[k]] = w[k];
                better[family[k]] = b[k];
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            rows.add(new Row(keys.get(i), metrics.get(i), median(values.get(i)[0]), median(values.get(i)[1]), ratios[i],
                    worse[i], better[i], rule.verdict(metrics.get(i), ratios[i], worse[i], better[i])));
        }
        return new GateReport(rule, rows, violations, skipped);
    }

    /** The pairs in which both runs measured the metric (a run that served nothing has no CPU per request). */
    private static double[][] usablePairs(CaseResult c, Metric metric) {
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < c.pairs(); i++) {
            double a = metric.of(c.a().get(i));
            double b = metric.of(c.b().get(i));
            if (a > 0 && b > 0 && Double.isFinite(a) && Double.isFinite(b)) pairs.add(new double[] {a, b});
        }
        return new double[][] {pairs.stream().mapToDouble(p -> p[0]).toArray(), pairs.stream().mapToDouble(p -> p[1]).toArray()};
    }

    private static void note(List<String> violations, String key, int pair, String side, RunMetrics run) {
        run.violations().forEach(v -> violations.add(key + " pair " + (pair + 1) + " " + side + ": " + v));
    }

    private static double median(double[] values) {
        return Median.withDefaults().evaluate(Arrays.copyOf(values, values.length));
    }

    public List<Row> rows() {
        return rows;
    }

    public List<String> violations() {
        return violations;
    }

    public List<String> skipped() {
        return skipped;
    }

    public long count(Verdict verdict) {
        return rows.stream().filter(r -> r.verdict() == verdict).count();
    }

    /** 1 for a regression or a broken invariant; 2 when nothing was compared; else 0. */
    public int exitCode() {
        if (!violations.isEmpty() || count(Verdict.REGRESSED) > 0) return 1;
        return rows.isEmpty() ? 2 : 0;
    }

    /** Every row with its pairs' log-ratios and Holm-adjusted p-values, for {@code check.json}. */
    public List<Map<String, Object>> verdictsForJson() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            double[] ci = r.ratios().interval(rule.level());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("case", r.caseKey());
            row.put("metric", r.metric().label());
            row.put("medianA", r.medianA());
            row.put("medianB", r.medianB());
            row.put("change", r.change());
            row.put("low", Math.expm1(ci[0]));
            row.put("high", Math.expm1(ci[1]));
            row.put("logRatios", r.ratios().values());
            row.put("holmWorse", r.adjustedWorse());
            row.put("holmBetter", r.adjustedBetter());
            row.put("verdict", r.verdict().label());
            out.add(row);
        }
        return out;
    }

    /** The table, one row per case and metric, in the style of benchstat. */
    public String table() {
        TextTable table = new TextTable("case", "metric", "A (median)", "B (median)", "change", (int) Math.round(100 * rule.level()) + "% interval",
                "pairs", "verdict");
        for (Row r : rows) {
            double[] ci = r.ratios().interval(rule.level());
            table.row(r.caseKey(), r.metric().label(), r.metric().format(r.medianA()), r.metric().format(r.medianB()),
                    rule.notSignificant(r.ratios()) ? "~" : percent(r.change()),
                    "[" + percent(Math.expm1(ci[0])) + ", " + percent(Math.expm1(ci[1])) + "]", r.ratios().pairs(), r.verdict().label());
        }
        return table.toString();
    }

    /** The lines under the table: what the columns mean, skipped cases, broken invariants, the outcome. */
    public List<String> footer() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "change: geometric mean of B/A over the pairs, with its %.0f %% t interval; ~ = the interval holds 0.",
                100 * rule.level()));
        long primary = rows.stream().filter(r -> r.metric().primary()).count();
        lines.add(String.format(Locale.ROOT, "regressed = the change exceeds %.0f %% and its interval, after Holm's correction, excludes 0"
                + " for server CPU/req (over %d cases) or clears %.0f %% for throughput and p99 (over %d metrics).",
                100 * rule.threshold(), primary, 100 * rule.tolerance(), rows.size() - primary));
        skipped.forEach(s -> lines.add("not compared: " + s));
        violations.forEach(v -> lines.add("correctness: " + v));
        long regressed = count(Verdict.REGRESSED);
        String outcome = exitCode() == 0 ? "PASS" : exitCode() == 1 ? "FAIL" : "COULD NOT RUN";
        lines.add(String.format(Locale.ROOT, "%d metrics: %d regressed, %d improved, %d no change, %d inconclusive; %d correctness violations: %s",
                rows.size(), regressed, count(Verdict.IMPROVED), count(Verdict.NO_CHANGE), count(Verdict.INCONCLUSIVE),
                violations.size(), outcome));
        return lines;
    }

    /** e.g. {@code +10.4%}; beyond +-999 % (an interval from very few pairs) just {@code >+999%}. */
    private static String percent(double fraction) {
        if (fraction > 9.99) return ">+999%";
        return String.format(Locale.ROOT, "%+.1f%%", 100 * fraction);
    }
}
