package dev.loombench.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How disturbed one measurement was, as the {@link NoiseGuard} saw it: what others did on the
 * CPUs the run used, and whether the load client itself stalled. Stored in {@code summary.json}
 * as {@code noise}. Immutable.
 *
 * @param cpus              the CPUs watched, taskset-style ({@code 0-1})
 * @param windowSeconds     how long the watched window lasted (inside the measured phase)
 * @param othersPct         CPU time of every other process on those CPUs (their user + system time
 *                          minus the load client's and the child server's), percent of the CPUs' capacity;
 *                          null when not judged ({@code --target}: the server's CPU is not known)
 * @param stealPct          time the hypervisor gave those CPUs to other guests, percent of their capacity
 * @param loadAverage       the 1-minute load average at the end (runnable tasks, ours included)
 * @param clientMaxHiccupMs the load client's longest stall in the measured phase
 * @param othersLimitPct    {@link NoiseGuard#OTHERS_LIMIT_PCT}: above it (others + steal), the run is noisy
 * @param stallLimitMs      a client stall above this makes the run noisy
 * @param noisy             true when others + steal exceeded their limit, or the client stalled
 * @param reason            why it is noisy, in words; {@code quiet} otherwise
 */
public record Noise(String cpus, double windowSeconds, Double othersPct, double stealPct, Double loadAverage,
                    double clientMaxHiccupMs, double othersLimitPct, double stallLimitMs, boolean noisy, String reason) {

    /** Judges the figures against the limits. */
    static Noise judge(String cpus, double windowSeconds, Double othersPct, double stealPct, Double loadAverage,
                       double clientMaxHiccupMs, double stallLimitMs) {
        List<String> why = new ArrayList<>();
        double disturbed = (othersPct == null ? 0 : othersPct) + stealPct;
        if (disturbed > NoiseGuard.OTHERS_LIMIT_PCT) {
            why.add(String.format(Locale.ROOT, "other processes%s took %.1f%% of CPUs %s (limit %.0f%%)",
                    stealPct > 0.05 ? " and the hypervisor (steal)" : "", disturbed, cpus, NoiseGuard.OTHERS_LIMIT_PCT));
        }
        if (clientMaxHiccupMs > stallLimitMs) {
            why.add(String.format(Locale.ROOT, "the load client stalled for %.0f ms (limit %.0f ms)", clientMaxHiccupMs, stallLimitMs));
        }
        return new Noise(cpus, round(windowSeconds), othersPct == null ? null : round(othersPct), round(stealPct),
                loadAverage, round(clientMaxHiccupMs), NoiseGuard.OTHERS_LIMIT_PCT, stallLimitMs, !why.isEmpty(),
                why.isEmpty() ? "quiet" : String.join("; ", why));
    }

    /** One line for people: {@code quiet: others 0.8%, steal 0.0% of CPUs 0-1, load 1.02, client stall 3 ms}. */
    public String describe() {
        return (noisy ? "NOISY: " + reason : "quiet") + String.format(Locale.ROOT, " (others %s, steal %.1f%% of CPUs %s over %.1f s;"
                        + " load average %s; client's longest stall %.0f ms)",
                othersPct == null ? "not judged" : String.format(Locale.ROOT, "%.1f%%", othersPct), stealPct, cpus,
                windowSeconds, loadAverage == null ? "?" : String.format(Locale.ROOT, "%.2f", loadAverage), clientMaxHiccupMs);
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
