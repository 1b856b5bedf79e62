package dev.loombench.demo;

import dev.loombench.client.ChildServer;
import dev.loombench.client.ChildServer.ChildServerException;
import dev.loombench.client.LoadConfig;
import dev.loombench.client.RunResult;
import dev.loombench.report.Human;
import dev.loombench.report.ProgressDisplay;
import dev.loombench.report.Summary;
import dev.loombench.report.Sweep;
import dev.loombench.run.ModelRunner;
import dev.loombench.run.Repetitions;
import dev.loombench.run.RunCommandLine;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link Scenario} gets to work with: the scale, the output directory, and
 * {@link #run} — one normal load run through the shared {@link ModelRunner}, its result directory
 * kept under {@code <out>/runs/}, its equivalent {@code bench run} command recorded, and one
 * progress line printed when it starts and one when it ends. Used by one scenario at a time.
 */
public final class DemoContext {

    /**
     * A run a scenario made, for its JSON and README section.
     *
     * @param label   what the scenario calls it, e.g. {@code pool, echo, long-lived}
     * @param command the {@code bench run} command that repeats it
     * @param figures its key figures (the same as a sweep cell's): with repetitions, their medians, spread and
     *                every repetition; {@code dir} (the median run's) relative to the demo directory
     * @param clientMaxHiccupMs the longest stall of the load client's own JVM in the measured phase of the
     *                repetition the scenario quotes; above {@link #STALL_MS} its latencies include the client's pauses
     */
    public record Run(String label, String command, Sweep.Cell figures, double clientMaxHiccupMs) {

        public static final double STALL_MS = RunResult.CLIENT_STALL_NANOS / 1e6;

        public boolean clientStalled() {
            return clientMaxHiccupMs > STALL_MS;
        }

        /** True when a repetition kept for this run was marked noisy by the noise guard (its retries ran out). */
        public boolean noisy() {
            return figures.noisy() != null && figures.noisy() > 0;
        }
    }

    private final ModelRunner runner;
    private final Path out;
    private final Scale scale;
    private final PrintWriter log;
    private final int repeat;
    private final int retries;
    private final List<Run> runs = new ArrayList<>();

    /** One repetition per run, noisy ones kept and marked. @param runner its results root is replaced by {@code <out>/runs} */
    public DemoContext(ModelRunner runner, Path out, Scale scale, PrintWriter log) {
        this(runner, out, scale, log, 1, 0);
    }

    /**
     * @param runner  its results root is replaced by {@code <out>/runs}
     * @param repeat  repetitions of every run whose figures the text quotes
     * @param retries how many times a repetition the noise guard marks noisy is made again
     */
    public DemoContext(ModelRunner runner, Path out, Scale scale, PrintWriter log, int repeat, int retries) {
        this.runner = runner.withResultsRoot(out.resolve("runs"));
        this.out = out;
        this.scale = scale;
        this.log = log;
        this.repeat = repeat;
        this.retries = retries;
    }

    public Scale scale() {
        return scale;
    }

    /** Repetitions of every quoted run. */
    public int repeat() {
        return repeat;
    }

    /** Where charts go: the demo directory. */
    public Path out() {
        return out;
    }

    /**
     * Runs {@code load} against a fresh {@code kind} server configured as {@code server}, as many
     * times as the demo repeats, and returns the repetition with the median throughput: the one
     * the scenario quotes and charts. A repetition the noise guard marks noisy (others took a share
     * of the CPUs, or the load client stalled) is made again, a bounded number of times; the
     * section's table shows every figure with its spread.
     *
     * @throws ChildServerException if the server did not start
     */
    public RunResult run(String label, ServerKind kind, ServerConfig server, LoadConfig load)
            throws ChildServerException, InterruptedException, IOException {
        return run(label, kind, server, List.of(), load);
    }

    /** As {@link #run(String, ServerKind, ServerConfig, LoadConfig)}, with JVM options for the child server. */
    public RunResult run(String label, ServerKind kind, ServerConfig server, List<String> jvmArgs, LoadConfig load)
            throws ChildServerException, InterruptedException, IOException {
        log.printf(Locale.ROOT, "      %s: %s, %s warm-up + %s measured%s ...%n", label, Text.clients(load.clients()),
                Human.seconds(load.warmup()), Human.seconds(load.duration()), repeat > 1 ? ", " + repeat + " times" : "");
        log.flush();
        List<Repetitions.Repetition> reps = Repetitions.run(List.of(label), repeat, retries,
                (arm, round) -> once(label, kind, server, jvmArgs, load), new Repetitions.Listener<>() {
                    @Override
                    public void finished(String arm, int round, int attempt, ModelRunner.Outcome o, boolean again) {
                        if (again) {
                            log.printf(Locale.ROOT, "      %s: noisy (%s) - once more%n", label,
                                    o.noise() == null ? "the load client stalled" : o.noise().reason());
                            log.flush();
                        }
                    }
                }).get(label);
        List<Repetitions.Repetition> ran = reps.stream().filter(Repetitions.Repetition::ran).toList();
        if (ran.isEmpty()) throw new ChildServerException(reps.getFirst().failure());
        List<Summary> summaries = ran.stream().map(r -> Summary.of(r.outcome().result(), r.outcome().noise())).toList();
        List<String> dirs = ran.stream().map(r -> Repetitions.describe(r, out).dir()).toList();
        Sweep.Cell figures = Sweep.Cell.of(summaries, dirs, reps.stream().map(r -> Repetitions.describe(r, out)).toList());
        RunResult quoted = ran.stream().map(r -> r.outcome().result())
                .sorted(java.util.Comparator.comparingDouble(RunResult::requestsPerSecond)).toList().get((ran.size() - 1) / 2);
        runs.add(new Run(label, RunCommandLine.of(kind, server, load, jvmArgs), figures,
                Math.round(quoted.clientMaxHiccupNanos() / 1e3) / 1e3));
        return quoted;
    }

    private ModelRunner.Outcome once(String label, ServerKind kind, ServerConfig server, List<String> jvmArgs, LoadConfig load)
            throws ChildServerException, InterruptedException, IOException {
        long start = System.nanoTime();
        ModelRunner.Outcome o = runner.run(kind, server, jvmArgs, load, ProgressDisplay.barOnTerminal(log));
        Summary s = Summary.of(o.result(), o.noise());
        log.printf(Locale.ROOT, "      %s: %s req/s, p99 %s, %s failures, served %d/%d (%.0f s)%s%n", label,
                Human.count(s.throughput().requestsPerSecond()), Human.latencyUs(s.latency().roundTrip().p99Us()),
                Human.count(s.errors().total()), s.fairness().served(), s.clients(), (System.nanoTime() - start) / 1e9,
                o.noisy() ? " - noisy" : "");
        log.flush();
        return o;
    }

    /** Starts a server for a scenario that drives it by other means than a load run; the caller closes it. */
    public ChildServer startServer(ServerKind kind, ServerConfig server, List<String> jvmArgs) throws ChildServerException {
        return runner.start(kind, server, jvmArgs);
    }

    /** A progress line under the scenario's own. */
    public void note(String line) {
        log.println("      " + line);
        log.flush();
    }

    /** The runs made since the last call, in order. */
    List<Run> takeRuns() {
        List<Run> taken = List.copyOf(runs);
        runs.clear();
        return taken;
    }
}
