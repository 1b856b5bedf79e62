package dev.loombench.knee;

import java.util.Arrays;

/**
 * The median of a figure over a step's repetitions, with the range it spread over (min-max). The one
 * place a step's spread is computed; with one repetition all three are that run's figure.
 *
 * @param median the median (the mean of the two middle values for an even count)
 * @param min    the smallest
 * @param max    the largest
 */
public record Spread(double median, double min, double max) {

    /** @throws IllegalArgumentException for no values */
    public static Spread of(double... values) {
        if (values.length == 0) throw new IllegalArgumentException("a spread needs at least one value");
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(median, sorted[0], sorted[n - 1]);
    }
}
