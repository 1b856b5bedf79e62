package dev.loombench.check;

import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.StandardDeviation;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.TTest;

/**
 * What the pairs of one metric say about B against A: the per-pair log-ratios {@code ln(B/A)}, their
 * mean (the estimate: the log of the geometric-mean ratio), Student's t interval of that mean, and
 * one-sided t-tests against a given ratio (Apache Commons Statistics).
 *
 * <p>Why t and not a bootstrap or a rank test: a check affords about six pairs per case, and
 * Holm's correction over a dozen metrics asks for tail probabilities near 0.002. With six pairs a
 * percentile bootstrap's tails are too thin (noise alone then fails the gate about once in a
 * hundred checks when the tail latency is noisy, see {@code GateReportTest}), and Wilcoxon's
 * signed-rank test cannot go below 1/64. The t-test on log-ratios is calibrated at any number
 * of pairs when the log-ratios are near normal, which ratios of repeated runs are; a stray pair
 * widens its interval (a safe failure: "inconclusive", not a false alarm).
 *
 * <p>Pairing is what removes the machine's drift: each pair's two runs ran back to back.
 * Immutable.
 */
public final class LogRatios {

    private final double[] logRatios;
    private final double mean;
    private final double standardError;

    private LogRatios(double[] logRatios) {
        this.logRatios = logRatios;
        this.mean = Mean.of(logRatios).getAsDouble();
        this.standardError = StandardDeviation.of(logRatios).getAsDouble() / Math.sqrt(logRatios.length);
    }

    /**
     * The log-ratios of pairs {@code (a[i], b[i])}.
     *
     * @throws IllegalArgumentException if the arrays differ in length, hold fewer than 2 pairs, or a value that is not positive
     */
    public static LogRatios of(double[] a, double[] b) {
        if (a.length != b.length || a.length < 2) {
            throw new IllegalArgumentException("need the same number (>= 2) of A and B values, got " + a.length + " and " + b.length);
        }
        double[] logs = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            if (!(a[i] > 0) || !(b[i] > 0) || !Double.isFinite(a[i]) || !Double.isFinite(b[i])) {
                throw new IllegalArgumentException("pair " + (i + 1) + " has a value that is not a positive number: " + a[i] + ", " + b[i]);
            }
            logs[i] = Math.log(b[i] / a[i]);
        }
        return new LogRatios(logs);
    }

    public int pairs() {
        return logRatios.length;
    }

    /** The per-pair log-ratios ln(B/A), in pair order. */
    public double[] values() {
        return logRatios.clone();
    }

    /** The estimate: mean of ln(B/A); {@code exp(estimate) - 1} is the change of B against A. */
    public double estimate() {
        return mean;
    }

    /** The two-sided t interval of the estimate at {@code level} (e.g. 0.95), as {@code {low, high}} in ln(B/A). */
    public double[] interval(double level) {
        double t = TDistribution.of(pairs() - 1).inverseSurvivalProbability((1 - level) / 2);
        return new double[] {mean - t * standardError, mean + t * standardError};
    }

    /**
     * One-sided p-value against "the ratio B/A is at most {@code ratio}" (a t-test of the
     * log-ratios against {@code ln(ratio)}): small when the pairs lie clearly above it.
     * {@code pAbove(r) < 0.025} is the same as the 95 % interval lying wholly above {@code r}.
     */
    public double pAbove(double ratio) {
        return test(ratio, AlternativeHypothesis.GREATER_THAN);
    }

    /** One-sided p-value against "the ratio B/A is at least {@code ratio}" (mirror of {@link #pAbove}). */
    public double pBelow(double ratio) {
        return test(ratio, AlternativeHypothesis.LESS_THAN);
    }

    private double test(double ratio, AlternativeHypothesis alternative) {
        double mu = Math.log(ratio);
        if (standardError == 0) { // identical log-ratios: no spread to test against
            boolean beyond = alternative == AlternativeHypothesis.GREATER_THAN ? mean > mu : mean < mu;
            return beyond ? 0 : 1;
        }
        return TTest.withDefaults().with(alternative).withMu(mu).test(logRatios).getPValue();
    }
}
