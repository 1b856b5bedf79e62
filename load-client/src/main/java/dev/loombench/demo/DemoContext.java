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
     * @param figures its key figures (the same as a sweep cell's), {@code dir} relative to the demo directory
     * @param clientMaxHiccupMs the longest stall of the load client's own JVM in the measured phase; above
     *                {@link #STALL_MS} the run's latencies include the client's pauses
     */
    public record Run(String label, String command, Sweep.Cell figures, double clientMaxHiccupMs) {

        public static final double STALL_MS = RunResult.CLIENT_STALL_NANOS / 1e6;

        public boolean clientStalled() {
            return clientMaxHiccupMs > STALL_MS;
        }
    }

    /** A run whose load client stalled longer than this is made once more. */
    static final double RETRY_STALL_MS = 200;

    private final ModelRunner runner;
    private final Path out;
    private final Scale scale;
    private final PrintWriter log;
    private final List<Run> runs = new ArrayList<>();

    /** @param runner its results root is replaced by {@code <out>/runs} */
    public DemoContext(ModelRunner runner, Path out, Scale scale, PrintWriter log) {
        this.runner = runner.withResultsRoot(out.resolve("runs"));
        this.out = out;
        this.scale = scale;
        this.log = log;
    }

    public Scale scale() {
        return scale;
    }

    /** Where charts go: the demo directory. */
    public Path out() {
        return out;
    }

    /**
     * Runs {@code load} against a fresh {@code kind} server configured as {@code server}. A run in
     * which the load client itself stalled for more than {@link #RETRY_STALL_MS} (the machine was busy
     * with other work) is made once more, and the second one is kept whatever it shows.
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
        log.printf(Locale.ROOT, "      %s: %s, %s warm-up + %s measured ...%n", label, Text.clients(load.clients()),
                Human.seconds(load.warmup()), Human.seconds(load.duration()));
        log.flush();
        ModelRunner.Outcome o = once(label, kind, server, jvmArgs, load);
        if (o.result().clientMaxHiccupNanos() / 1e6 > RETRY_STALL_MS) {
            log.printf(Locale.ROOT, "      %s: the load client stalled for %.0f ms - once more%n", label,
                    o.result().clientMaxHiccupNanos() / 1e6);
            o = once(label, kind, server, jvmArgs, load);
        }
        runs.add(new Run(label, RunCommandLine.of(kind, server, load, jvmArgs),
                Sweep.Cell.of(Summary.of(o.result()), out.relativize(o.dir()).toString()),
                Math.round(o.result().clientMaxHiccupNanos() / 1e3) / 1e3));
        return o.result();
    }

    private ModelRunner.Outcome once(String label, ServerKind kind, ServerConfig server, List<String> jvmArgs, LoadConfig load)
            throws ChildServerException, InterruptedException, IOException {
        long start = System.nanoTime();
        ModelRunner.Outcome o = runner.run(kind, server, jvmArgs, load, ProgressDisplay.barOnTerminal(log));
        Summary s = Summary.of(o.result());
        double stallMs = o.result().clientMaxHiccupNanos() / 1e6;
        log.printf(Locale.ROOT, "      %s: %s req/s, p99 %s, %s failures, served %d/%d (%.0f s)%s%n", label,
                Human.count(s.throughput().requestsPerSecond()), Human.latencyUs(s.latency().roundTrip().p99Us()),
                Human.count(s.errors().total()), s.fairness().served(), s.clients(), (System.nanoTime() - start) / 1e9,
                stallMs > Run.STALL_MS ? String.format(Locale.ROOT, " - the load client stalled for %.0f ms", stallMs) : "");
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
