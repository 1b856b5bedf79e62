package dev.loombench.check;

import java.util.List;
import java.util.Map;

/**
 * The regression suite's figures: per case, medians over the repetitions of ratios measured
 * against the reference server in the same round, plus the invariant violations seen.
 *
 * @param figures    per case key ({@code echo/pool}), the medians
 * @param violations correctness failures, e.g. "echo/nio: 3 errors in round 2"; empty when clean
 */
public record SuiteResult(Map<String, Figures> figures, List<String> violations) {

    /**
     * Medians of one case.
     *
     * @param throughputRatio   model req/s divided by the reference's req/s of the same round
     * @param p99Ratio          model p99 divided by the reference's p99 of the same round
     * @param requestsPerSecond median absolute req/s (shown for context, never compared)
     * @param p99Micros         median absolute p99 in microseconds (shown for context, never compared)
     */
    public record Figures(double throughputRatio, double p99Ratio, double requestsPerSecond, double p99Micros) {}
}
