package dev.loombench.run;

import dev.loombench.client.ChildServer;
import dev.loombench.client.ChildServer.ChildServerException;
import dev.loombench.client.LoadConfig;
import dev.loombench.client.LoadGenerator;
import dev.loombench.client.ProcessResources;
import dev.loombench.client.RunResult;
import dev.loombench.report.Json;
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
 * ({@link ResultWriter}) under the results root.
 *
 * <p>Notes for people go to {@code notes}, as much as the {@link Notes} level says; the server
 * dying during a run is always told. The child never outlives a run, also when the run throws.
 * One run at a time per instance.
 */
public final class ModelRunner {

    /** What is told about each run besides failures. */
    public enum Notes {
        /** The ready line with the full configuration as one JSON line ({@code bench run}). */
        CONFIG,
        /** A short ready line: model, port, pid. */
        READY,
        /** Nothing but failures (commands that print their own line per run). */
        QUIET
    }

    /** A finished run: what was measured, and the result directory it was written to. */
    public record Outcome(RunResult result, Path dir) {}

    private final Path resultsRoot;
    private final Map<String, Object> environment;
    private final Duration readyTimeout;
    private final PrintWriter notes;
    private final Notes level;

    /**
     * @param resultsRoot  where result directories are created
     * @param environment  the facts stored with every result ({@code Environment.describe})
     * @param readyTimeout how long a child server may take to print its ready line
     */
    public ModelRunner(Path resultsRoot, Map<String, Object> environment, Duration readyTimeout, PrintWriter notes,
                       Notes level) {
        this.resultsRoot = resultsRoot;
        this.environment = environment;
        this.readyTimeout = readyTimeout;
        this.notes = notes;
        this.level = level;
    }

    /** This runner with results written under {@code root} instead. */
    public ModelRunner withResultsRoot(Path root) {
        return new ModelRunner(root, environment, readyTimeout, notes, level);
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
        try (ChildServer child = start(kind, server, jvmArgs)) {
            InetSocketAddress address = address(child, server);
            Map<String, Object> config = configOf(kind.cliName(), address, load, server, jvmArgs, child);
            if (level != Notes.QUIET) {
                notes.printf("bench: %s server ready on port %d (pid %d)%s%n", kind, child.port(), child.pid(),
                        level == Notes.CONFIG ? " " + Json.line(config) : "");
                notes.flush();
            }
            RunResult measured = generate(kind.cliName(), address, child, load, config, progress);
            boolean diedDuringRun = !child.isAlive() || child.diedReason() != null;
            ServerStats.Snapshot counters = child.stop(Duration.ofSeconds(5));
            if (diedDuringRun) {
                notes.println("bench: the " + kind + " server died during the run (exit code " + child.exitCode() + ")"
                        + (child.diedReason() == null ? "" : ": " + child.diedReason())
                        + "; its stderr ends with:\n" + child.stderrTail().indent(2).stripTrailing());
                notes.flush();
            }
            result = measured.withServerCounters(counters);
        }
        return new Outcome(result, ResultWriter.write(result, resultsRoot));
    }

    /** Runs {@code load} against a server that is already running at {@code address} ({@code --target}). */
    public Outcome runTarget(InetSocketAddress address, LoadConfig load, ProgressDisplay progress)
            throws InterruptedException, IOException {
        Map<String, Object> config = configOf("target", address, load, null, List.of(), null);
        if (level != Notes.QUIET) {
            notes.println("bench: measuring " + address + (level == Notes.CONFIG ? " " + Json.line(config) : ""));
            notes.flush();
        }
        RunResult result = generate("target", address, null, load, config, progress);
        return new Outcome(result, ResultWriter.write(result, resultsRoot));
    }

    /**
     * Starts a {@code kind} server as a child JVM and waits for its ready line; the caller closes
     * it. For scenarios that drive the server by other means than a load run.
     */
    public ChildServer start(ServerKind kind, ServerConfig server, List<String> jvmArgs) throws ChildServerException {
        return ChildServer.start(serveCommand(kind, kind.applicable(server), jvmArgs), readyTimeout);
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

    private RunResult generate(String impl, InetSocketAddress address, ChildServer child, LoadConfig load,
                               Map<String, Object> config, ProgressDisplay progress) throws InterruptedException {
        try (ProgressDisplay display = progress) {
            return new LoadGenerator(load, address, child == null ? null : ProcessResources.of(child.pid()), display)
                    .run(impl, config, environment);
        }
    }

    private static Map<String, Object> configOf(String impl, InetSocketAddress address, LoadConfig load,
                                                ServerConfig server, List<String> jvmArgs, ChildServer child) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("impl", impl);
        config.put("target", address.getHostString() + ":" + address.getPort());
        config.put("load", load);
        config.put("clientThreadsUsed", load.platformThreads() ? "platform" : "virtual");
        config.put("server", server);
        config.put("serverJvmArgs", jvmArgs);
        if (child != null) config.put("serverCode", ServerCode.find().source());
        if (child != null) config.put("serverReady", child.readyEvent());
        return config;
    }
}
