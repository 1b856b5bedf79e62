package dev.loombench.run;

import dev.loombench.client.ChildServer;
import dev.loombench.client.ChildServer.ChildServerException;
import dev.loombench.client.LoadConfig;
import dev.loombench.client.LoadGenerator;
import dev.loombench.client.ProcessResources;
import dev.loombench.client.RunResult;
import dev.loombench.machine.MachineState;
import dev.loombench.machine.Noise;
import dev.loombench.machine.NoiseGuard;
import dev.loombench.report.ProgressDisplay;
import dev.loombench.report.ResultWriter;
import dev.loombench.serve.ServerOptions;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import dev.loombench.server.ServerStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One load run, start to finish — the orchestration of {@code bench run}, shared by
 * {@code bench sweep} and {@code bench demo}: start the server model as a child JVM
 * ({@code serve} from the servers' lean jar, {@link ServerCode}; same JDK, the given JVM options),
 * wait for its ready line,
 * run the {@link LoadGenerator} while sampling the child's threads, RSS and CPU from /proc, stop
 * the child (SIGTERM; its final counters join the result) and write the result directory
 * ({@link ResultWriter}) under the results root. A {@link NoiseGuard} watches the run's CPUs
 * meanwhile; its verdict on the measured phase goes into the result ({@code summary.json}'s
 * {@code noise}) and the {@link Outcome}.
 *
 * <p>Notes for people go to {@code notes}, as much as the {@link Notes} level says; the server
 * dying during a run is always told. The child never outlives a run, also when the run throws.
 * One run at a time per instance.
 */
public final class ModelRunner {

    /** What is told about each run besides failures. */
    public enum Notes {
        /** One line per run: model, protocol, clients, loops, CPU sets, where results go ({@code bench run}). */
        CONFIG,
        /** A short ready line: model, port, pid. */
        READY,
        /** Nothing but failures (commands that print their own line per run). */
        QUIET
    }

    /**
     * A finished run: what was measured, the result directory it was written to, and how noisy the
     * machine was meanwhile ({@link NoiseGuard}; null when it could not be watched).
     */
    public record Outcome(RunResult result, Path dir, Noise noise) {

        /** True when the noise guard marked the run (others took a share of its CPUs, or the client stalled). */
        public boolean noisy() {
            return noise != null ? noise.noisy() : result.clientStalled();
        }
    }

    /** What one load measured, and how noisy the machine was meanwhile ({@link NoiseGuard}; null when not watched). */
    public record Measured(RunResult result, Noise noise) {}

    private final Path resultsRoot;
    private final Map<String, Object> environment;
    private final Duration readyTimeout;
    private final PrintWriter notes;
    private final Notes level;
    private final Pinning pinning;
    private final ClientProcess process;
    private final boolean charts;
    private CpuSet pinnedTo; // the CPUs this JVM was pinned to, once it was

    /**
     * @param resultsRoot  where result directories are created
     * @param environment  the facts stored with every result ({@code MachineFacts.describe})
     * @param readyTimeout how long a child server may take to print its ready line
     */
    public ModelRunner(Path resultsRoot, Map<String, Object> environment, Duration readyTimeout, PrintWriter notes,
                       Notes level) {
        this(resultsRoot, environment, readyTimeout, notes, level, Pinning.none("not asked"), ClientProcess.ALONE, true);
    }

    private ModelRunner(Path resultsRoot, Map<String, Object> environment, Duration readyTimeout, PrintWriter notes,
                        Notes level, Pinning pinning, ClientProcess process, boolean charts) {
        this.resultsRoot = resultsRoot;
        this.environment = environment;
        this.readyTimeout = readyTimeout;
        this.notes = notes;
        this.level = level;
        this.pinning = pinning;
        this.process = process;
        this.charts = charts;
    }

    /** This runner with results written under {@code root} instead. */
    public ModelRunner withResultsRoot(Path root) {
        return new ModelRunner(root, environment, readyTimeout, notes, level, pinning, process, charts);
    }

    /** This runner telling as much as {@code notes} says. */
    public ModelRunner withNotes(Notes notes) {
        return new ModelRunner(resultsRoot, environment, readyTimeout, this.notes, notes, pinning, process, charts);
    }

    /** This runner with client and child servers pinned as {@code p} says ({@link Pinning}). */
    public ModelRunner withPinning(Pinning p) {
        return new ModelRunner(resultsRoot, environment, readyTimeout, notes, level, p, process, charts);
    }

    /** This runner writing result directories without their charts and page (data files only), or with them. */
    public ModelRunner withCharts(boolean on) {
        return new ModelRunner(resultsRoot, environment, readyTimeout, notes, level, pinning, process, on);
    }

    /** This runner as one of several client processes of a run ({@code --start-at}, {@code --client-id}). */
    public ModelRunner withClientProcess(ClientProcess p) {
        return new ModelRunner(resultsRoot, environment, readyTimeout, notes, level, pinning, p, charts);
    }

    public Pinning pinning() {
        return pinning;
    }

    /**
     * Runs {@code load} against a fresh {@code kind} server and writes the result directory.
     * {@code progress} (may be null) is told once a second and closed when the load ends.
     *
     * @throws ChildServerException if the server did not start or was not ready in time
     * @throws IOException          if the result directory could not be written
     */
    public Outcome run(ServerKind kind, ServerConfig server, List<String> jvmArgs, LoadConfig load, ProgressDisplay progress)
            throws ChildServerException, InterruptedException, IOException {
        server = kind.applicable(server); // one --loops for several models reaches those that have loops
        RunResult result;
        Noise noise;
        pinSelf();
        try (ChildServer child = start(kind, server, jvmArgs)) {
            if (level != Notes.QUIET) {
                notes.printf("bench: %s server ready on port %d (pid %d)%s%n", kind, child.port(), child.pid(),
                        level == Notes.CONFIG ? "; " + startLine(server.protocol().cliName(), load) : "");
                notes.flush();
            }
            Measured measured = measure(child, kind, server, jvmArgs, load, progress);
            noise = measured.noise();
            boolean diedDuringRun = !child.isAlive() || child.diedReason() != null;
            ServerStats.Snapshot counters = child.stop(Duration.ofSeconds(5));
            if (diedDuringRun) {
                notes.println("bench: the " + kind + " server died during the run (exit code " + child.exitCode() + ")"
                        + (child.diedReason() == null ? "" : ": " + child.diedReason())
                        + "; its stderr ends with:\n" + child.stderrTail().indent(2).stripTrailing());
                notes.flush();
            }
            result = measured.result().withServerCounters(counters);
        }
        return new Outcome(result, write(result, noise), noise);
    }

    /** Runs {@code load} against a server that is already running at {@code address} ({@code --target}). */
    public Outcome runTarget(InetSocketAddress address, LoadConfig load, ProgressDisplay progress)
            throws InterruptedException, IOException {
        if (level != Notes.QUIET) {
            notes.println("bench: measuring " + address.getHostString() + ":" + address.getPort()
                    + (level == Notes.CONFIG ? "; " + startLine(load.protocol().cliName(), load) : "")
                    + (process.startAt() == null ? "" : "; starting at " + process.startAt()));
            notes.flush();
        }
        Measured m = measureTarget(address, load, progress);
        return new Outcome(m.result(), write(m.result(), m.noise()), m.noise());
    }

    /**
     * Runs {@code load} against {@code child}, a {@code kind} server from {@link #start}, sampling its
     * threads, RSS and CPU, with the noise guard watching; writes nothing and leaves the child
     * running, so that several loads can share one warm server ({@code bench knee}). The caller
     * stops the child.
     */
    public Measured measure(ChildServer child, ServerKind kind, ServerConfig server, List<String> jvmArgs,
                            LoadConfig load, ProgressDisplay progress) throws InterruptedException {
        pinSelf();
        InetSocketAddress address = address(child, server);
        Map<String, Object> config = configOf(kind.cliName(), address, load, server, jvmArgs, child);
        try (NoiseGuard guard = NoiseGuard.start(watchedCpus().cpus(), ProcessHandle.current().pid(), child.pid())) {
            RunResult r = generate(kind.cliName(), address, child.pid(), load, config, progress);
            return new Measured(r, judge(guard, r, true));
        }
    }

    /** Runs {@code load} against a server already running at {@code address}, with the noise guard watching; writes nothing. */
    public Measured measureTarget(InetSocketAddress address, LoadConfig load, ProgressDisplay progress)
            throws InterruptedException {
        pinSelf();
        Map<String, Object> config = configOf("target", address, load, null, List.of(), null);
        try (NoiseGuard guard = NoiseGuard.start(watchedCpus().cpus(), ProcessHandle.current().pid())) {
            RunResult r = generate("target", address, process.serverPid(), load, config, progress);
            return new Measured(r, judge(guard, r, false)); // a server on this machine would be "others"
        }
    }

    /** Writes {@code result}'s directory under the results root: every file, or the data files only. */
    private Path write(RunResult result, Noise noise) throws IOException {
        if (charts) return ResultWriter.write(result, resultsRoot, noise);
        Path dir = ResultWriter.createUnique(resultsRoot, ResultWriter.directoryName(result));
        ResultWriter.writeData(result, dir, noise);
        return dir;
    }

    /**
     * The CPUs this runner's runs use: the client's and the server's sets when both are pinned,
     * else every CPU this process may use.
     */
    public CpuSet watchedCpus() {
        if (pinning.client() == null || pinning.server() == null) return Pinning.allowedCpus();
        java.util.BitSet both = (java.util.BitSet) pinning.client().cpus().clone(); // the record hands out its own set
        both.or(pinning.server().cpus());
        return new CpuSet(both);
    }

    /** What the machine looks like now on the CPUs runs will use: printed before the first run. */
    public MachineState machineState() throws InterruptedException {
        return MachineState.sample(watchedCpus().cpus(), Duration.ofMillis(500));
    }

    /** The guard's verdict on the measured phase of {@code r}. */
    private static Noise judge(NoiseGuard guard, RunResult r, boolean judgeOthers) {
        Instant end = r.startedAt().plusMillis(Math.round(r.measuredSeconds() * 1000));
        return guard.judge(r.startedAt(), end, r.clientMaxHiccupNanos(), RunResult.CLIENT_STALL_NANOS, judgeOthers);
    }

    /**
     * Starts a {@code kind} server as a child JVM and waits for its ready line; the caller closes
     * it. For scenarios that drive the server by other means than a load run.
     */
    public ChildServer start(ServerKind kind, ServerConfig server, List<String> jvmArgs) throws ChildServerException {
        return ChildServer.start(pinning.serverCommand(serveCommand(kind, kind.applicable(server), jvmArgs)), readyTimeout);
    }

    /** Pins this JVM to the client's CPUs, once; a failure to pin is told and the run goes on unpinned. */
    private void pinSelf() throws InterruptedException {
        if (pinning.client() == null || pinning.client().equals(pinnedTo)) return;
        try {
            Pinning.pinSelf(pinning.client());
            pinnedTo = pinning.client();
        } catch (java.io.IOException e) {
            notes.println("bench: " + e.getMessage() + "; the client runs unpinned");
            notes.flush();
        }
    }

    /** e.g. {@code echo, 100 clients, 1 event loop, client CPU 0, server CPU 1; results under results/runs/}. */
    private String startLine(String protocol, LoadConfig load) {
        int loops = load.resolvedLoops();
        return protocol + ", " + load.clients() + (load.clients() == 1 ? " client, " : " clients, ") + loops
                + (loops == 1 ? " event loop, " : " event loops, ") + pinning.describe() + "; results under " + resultsRoot + "/";
    }

    /** Where to connect to {@code child}: the wildcard bind address means this host. */
    public static InetSocketAddress address(ChildServer child, ServerConfig server) {
        String bind = server.bind();
        String host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
        return new InetSocketAddress(host, child.port());
    }

    /**
     * The {@code serve} command line of a child server: this JVM's JDK, {@code jvmArgs}, the
     * server code {@link ServerCode#find} finds.
     */
    public static List<String> serveCommand(ServerKind kind, ServerConfig config, List<String> jvmArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(ServerCode.find().javaArgs());
        command.addAll(List.of("serve", "--impl", kind.cliName(), "--exit-on-stdin-eof"));
        command.addAll(ServerOptions.toArgs(config));
        return command;
    }

    /** Runs the load, sampling process {@code serverPid} (0 = none). */
    private RunResult generate(String impl, InetSocketAddress address, long serverPid, LoadConfig load,
                               Map<String, Object> config, ProgressDisplay progress) throws InterruptedException {
        try (ProgressDisplay display = progress) {
            return new LoadGenerator(load, address, serverPid <= 0 ? null : ProcessResources.of(serverPid), display,
                    process.coordination()).run(impl, config, environment);
        }
    }

    /** The CPU sets of {@code p} as results store them: client, server, shared, note. */
    public static Map<String, Object> cpusOf(Pinning p) {
        Map<String, Object> cpus = new LinkedHashMap<>();
        cpus.put("client", p.client() == null ? null : p.client().toString());
        cpus.put("server", p.server() == null ? null : p.server().toString());
        cpus.put("shared", p.shared());
        cpus.put("note", p.note());
        return cpus;
    }

    private Map<String, Object> configOf(String impl, InetSocketAddress address, LoadConfig load,
                                                ServerConfig server, List<String> jvmArgs, ChildServer child) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("impl", impl);
        config.put("target", address.getHostString() + ":" + address.getPort());
        config.put("load", load);
        config.put("loopsUsed", load.resolvedLoops());
        config.put("cpus", cpusOf(pinning));
        config.put("server", server);
        config.put("serverJvmArgs", jvmArgs);
        if (child != null) config.put("serverCode", ServerCode.find().source());
        if (child != null) config.put("serverReady", child.readyEvent());
        config.put("clientProcess", process.describe());
        return config;
    }
}
