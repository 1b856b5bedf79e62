package dev.loombench.knee;

import dev.loombench.report.Human;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The search for the highest sustained rate, given a way to measure one step: an exponential ramp from
 * {@link Plan#startRate} (doubling while steps pass; halving down to {@link Plan#minRate} if the first
 * one fails), then bisection between the highest passing and the lowest failing rate until they are
 * within {@link Plan#resolution} of each other. Rates are whole requests/s. It assumes that what fails
 * at a rate fails above it too; noise that breaks this only narrows the interval to the wrong place
 * by a step, and the steps kept show it.
 *
 * <p>Usage: {@code KneeSearch.Outcome o = KneeSearch.search(plan, (index, rate) -> measureStep(index, rate));}
 */
public final class KneeSearch {

    /** Measures one step. */
    @FunctionalInterface
    public interface Measure {
        /** The step {@code index} (1-based) at {@code rate} requests/s. @throws Stopped if the search cannot go on */
        Step at(int index, double rate) throws Stopped, InterruptedException;
    }

    /** The search cannot go on (the server died or would not start); the message says why. */
    public static final class Stopped extends Exception {
        public Stopped(String message) {
            super(message);
        }
    }

    /**
     * @param startRate  the first rate tried
     * @param minRate    the lowest rate tried when going down
     * @param maxRate    the highest rate tried; passing it ends the search
     * @param resolution the search ends when (lowest failing - highest passing) / highest passing is at most this
     * @param maxSteps   a bound on the steps, whatever happens
     */
    public record Plan(double startRate, double minRate, double maxRate, double resolution, int maxSteps) {
        public Plan {
            if (!(minRate >= 1 && minRate <= startRate && startRate <= maxRate)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "rates must be 1 <= --min-rate (%s) <= --start-rate (%s) <= --max-rate (%s)", minRate, startRate, maxRate));
            }
            if (!(resolution > 0 && resolution < 1)) throw new IllegalArgumentException("--resolution must be between 0% and 100%, was " + resolution);
            if (maxSteps < 1) throw new IllegalArgumentException("a search needs at least one step");
        }
    }

    /**
     * What the search found.
     *
     * @param steps        every step, in the order run
     * @param knee         the highest rate that passed; null if none did
     * @param firstFailing the lowest rate that failed above the knee; null if none did (the maximum passed)
     * @param stop         why the search ended, in words
     */
    public record Outcome(List<Step> steps, Double knee, Double firstFailing, String stop) {}

    private KneeSearch() {}

    public static Outcome search(Plan plan, Measure measure) throws InterruptedException {
        List<Step> steps = new ArrayList<>();
        Double pass = null;
        Double fail = null;
        try {
            double rate = whole(plan.startRate());
            while (true) { // ramp up
                if (take(plan, steps, measure, rate)) {
                    pass = rate;
                    if (rate >= plan.maxRate()) return new Outcome(steps, pass, null, "passed the highest rate tried (--max-rate)");
                    rate = Math.min(whole(rate * 2), plan.maxRate());
                } else {
                    fail = rate;
                    break;
                }
                if (steps.size() >= plan.maxSteps()) return new Outcome(steps, pass, fail, "step limit reached");
            }
            while (pass == null) { // the first rate failed: ramp down
                double lower = whole(fail / 2);
                if (lower < plan.minRate() || lower == fail) {
                    return new Outcome(steps, null, fail, "no rate passed, down to " + Human.count(fail) + " req/s (--min-rate "
                            + Human.count(plan.minRate()) + ")");
                }
                if (steps.size() >= plan.maxSteps()) return new Outcome(steps, null, fail, "step limit reached");
                if (take(plan, steps, measure, lower)) pass = lower;
                else fail = lower;
            }
            while ((fail - pass) / pass > plan.resolution()) { // bisect
                double mid = whole((pass + fail) / 2);
                if (mid == pass || mid == fail) break;
                if (steps.size() >= plan.maxSteps()) return new Outcome(steps, pass, fail, "step limit reached");
                if (take(plan, steps, measure, mid)) pass = mid;
                else fail = mid;
            }
            return new Outcome(steps, pass, fail, String.format(Locale.ROOT, "resolution reached: %s to %s req/s is within %s%%",
                    Human.count(pass), Human.count(fail), trim(plan.resolution() * 100)));
        } catch (Stopped e) {
            return new Outcome(steps, pass, fail, "stopped: " + e.getMessage());
        }
    }

    private static boolean take(Plan plan, List<Step> steps, Measure measure, double rate) throws Stopped, InterruptedException {
        Step step = measure.at(steps.size() + 1, rate);
        steps.add(step);
        return step.passed();
    }

    private static double whole(double rate) {
        return Math.max(1, Math.round(rate));
    }

    private static String trim(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : String.format(Locale.ROOT, "%.2f", x);
    }
}
