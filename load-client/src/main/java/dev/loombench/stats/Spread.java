package dev.loombench.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleFunction;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * One figure measured several times (the repetitions of a run): its median, its range, and an
 * interval for the median that assumes nothing about the distribution — the order-statistic
 * interval benchstat uses. Immutable; JSON as it is.
 *
 * <p><b>The interval.</b> For sorted values x(1) ≤ ... ≤ x(n), the median lies in
 * [x(k), x(n+1-k)] with probability 1 − 2·P(B ≤ k−1), B ~ Binomial(n, ½). {@link #of} takes the
 * narrowest such interval whose confidence is at least {@value #LEVEL_PCT} %; with n ≤ 8 that is
 * the whole range, and with n ≤ 5 even the range falls short of 95 % (n = 3: 75 %, n = 5: 93.75 %),
 * so the range is taken and {@link #confidencePct} says what it is worth. Two spreads whose
 * intervals do not overlap are told apart ({@link Difference}); with 3 runs each, that happens by
 * chance to two identical systems one time in ten, with 5 each one time in 126.
 *
 * <p>Usage: {@code Spread s = Spread.of(62_100, 63_020, 61_900); s.median(); s.format(Human::count)} →
 * {@code 62,100 (61,900-63,020)}.
 *
 * @param n             how many values
 * @param median        their median (the mean of the middle two when n is even)
 * @param min           the smallest
 * @param max           the largest
 * @param low           the interval's lower end, an order statistic
 * @param high          the interval's upper end
 * @param confidencePct the probability that [low, high] holds the true median, percent (0 for n = 1)
 */
public record Spread(int n, double median, double min, double max, double low, double high, double confidencePct) {

    /** The confidence the interval aims for, percent. */
    public static final double LEVEL_PCT = 95;

    private static final Median MEDIAN = Median.withDefaults();

    /**
     * The spread of {@code values}.
     *
     * @throws IllegalArgumentException when there are none, or one is NaN or infinite
     */
    public static Spread of(double... values) {
        if (values.length == 0) throw new IllegalArgumentException("a spread needs at least one value");
        for (double v : values) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("not a finite value: " + v);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        int k = 1; // the interval is [x(k), x(n+1-k)], 1-based
        while (k + 1 <= (n + 1) / 2 && confidence(n, k + 1) >= LEVEL_PCT / 100) k++;
        double confidence = n == 1 ? 0 : confidence(n, k);
        return new Spread(n, MEDIAN.evaluate(sorted), sorted[0], sorted[n - 1], sorted[k - 1], sorted[n - k],
                Math.round(confidence * 10_000) / 100.0);
    }

    /** The spread of {@code values}, or null when there are none. */
    public static Spread ofOrNull(double... values) {
        return values.length == 0 ? null : of(values);
    }

    /** P(x(k) ≤ median ≤ x(n+1-k)) = 1 − 2·P(B ≤ k−1) for B ~ Binomial(n, ½). */
    static double confidence(int n, int k) {
        return 1 - 2 * BinomialDistribution.of(n, 0.5).cumulativeProbability(k - 1);
    }

    /** (max − min) / median, percent: the yardstick for how well repetitions agree; 0 when the median is 0. */
    public double rangePct() {
        return median == 0 ? 0 : Math.round((max - min) / Math.abs(median) * 1000) / 10.0;
    }

    /** True when the two intervals share at least one value: the data cannot tell the medians apart. */
    public boolean overlaps(Spread other) {
        return low <= other.high && other.low <= high;
    }

    /**
     * {@code median (min-max)} with each number formatted by {@code number}; just the median for one
     * value, or when all values are equal. A unit that all three share is written once:
     * {@code 17.9 ms (11.3-19.0)}.
     */
    public String format(DoubleFunction<String> number) {
        String m = number.apply(median);
        if (n == 1 || min == max) return m;
        String lo = number.apply(min);
        String hi = number.apply(max);
        int space = m.lastIndexOf(' ');
        String unit = space < 0 ? "" : m.substring(space);
        if (!unit.isEmpty() && unit.chars().skip(1).allMatch(Character::isLetter) && lo.endsWith(unit) && hi.endsWith(unit)) {
            lo = lo.substring(0, lo.length() - unit.length());
            hi = hi.substring(0, hi.length() - unit.length());
        }
        return m + " (" + lo + "-" + hi + ")";
    }

    @Override
    public String toString() {
        return format(v -> String.format(Locale.ROOT, "%.4g", v)) + " n=" + n;
    }
}
