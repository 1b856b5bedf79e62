package dev.loombench.check;

/**
 * The decision rule of {@code bench check}, for one metric of one case. A metric
 * <b>regresses</b> when B is worse than A with confidence — the whole interval at {@code level},
 * after Holm's correction over the metric's family, lies on the worse side of its bound — <em>and</em>
 * the estimate is worse than {@code threshold}. The first condition makes the change real, the
 * second makes it worth failing a build for. Improvements mirror it.
 *
 * <p>"Worse by x" is a rise of x for times and a fall of x for throughput, in the ratio B/A.
 *
 * <p>The bound is 0 for the {@linkplain Metric#primary() primary} metric, server CPU per request
 * (its family: the check's cases), and {@code tolerance} for the secondary ones (their family:
 * every secondary metric of every case). Why: on a 2-core VM a pair's log-ratio of CPU per
 * request scatters by 5-10 %, and eight pairs cannot show that an interval clears 5 % under a
 * Holm correction over six metrics; measured there, a rule with one family and a 5 % bound missed
 * most injected 10 % slowdowns (the README's proof table). The threshold is what keeps noise, or
 * a real but small change, from failing a build.
 *
 * @param tolerance a change that a secondary metric's interval must clear, e.g. 0.05
 * @param threshold a change that the estimate must exceed, e.g. 0.08
 * @param level     confidence level of the two-sided interval, e.g. 0.95
 */
public record GateRule(double tolerance, double threshold, double level) {

    public GateRule {
        if (!(tolerance > 0 && tolerance < 1)) throw new IllegalArgumentException("--tolerance must be a fraction in (0, 1), e.g. 0.05; was " + tolerance);
        if (!(threshold > 0 && threshold < 1)) throw new IllegalArgumentException("--threshold must be a fraction in (0, 1), e.g. 0.08; was " + threshold);
        if (!(level > 0.5 && level < 1)) throw new IllegalArgumentException("level must be in (0.5, 1), was " + level);
    }

    /** The change the interval must clear: 0 for the primary metric, the tolerance for the others. */
    public double bound(Metric metric) {
        return metric.primary() ? 0 : tolerance;
    }

    /** The one-sided p-value against "B is not worse than the bound" (before correction). */
    public double pWorse(Metric metric, LogRatios ratios) {
        double bound = bound(metric);
        return metric.higherIsBetter() ? ratios.pBelow(1 - bound) : ratios.pAbove(1 + bound);
    }

    /** The one-sided p-value against "B is not better than the bound" (before correction). */
    public double pBetter(Metric metric, LogRatios ratios) {
        double bound = bound(metric);
        return metric.higherIsBetter() ? ratios.pAbove(1 + bound) : ratios.pBelow(1 - bound);
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
