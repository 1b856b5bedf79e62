package dev.loombench.check;

/**
 * The decision rule of {@code bench check}, for one metric of one case. A metric
 * <b>regresses</b> when B is worse than A beyond {@code tolerance} with confidence — the whole
 * interval at {@code level} lies beyond it, after Holm's correction over every metric of the
 * check — <em>and</em> the estimate is worse than {@code threshold}. The first condition makes
 * the change real, the second makes it worth failing a build for. Improvements mirror it.
 *
 * <p>"Worse by x" is a rise of x for times and a fall of x for throughput, in the ratio B/A.
 *
 * @param tolerance a change that the interval must clear, e.g. 0.05
 * @param threshold a change that the estimate must exceed, e.g. 0.08
 * @param level     confidence level of the two-sided interval, e.g. 0.95
 */
public record GateRule(double tolerance, double threshold, double level) {

    public GateRule {
        if (!(tolerance > 0 && tolerance < 1)) throw new IllegalArgumentException("--tolerance must be a fraction in (0, 1), e.g. 0.05; was " + tolerance);
        if (!(threshold > 0 && threshold < 1)) throw new IllegalArgumentException("--threshold must be a fraction in (0, 1), e.g. 0.08; was " + threshold);
        if (!(level > 0.5 && level < 1)) throw new IllegalArgumentException("level must be in (0.5, 1), was " + level);
    }

    /** The one-sided p-value against "B is not worse than the tolerance" (before correction). */
    public double pWorse(Metric metric, LogRatios ratios) {
        return metric.higherIsBetter() ? ratios.pBelow(1 - tolerance) : ratios.pAbove(1 + tolerance);
    }

    /** The one-sided p-value against "B is not better than the tolerance" (before correction). */
    public double pBetter(Metric metric, LogRatios ratios) {
        return metric.higherIsBetter() ? ratios.pAbove(1 + tolerance) : ratios.pBelow(1 - tolerance);
    }

    /** The verdict, given the Holm-adjusted p-values of {@link #pWorse} and {@link #pBetter}. */
    public Verdict verdict(Metric metric, LogRatios ratios, double adjustedWorse, double adjustedBetter) {
        double alpha = (1 - level) / 2; // one-sided: the two-sided interval at `level` clears the bound
        double change = Math.expm1(ratios.estimate());
        double worse = metric.higherIsBetter() ? -change : change;
        if (adjustedWorse < alpha && worse > threshold) return Verdict.REGRESSED;
        if (adjustedBetter < alpha && -worse > threshold) return Verdict.IMPROVED;
        double[] interval = ratios.interval(level);
        if (Math.expm1(interval[0]) > -threshold && Math.expm1(interval[1]) < threshold) return Verdict.NO_CHANGE;
        return Verdict.INCONCLUSIVE;
    }

    /** True when the interval at {@code level} holds 0 — benchstat's "~": no significant change either way. */
    public boolean notSignificant(LogRatios ratios) {
        double[] interval = ratios.interval(level);
        return interval[0] <= 0 && interval[1] >= 0;
    }
}
