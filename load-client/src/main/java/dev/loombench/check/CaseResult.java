package dev.loombench.check;

import java.time.Duration;
import java.util.List;

/**
 * The runs of one case: pair {@code i} is {@code (a.get(i), b.get(i))}.
 *
 * @param checkCase the case
 * @param rate      the open-loop rate both sides were measured at (from A's first closed-loop run); NaN if none
 * @param spin      the spin injected into B for this case; zero when none
 * @param a         the runs of the base, in pair order
 * @param b         the runs of the current build, in pair order
 * @param skipped   why the case was not compared (the base cannot serve it, e.g. a model it does not
 *                  have), or null; a skipped case is not a failure
 * @param failures  what stopped the case early and fails the gate (a current server that did not start), or empty
 */
public record CaseResult(CheckCase checkCase, double rate, Duration spin, List<RunMetrics> a, List<RunMetrics> b,
                         String skipped, List<String> failures) {

    public CaseResult {
        a = List.copyOf(a);
        b = List.copyOf(b);
        failures = List.copyOf(failures);
    }

    /** Complete pairs. */
    public int pairs() {
        return Math.min(a.size(), b.size());
    }
}
