package dev.loombench.knee;

import dev.loombench.client.ChildServer;
import dev.loombench.client.ChildServer.ChildServerException;
import dev.loombench.client.LoadConfig;
import dev.loombench.client.RunResult;
import dev.loombench.report.Human;
import dev.loombench.report.ProgressDisplay;
import dev.loombench.report.ResultWriter;
import dev.loombench.run.ModelRunner;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the knee of one model ({@code bench knee}): runs the {@link KneeSearch}, each step {@code repeat}
 * short open-loop runs at its rate through the {@link ModelRunner}, against one child server started
 * once for the whole search (warm; a pause of {@code settle} between runs lets it drain what the
 * previous run left) or a fresh child server per run ({@code --fresh}), or a server already running
 * ({@code --target}). A run the noise guard marks noisy is made again, up to {@code retries} times,
 * since one misjudged step sends the bisection the wrong way; the last one is kept, marked if noisy.
 * Every kept run's data files go to {@code <dir>/steps/<impl>/<NN>-<rate>rps[-r<k>]/}; one line per
 * step goes to {@code notes}. Child servers never outlive a search.
 */
public final class KneeRunner {

    /**
     * @param plan      the rates to search
     * @param objective what a rate must meet
     * @param repeat    runs per step
     * @param retries   how many times a run the noise guard marks noisy is made again
     * @param fresh     a fresh child server for every run, instead of one per search
     * @param settle    the pause before each run on a warm server
     */
    public record Settings(KneeSearch.Plan plan, Objective objective, int repeat, int retries, boolean fresh, Duration settle) {
        public Settings {
            if (repeat < 1) throw new IllegalArgumentException("--repeat must be >= 1, was " + repeat);
            if (retries < 0) throw new IllegalArgumentException("--retries cannot be negative, was " + retries);
        }
    }

    /** One run at a rate. */
    @FunctionalInterface
    private interface RunAt {
        ModelRunner.Measured run(LoadConfig load) throws KneeSearch.Stopped, InterruptedException;
    }

    private final ModelRunner runner;
    private final Settings settings;
    private final Path dir;
    private final PrintWriter notes;

    /** @param dir the knee directory; step data goes under its {@code steps/} */
    public KneeRunner(ModelRunner runner, Settings settings, Path dir, PrintWriter notes) {
        this.runner = runner;
        this.settings = settings;
        this.dir = dir;
        this.notes = notes;
    }

    /** The knee of a {@code kind} child server under {@code load} (its rate is set by each step). */
    public ModelKnee find(ServerKind kind, ServerConfig server, List<String> jvmArgs, LoadConfig load)
            throws InterruptedException, IOException {
        String impl = kind.cliName();
        if (settings.fresh()) {
            return search(impl, load, l -> {
                try (ChildServer child = start(kind, server, jvmArgs)) {
                    return runner.measure(child, kind, server, jvmArgs, l, progress());
                }
            });
        }
        try (ChildServer child = start(kind, server, jvmArgs)) {
            return search(impl, load, l -> {
                if (!child.isAlive()) throw new KneeSearch.Stopped("the server died (exit code " + child.exitCode() + ")");
                Thread.sleep(settings.settle().toMillis());
                return runner.measure(child, kind, server, jvmArgs, l, progress());
            });
        } catch (KneeSearch.Stopped e) {
            return ModelKnee.of(impl, new KneeSearch.Outcome(List.of(), null, null, "stopped: " + e.getMessage()));
        }
    }

    /** The knee of the server already running at {@code address}. */
    public ModelKnee findTarget(InetSocketAddress address, LoadConfig load) throws InterruptedException, IOException {
        return search("target", load, l -> {
            Thread.sleep(settings.settle().toMillis());
            return runner.measureTarget(address, l, progress());
        });
    }

