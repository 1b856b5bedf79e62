package dev.loombench.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The statistics of the gate on synthetic pairs (seeded, so every run of the test sees the same
 * numbers): a real 10 % shift under 3 % noise is found, noise alone is not, and Holm's correction
 * and the threshold hold back what a single lucky metric would otherwise flag.
 */
class GateRuleTest {

    private static final GateRule RULE = new GateRule(0.05, 0.08, 0.95);
    private static final int PAIRS = 8; // the default of bench check

    /**
     * {@code PAIRS} pairs: A drifts around 20 us from pair to pair (which the pairing cancels);
     * B = A x (1 + shift), with {@code noise} the standard deviation of a pair's log-ratio.
     */
    private static double[][] pairs(long seed, double shift, double noise) {
        Random random = new Random(seed);
        double[] a = new double[PAIRS];
        double[] b = new double[PAIRS];
        for (int i = 0; i < PAIRS; i++) {
            a[i] = 20_000 * Math.exp(0.10 * random.nextGaussian());
            b[i] = a[i] * (1 + shift) * Math.exp(noise * random.nextGaussian());
        }
        return new double[][] {a, b};
    }

    private static Verdict alone(Metric metric, double[][] ab) {
        LogRatios r = LogRatios.of(ab[0], ab[1]);
        return RULE.verdict(metric, r, RULE.pWorse(metric, r), RULE.pBetter(metric, r));
    }

    /** How many of 200 seeded trials of {@code PAIRS} pairs end in {@code verdict}. */
    private static int trials(double shift, double noise, Verdict verdict) {
        int n = 0;
        for (long seed = 1; seed <= 200; seed++) {
            if (alone(Metric.SERVER_CPU_PER_REQUEST, pairs(seed, shift, noise)) == verdict) n++;
        }
        return n;
    }

    @Test
    void aTenPercentRiseInCpuPerRequestUnderThreePercentNoiseRegressesNineTimesInTen() {
        int found = trials(0.10, 0.03, Verdict.REGRESSED);
        assertTrue(found >= 180, found + " of 200");
    }

    @Test
    void threePercentNoiseAloneNeverRegresses() {
        int falseAlarms = trials(0, 0.03, Verdict.REGRESSED);
        int noChange = trials(0, 0.03, Verdict.NO_CHANGE);
        assertEquals(0, falseAlarms);
        assertTrue(noChange >= 190, noChange + " of 200");
    }

    @Test
    void aTenPercentFallInThroughputRegressesAndARiseImproves() {
        assertEquals(Verdict.REGRESSED, alone(Metric.THROUGHPUT, pairs(7, -0.10, 0.01)));
        assertEquals(Verdict.IMPROVED, alone(Metric.THROUGHPUT, pairs(7, 0.10, 0.01)));
        assertEquals(Verdict.IMPROVED, alone(Metric.SERVER_CPU_PER_REQUEST, pairs(7, -0.10, 0.01)));
    }

    @Test
    void aSignificantChangeBelowTheThresholdIsNotARegression() {
        // 6 % with 0.5 % noise: the interval clears the 5 % tolerance, the estimate stays under the 8 % threshold
        Verdict v = alone(Metric.SERVER_CPU_PER_REQUEST, pairs(3, 0.06, 0.005));
        assertNotEquals(Verdict.REGRESSED, v);
    }

    @Test
    void cpuPerRequestNeedsOnlyToExcludeNoChangeWhereSecondaryMetricsMustClearTheTolerance() {
        // 11 % with 6 % noise, seed 5: estimate about 10 %, interval about [+2.6 %, +18 %] - it excludes 0
        // but not 5 %. CPU per request (bound 0) regresses; throughput, worse by as much, does not.
        double[][] ab = pairs(5, 0.11, 0.06);
        double[][] slower = {ab[1], ab[0]}; // B/A inverted: throughput fell by the same ratio
        assertEquals(0.0, RULE.bound(Metric.SERVER_CPU_PER_REQUEST));
        assertEquals(0.05, RULE.bound(Metric.THROUGHPUT));
        LogRatios r = LogRatios.of(ab[0], ab[1]);
        double[] ci = r.interval(0.95);
        assertTrue(Math.expm1(ci[0]) > 0 && Math.expm1(ci[0]) < 0.05 && Math.expm1(r.estimate()) > 0.08,
                "the case this test is about: interval " + Math.expm1(ci[0]) + " .. " + Math.expm1(ci[1]));
        assertEquals(Verdict.REGRESSED, alone(Metric.SERVER_CPU_PER_REQUEST, ab));
        assertNotEquals(Verdict.REGRESSED, alone(Metric.THROUGHPUT, slower));
    }

    @Test
    void atTheNoiseMeasuredOnThe2CoreVmAFifteenPercentRiseRegressesAndNoiseNever() {
        // a pair's log-ratio of CPU per request scattered by 7 % (median of 20 clean checks' cases)
        assertTrue(trials(0.15, 0.07, Verdict.REGRESSED) >= 180);
        assertEquals(0, trials(0, 0.07, Verdict.REGRESSED));
    }

    @Test
    void wideNoiseIsInconclusiveNotARegression() {
        assertEquals(Verdict.INCONCLUSIVE, alone(Metric.P99, pairs(5, 0.10, 0.40)));
    }

    @Test
    void theIntervalAndTheOneSidedPValuesAgree() {
        LogRatios r = LogRatios.of(pairs(11, 0.10, 0.03)[0], pairs(11, 0.10, 0.03)[1]);
        double[] ci = r.interval(0.95);
        assertTrue(ci[0] < r.estimate() && r.estimate() < ci[1]);
        // the 95 % interval clears a bound exactly when the one-sided p-value against it is below 2.5 %
        assertEquals(0.025, r.pAbove(Math.exp(ci[0])), 1e-9);
        assertEquals(0.025, r.pBelow(Math.exp(ci[1])), 1e-9);
    }

    @Test
    void holmAdjustsStepDown() {
        // m = 4: sorted 0.01, 0.02, 0.03, 0.5 -> 0.04, 0.06, 0.06 (monotone), 0.5
        assertArrayEquals(new double[] {0.06, 0.04, 0.5, 0.06}, Holm.adjust(new double[] {0.03, 0.01, 0.5, 0.02}), 1e-12);
    }

    @Test
    void holmKeepsOneLuckyMetricOutOfManyFromFailingTheGate() {
        // One metric with a borderline p-value passes alone but not among 30.
        double p = 0.01;
        List<Double> family = new ArrayList<>(List.of(p));
        for (int i = 0; i < 29; i++) family.add(0.5);
        double[] adjusted = Holm.adjust(family.stream().mapToDouble(Double::doubleValue).toArray());
        assertTrue(p < 0.025 && adjusted[0] > 0.025, "adjusted " + adjusted[0]);
    }

    @Test
    void aValueThatIsNotPositiveIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LogRatios.of(new double[] {1, 0}, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> LogRatios.of(new double[] {1, 2}, new double[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> LogRatios.of(new double[] {1}, new double[] {2}));
    }
}
