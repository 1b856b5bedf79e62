package dev.loombench.run;

import dev.loombench.client.ChildServer;
import dev.loombench.client.ChildServer.ChildServerException;
import dev.loombench.client.LoadConfig;
import dev.loombench.client.RunResult;
import dev.loombench.machine.Noise;
import dev.loombench.merge.ResultMerge;
import dev.loombench.report.ResultReader;
import dev.loombench.report.ResultWriter;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import dev.loombench.server.ServerStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench run --processes P}: one run whose load comes from P client processes on this machine
 * ({@link ClientProcesses}), against a child server this process starts and stops (as
 * {@link ModelRunner#run} does; process 0 samples it by pid) or a server already running. The
 * merged result is written to {@code <results>/<yyyyMMdd-HHmmss>-<impl>-c<clients>-<protocol>-p<P>/},
 * the processes' own results under its {@code inputs/}. The child never outlives the run.
 */
public final class MultiProcessRun {

    private final ModelRunner runner;
    private final List<String> bench;
    private final Path resultsRoot;
    private final Map<String, Object> environment;
    private final PrintWriter notes;
    private final int firstClientId;

    /**
     * @param bench         the command that starts {@code bench} in a new JVM (java, class path, main class)
     * @param firstClientId the client id of process 0 ({@code --client-id}); process i gets this + i
     */
    public MultiProcessRun(ModelRunner runner, List<String> bench, Path resultsRoot, Map<String, Object> environment,
                           PrintWriter notes, int firstClientId) {
        this.runner = runner;
        this.bench = bench;
        this.resultsRoot = resultsRoot;
        this.environment = environment;
        this.notes = notes;
        this.firstClientId = firstClientId;
    }

    /** Runs {@code load} from {@code processes} processes against a fresh {@code kind} server. */
    public ModelRunner.Outcome run(ServerKind kind, ServerConfig server, List<String> jvmArgs, LoadConfig load,
                                   int processes, Instant startAt)
            throws ChildServerException, ClientProcesses.Failed, IOException, InterruptedException {
        try (ChildServer child = runner.start(kind, server, jvmArgs)) {
            notes.printf("bench: %s server ready on port %d (pid %d); %d client processes, %s%n", kind, child.port(),
                    child.pid(), processes, runner.pinning().describe());
            notes.flush();
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("server", server);
            extra.put("serverJvmArgs", jvmArgs);
            extra.put("serverReady", child.readyEvent());
            Merge merged = measure(kind.cliName(), ModelRunner.address(child, server), child.pid(), load, processes,
                    startAt, extra);
            boolean died = !child.isAlive();
            ServerStats.Snapshot counters = child.stop(java.time.Duration.ofSeconds(5));
            if (died) notes.println("bench: the " + kind + " server died during the run (exit code " + child.exitCode() + ")");
            return merged.write(merged.result().withServerCounters(counters));
        }
    }

    /** Runs {@code load} from {@code processes} processes against a server already running at {@code address}. */
    public ModelRunner.Outcome runTarget(InetSocketAddress address, long serverPid, LoadConfig load, int processes,
                                         Instant startAt) throws ClientProcesses.Failed, IOException, InterruptedException {
        notes.printf("bench: measuring %s:%d with %d client processes%n", address.getHostString(), address.getPort(), processes);
        notes.flush();
        Merge merged = measure("target", address, serverPid, load, processes, startAt, Map.of());
        return merged.write(merged.result());
    }

    /** The merged result, the inputs' noise verdicts together, and the directory it belongs in. */
    private record Merge(RunResult result, Noise noise, Path dir) {
        ModelRunner.Outcome write(RunResult r) throws IOException {
            ResultWriter.writeInto(r, dir, noise);
            return new ModelRunner.Outcome(r, dir, noise);
        }
    }

    private Merge measure(String impl, InetSocketAddress address, long serverPid, LoadConfig load, int processes,
                          Instant startAt, Map<String, Object> extra)
            throws ClientProcesses.Failed, IOException, InterruptedException {
        Path dir = ResultWriter.createUnique(resultsRoot, ResultWriter.stamp(Instant.now()) + "-" + impl + "-c" + load.clients()
                + "-" + load.protocol().cliName() + "-p" + processes);
        ClientProcesses clients = new ClientProcesses(bench, dir, runner.pinning(), serverPid, firstClientId);
        notes.println("bench: client processes write under " + dir.resolve("inputs") + "/ (output in p<i>.log)");
        notes.flush();
        List<ResultReader.Loaded> inputs = clients.run(address, load, processes, startAt);
        Map<String, Object> config = new LinkedHashMap<>(extra);
        config.putAll(clients.describe(processes));
        config.put("cpus", ModelRunner.cpusOf(runner.pinning()));
        try {
            ResultMerge.Merged merged = ResultMerge.merge(inputs, impl, environment, config);
            merged.notes().forEach(n -> notes.println("bench: note: " + n));
            notes.flush();
            return new Merge(merged.result(), merged.noise(), dir);
        } catch (ResultMerge.Refused e) {
            throw new ClientProcesses.Failed("the client processes' results could not be merged: " + e.getMessage());
        }
    }
}
