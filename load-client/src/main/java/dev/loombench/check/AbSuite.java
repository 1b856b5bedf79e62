package dev.loombench.check;

import dev.loombench.client.ChildServer.ChildServerException;
import dev.loombench.serve.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;

/**
 * The measurement plan of {@code bench check}: for each case, {@code pairs} pairs of runs of the
 * base build (A) and the current build (B), in the order A B, B A, A B, ... so that a drift of
 * the machine over a case (warming up, another job starting) falls on both sides alike. Every run
 * is a fresh server. Both sides are measured at one open-loop rate: {@code rateFraction} of the
 * closed-loop throughput of the case's first A run — below capacity, where CPU per request is a
 * property of the server and not of a queue.
 *
 * <p>Reports progress (case, pair, side, time left) to {@code progress}. One run at a time.
 */
public final class AbSuite {

    private final SideRunner runner;
    private final ServerBuild base;
    private final ServerBuild current;
    private final int pairs;
    private final double rateFraction;
    private final Injection injection;
    private final Consumer<String> progress;
    private final double plannedRunSeconds;
    private double runSeconds;
    private int runsDone;

    /**
     * @param plannedRunSeconds how long a run is expected to take before one has been timed (for the first estimate of time left)
     */
    public AbSuite(SideRunner runner, ServerBuild base, ServerBuild current, int pairs, double rateFraction,
                   Injection injection, double plannedRunSeconds, Consumer<String> progress) {
        if (pairs < 2) throw new IllegalArgumentException("--pairs must be >= 2, was " + pairs);
        if (!(rateFraction > 0 && rateFraction <= 1)) {
            throw new IllegalArgumentException("--rate-fraction must be in (0, 1], was " + rateFraction);
        }
        this.runner = runner;
        this.base = base;
        this.current = current;
        this.pairs = pairs;
        this.rateFraction = rateFraction;
        this.injection = injection;
        this.plannedRunSeconds = plannedRunSeconds;
        this.progress = progress;
    }

    /** Runs every case; a case the base cannot serve is skipped, a current server that does not start is a failure. */
    public List<CaseResult> run(List<CheckCase> cases) throws InterruptedException {
        List<CaseResult> results = new ArrayList<>();
        int runsTotal = runsDone + cases.size() * pairs * 2; // runsDone: of earlier calls (bench check --repeat)
        for (int i = 0; i < cases.size(); i++) {
            results.add(runCase(cases.get(i), i + 1, cases.size(), runsTotal));
            runsTotal -= 2 * pairs - results.get(i).a().size() - results.get(i).b().size(); // runs not made
        }
        return results;
    }

    private CaseResult runCase(CheckCase c, int index, int cases, int runsTotal) throws InterruptedException {
        List<RunMetrics> a = new ArrayList<>();
        List<RunMetrics> b = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        double[] rate = {Double.NaN};
        Duration spin = injection.autoSpin() ? null : injection.spin();
        DoubleUnaryOperator rateOf = capacity -> {
            if (Double.isNaN(rate[0])) rate[0] = rateFraction * capacity;
            return rate[0];
        };
        for (int pair = 1; pair <= pairs; pair++) {
            for (boolean isBase : pair % 2 == 1 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                ServerBuild build = isBase ? base : current;
                progress.accept(String.format(Locale.ROOT, "[%d/%d] %-12s pair %d/%d  %s %-16s %s left", index, cases, c.key(),
                        pair, pairs, isBase ? "A" : "B", "(" + build.label() + ")", timeLeft(runsTotal)));
                if (!isBase && spin == null) {
                    failures.add("could not size --inject-spin auto: the base's first run measured no server CPU per request");
                    return new CaseResult(c, rate[0], Duration.ZERO, a, b, null, failures);
                }
                long start = System.nanoTime();
                try {
                    RunMetrics m = runner.run(build, c, isBase ? List.of() : injection.serverArgs(spin), rateOf);
                    (isBase ? a : b).add(m);
                    if (isBase && spin == null && m.serverCpuNanosPerRequest() > 0) {
                        spin = injection.spinFor(m.serverCpuNanosPerRequest());
                        progress.accept(String.format(Locale.ROOT, "%s: B gets --spin %s, %.0f %% of A's %.1fus of server CPU per request",
                                c.key(), Durations.format(spin), 100 * Injection.AUTO_SPIN_FRACTION, m.serverCpuNanosPerRequest() / 1e3));
                    }
                } catch (ChildServerException e) {
                    if (isBase && a.isEmpty()) {
                        return new CaseResult(c, rate[0], Duration.ZERO, a, b, "the base cannot serve it: " + summary(e.getMessage()), failures);
                    }
                    failures.add((isBase ? "A (" : "B (") + build.label() + ") server did not start: " + e.getMessage());
                    return new CaseResult(c, rate[0], spin == null ? Duration.ZERO : spin, a, b, null, failures);
                } finally {
                    runsDone++;
                    runSeconds += (System.nanoTime() - start) / 1e9;
                }
            }
        }
        return new CaseResult(c, rate[0], spin == null ? Duration.ZERO : spin, a, b, null, failures);
    }

    /** e.g. {@code ~3m05s}: the runs left times the mean time of a run so far. */
    private String timeLeft(int runsTotal) {
        double perRun = runsDone == 0 ? plannedRunSeconds : runSeconds / runsDone;
        long seconds = Math.round(Math.max(0, runsTotal - runsDone) * perRun);
        return seconds >= 60 ? String.format(Locale.ROOT, "~%dm%02ds", seconds / 60, seconds % 60) : "~" + seconds + "s";
    }

    /** The first line of a start failure and the last line of the server's stderr it quotes. */
    private static String summary(String message) {
        String[] lines = message.strip().split("\n");
        return lines.length == 1 ? lines[0] : lines[0] + " ... " + lines[lines.length - 1].strip();
    }
}