    private ChildServer start(ServerKind kind, ServerConfig server, List<String> jvmArgs) throws KneeSearch.Stopped {
        try {
            return runner.start(kind, server, jvmArgs);
        } catch (ChildServerException e) {
            throw new KneeSearch.Stopped("the server did not start: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private ProgressDisplay progress() {
        return ProgressDisplay.barOnTerminal(notes);
    }

    private ModelKnee search(String impl, LoadConfig load, RunAt runAt) throws InterruptedException, IOException {
        IOException[] failed = {null};
        KneeSearch.Outcome outcome = KneeSearch.search(settings.plan(), (index, rate) -> {
            List<Repetition> runs = new ArrayList<>();
            for (int k = 1; k <= settings.repeat(); k++) {
                ModelRunner.Measured m = runAt.run(load.withRate(rate));
                for (int retry = 1; retry <= settings.retries() && noisy(m); retry++) {
                    notes.printf(Locale.ROOT, "%-7s step %2d: run %d was noisy (%s); making it again (%d of %d)%n", impl, index, k,
                            m.noise() == null ? "the client stalled" : m.noise().reason(), retry, settings.retries());
                    m = runAt.run(load.withRate(rate));
                }
                try {
                    runs.add(Repetition.of(m.result(), m.noise(), loops(m.result(), load), write(m, impl, index, rate, k)));
                } catch (IOException e) {
                    failed[0] = e;
                    throw new KneeSearch.Stopped("could not write the step's results: " + e.getMessage());
                }
            }
            Step step = Step.of(index, rate, runs, settings.objective(), load.clients() / (load.duration().toNanos() / 1e9));
            notes.println(line(impl, step));
            notes.flush();
            return step;
        });
        if (failed[0] != null) throw failed[0];
        ModelKnee knee = ModelKnee.of(impl, outcome);
        notes.println(impl + ": knee " + (knee.knee() == null ? "none" : Human.count(knee.knee()) + " req/s")
                + (knee.above() == null ? "" : ", fails at " + Human.count(knee.above()) + " req/s") + " (" + knee.stop() + ")");
        notes.flush();
        return knee;
    }

    private static boolean noisy(ModelRunner.Measured m) {
        return m.noise() != null ? m.noise().noisy() : m.result().clientStalled();
    }

    /** Writes a run's data files; returns their directory relative to the knee directory. */
    private String write(ModelRunner.Measured m, String impl, int index, double rate, int k) throws IOException {
        String name = String.format(Locale.ROOT, "%02d-%drps", index, Math.round(rate)) + (settings.repeat() > 1 ? "-r" + k : "");
        Path stepDir = ResultWriter.createUnique(dir.resolve("steps").resolve(impl), name);
        ResultWriter.writeData(m.result(), stepDir, m.noise());
        return dir.relativize(stepDir).toString();
    }

    private static int loops(RunResult r, LoadConfig load) {
        return r.config() instanceof Map<?, ?> config && config.get("loopsUsed") instanceof Integer n ? n : load.resolvedLoops();
    }

    /** Fewer verified requests than this make a step's p99 little more than its maximum. */
    static final long FEW_SAMPLES = 1000;

    /** e.g. {@code pool  step 3: 4,000 req/s -> 3,998 (100%), p50 120 us, p99 1.20 ms, p99.9 3.40 ms, errors 0: pass}. */
    static String line(String impl, Step s) {
        long fewest = s.runs().stream().mapToLong(Repetition::requests).min().orElse(0);
        return String.format(Locale.ROOT, "%-7s step %2d: %s req/s -> %s (%s), p50 %s, p99 %s, p99.9 %s, errors %s: %s%s%s%s",
                impl, s.index(), Human.count(s.offered()), Human.count(s.achieved().median()),
                Human.percent(100 * s.achieved().median() / s.offered()), Human.latencyUs(s.p50Us().median()),
                Human.latencyUs(s.p99Us().median()), Human.latencyUs(s.p999Us().median()),
                Human.count(s.runs().stream().mapToLong(Repetition::errors).sum()),
                s.passed() ? "pass" : "fail (" + String.join("; ", s.misses()) + ")",
                s.clientLimited() ? " [client stalled or busy]" : "",
                s.noisy() ? " [noisy]" : "",
                fewest < FEW_SAMPLES ? " [p99 of only " + fewest + " requests]" : "");
    }
}
