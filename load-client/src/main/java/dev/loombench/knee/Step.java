package dev.loombench.knee;

import dev.loombench.stats.Spread;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One step of a knee search: an offered rate, its repetitions, the spread of their figures (median,
 * min-max and the interval for the median, {@link Spread}) and the verdict on the medians ({@link Objective}).
 *
 * @param index         1-based, in the order the search ran the steps
 * @param offered       requests/s offered
 * @param runs          the repetitions, in the order they ran
 * @param achieved      verified requests/s
 * @param p50Us         latency p50 (from the intended send), microseconds
 * @param p99Us         latency p99
 * @param p999Us        latency p99.9
 * @param errorRate     failed share of requests
 * @param passed        the medians meet the objective
 * @param misses        what the medians missed; empty when passed
 * @param clientLimited some repetition's load client was near saturation or stalled
 * @param noisy         some repetition was marked noisy by the noise guard (and kept, its retries spent)
 */
public record Step(int index, double offered, List<Repetition> runs, Spread achieved, Spread p50Us, Spread p99Us,
                   Spread p999Us, Spread errorRate, boolean passed, List<String> misses, boolean clientLimited,
                   boolean noisy) {

    /**
     * The step of {@code runs} at {@code offered}, judged by {@code objective}.
     *
     * @param edgeSlack requests/s the achieved rate may fall short by at the phase's edges ({@link Objective#misses})
     */
    public static Step of(int index, double offered, List<Repetition> runs, Objective objective, double edgeSlack) {
        if (runs.isEmpty()) throw new IllegalArgumentException("a step needs at least one run");
        Spread achieved = spread(runs, Repetition::achieved);
        Spread p99 = spread(runs, Repetition::p99Us);
        Spread errors = spread(runs, Repetition::errorRate);
        List<String> misses = objective.misses(offered, achieved.median(), edgeSlack, p99.median(), errors.median());
        return new Step(index, offered, List.copyOf(runs), achieved, spread(runs, Repetition::p50Us), p99,
                spread(runs, Repetition::p999Us), errors, misses.isEmpty(), misses,
                runs.stream().anyMatch(Repetition::clientLimited), runs.stream().anyMatch(Repetition::noisy));
    }

    private static Spread spread(List<Repetition> runs, ToDoubleFunction<Repetition> figure) {
        return Spread.of(runs.stream().mapToDouble(figure).toArray());
    }
}
