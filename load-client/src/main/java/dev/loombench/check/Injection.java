package dev.loombench.check;

import dev.loombench.serve.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A slowdown added to the B side only, so that the gate can be seen to fail on a real change in
 * the server under test: {@code --spin} (CPU-bound work per request), fixed or sized per case to
 * {@link #AUTO_SPIN_FRACTION} of the A side's measured server CPU per request, and {@code --think}
 * (blocking work per request, a gross slowdown).
 *
 * @param think    blocking work per request; zero = none
 * @param spin     CPU-bound work per request; zero = none, ignored when {@code autoSpin}
 * @param autoSpin size the spin per case from the A side's first run
 */
public record Injection(Duration think, Duration spin, boolean autoSpin) {

    /** {@code --inject-spin auto}: this fraction of A's server CPU per request. */
    public static final double AUTO_SPIN_FRACTION = 0.10;

    public static Injection none() {
        return new Injection(Duration.ZERO, Duration.ZERO, false);
    }

    public boolean any() {
        return autoSpin || !think.isZero() || !spin.isZero();
    }

    /** The spin for a case whose A side used {@code cpuNanosPerRequest}: the fixed spin, or the auto fraction of it. */
    public Duration spinFor(double cpuNanosPerRequest) {
        if (!autoSpin) return spin;
        return Duration.ofNanos(Math.max(1, Math.round(AUTO_SPIN_FRACTION * cpuNanosPerRequest)));
    }

    /** The server options that make B slower, given the case's spin. */
    public List<String> serverArgs(Duration caseSpin) {
        List<String> args = new ArrayList<>();
        if (!think.isZero()) args.addAll(List.of("--think", Durations.format(think)));
        if (caseSpin != null && !caseSpin.isZero()) args.addAll(List.of("--spin", Durations.format(caseSpin)));
        return args;
    }

    /** e.g. {@code --spin auto (10 % of A's server CPU per request)}; empty when none. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!think.isZero()) parts.add("--think " + Durations.format(think));
        if (autoSpin) parts.add("--spin auto (" + Math.round(100 * AUTO_SPIN_FRACTION) + " % of A's server CPU per request)");
        else if (!spin.isZero()) parts.add("--spin " + Durations.format(spin));
        return String.join(" and ", parts);
    }
}
