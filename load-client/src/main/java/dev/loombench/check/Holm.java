package dev.loombench.check;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down correction: the p-values of a family of tests adjusted so that rejecting
 * every adjusted p below alpha keeps the chance of any false rejection in the family below alpha,
 * whatever the dependence between the tests. Uniformly more powerful than Bonferroni.
 */
public final class Holm {

    private Holm() {}

    /** The adjusted p-values, in the order given: {@code max over j <= rank of min(1, (m - j) * p_(j))}. */
    public static double[] adjust(double[] p) {
        int m = p.length;
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1, (m - rank) * p[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
