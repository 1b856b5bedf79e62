package dev.loombench.knee;

import dev.loombench.report.Human;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a rate must meet to count as sustained ({@code bench knee}): the verified rate at least
 * {@link #MIN_ACHIEVED} of the offered one (less one request per connection over the measured phase:
 * a connection's schedule may put one request either side of the phase's edges), the p99 latency from the intended send time (censored
 * requests included at their age) within {@code p99}, and failures at most {@code maxErrorRate} of the
 * requests. A step is judged on the medians of its repetitions.
 *
 * @param p99          the latency objective for p99 ({@code --slo-p99})
 * @param maxErrorRate the largest share of failed requests, 0 .. 1 ({@code --max-error-rate})
 */
public record Objective(Duration p99, double maxErrorRate) {

    /** The share of the offered rate that must be achieved. */
    public static final double MIN_ACHIEVED = 0.99;

    public Objective {
        if (!p99.isPositive()) throw new IllegalArgumentException("--slo-p99 must be positive, was " + p99);
        if (!(maxErrorRate >= 0 && maxErrorRate < 1)) {
            throw new IllegalArgumentException("--max-error-rate must be 0 .. 1 (a share, e.g. 0.001), was " + maxErrorRate);
        }
    }

    /**
     * What the figures miss, one phrase each (e.g. "p99 42.1 ms > 10.0 ms"); empty when they meet the objective.
     *
     * @param edgeSlack requests/s the achieved rate may fall short by at the phase's edges: clients / measured seconds
     */
    public List<String> misses(double offered, double achieved, double edgeSlack, double p99Us, double errorRate) {
        List<String> misses = new ArrayList<>();
        if (achieved < MIN_ACHIEVED * offered - edgeSlack) {
            misses.add(String.format(Locale.ROOT, "achieved %s of %s req/s (%.1f%% < %.0f%%)", Human.count(achieved),
                    Human.count(offered), 100 * achieved / offered, 100 * MIN_ACHIEVED));
        }
        if (p99Us * 1e3 > p99.toNanos()) misses.add("p99 " + Human.latencyUs(p99Us) + " > " + Human.latency(p99.toNanos()));
        if (errorRate > maxErrorRate) {
            misses.add(String.format(Locale.ROOT, "errors %.3g%% > %.3g%%", 100 * errorRate, 100 * maxErrorRate));
        }
        return misses;
    }
}
