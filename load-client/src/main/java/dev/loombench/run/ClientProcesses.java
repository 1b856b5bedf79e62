package dev.loombench.run;

import dev.loombench.client.LoadConfig;
import dev.loombench.merge.ResultMerge;
import dev.loombench.report.ResultReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code bench run --processes P} on one machine: P load-client processes ({@code bench run --target
 * ... --start-at ... --client-id i}, started by the command given: the same JDK and class path as this JVM) load one server together,
 * the clients and the rate split between them as evenly as they go; each writes its own result under
 * {@code <dir>/inputs/p<i>/} (its output in {@code p<i>.log}; data files only, the charts are the merged result's), and the results are merged
 * ({@link ResultMerge}). It is the local form of the multi-machine recipe in the README, and the way
 * past one client JVM's limits.
 *
 * <p>The processes never outlive this one by more than their own bounded run: they are destroyed when
 * this JVM ends (a shutdown hook), when they overrun their time, or when waiting is interrupted.
 */
public final class ClientProcesses {

    /** The line a process started with {@link #START_AT_STDIN} prints once it waits for its start time. */
    public static final String WAITING = "bench: waiting for the start time on stdin";
    /** The hidden {@code run} option that makes a process read its start time from stdin. */
    public static final String START_AT_STDIN = "--start-at-stdin";
    /** How far ahead of the moment every process is waiting the common start is set. */
    static final Duration LEAD = Duration.ofMillis(500);
    /** How long the processes may take to start their JVMs and be waiting. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /** The processes could not run or did not finish well; the message says which and why, with its output. */
    public static final class Failed extends Exception {
        Failed(String message) {
            super(message);
        }
    }

    private final List<String> bench;
    private final Path dir;
    private final Pinning pinning;
    private final long serverPid;
    private final int firstClientId;

    /**
     * @param bench         the command that starts {@code bench} in a new JVM (java, class path, main class)
     * @param dir           the merged result's directory; the inputs go under {@code dir/inputs/}
     * @param pinning       where the processes run: all on the client CPUs, or unpinned
     * @param serverPid     a child server for process 0 to sample (threads, RSS, CPU); 0 = none
     * @param firstClientId the client id of process 0; process i gets {@code firstClientId + i}
     */
    public ClientProcesses(List<String> bench, Path dir, Pinning pinning, long serverPid, int firstClientId) {
        this.bench = List.copyOf(bench);
        this.dir = dir;
        this.pinning = pinning;
        this.serverPid = serverPid;
        this.firstClientId = firstClientId;
    }

    /**
     * Runs {@code load} from {@code processes} processes starting together at {@code startAt}, waits for
     * all, and reads their results back, in process order. Without {@code startAt} the start is set once
     * every process has started its JVM and waits ({@link #WAITING}), {@link #LEAD} ahead, and sent to
     * each on its stdin: JVMs that take seconds to start on a busy machine still start their load together.
     *
     * @throws Failed if a process could not start, failed, or overran its time (the others are stopped)
     */
    public List<ResultReader.Loaded> run(InetSocketAddress target, LoadConfig load, int processes, Instant startAt)
            throws Failed, IOException, InterruptedException {
        List<Process> started = new ArrayList<>();
        Thread hook = new Thread(() -> started.forEach(Process::destroyForcibly), "loombench-client-processes-killer");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            CountDownLatch waiting = new CountDownLatch(startAt == null ? processes : 0);
            for (int i = 0; i < processes; i++) {
                Path results = Files.createDirectories(dir.resolve("inputs").resolve("p" + i));
                List<String> command = command(target, share(load, processes, i), i, startAt, results);
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                started.add(p);
                copyOutput(p, log(i), waiting);
            }
            Instant start = startAt;
            if (start == null) {
                if (!waiting.await(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new Failed("the client processes were not all started within " + READY_TIMEOUT.toSeconds() + " s" + logTail(0));
                }
                start = Instant.now().plus(LEAD);
                for (Process p : started) {
                    try (Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
                        in.write(start + "\n");
                    }
                }
            }
            long budget = Math.max(0, Duration.between(Instant.now(), start).toNanos()) + load.warmup().toNanos()
                    + load.duration().toNanos() + connectBudget(load).toNanos() + TimeUnit.SECONDS.toNanos(60);
            long deadline = System.nanoTime() + budget;
            for (int i = 0; i < processes; i++) {
                Process p = started.get(i);
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    throw new Failed("client process p" + i + " did not finish in time" + logTail(i));
                }
                if (p.exitValue() != 0) throw new Failed("client process p" + i + " failed (exit code " + p.exitValue() + ")" + logTail(i));
            }
        } finally {
            started.forEach(Process::destroyForcibly);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
        List<ResultReader.Loaded> results = new ArrayList<>();
        for (int i = 0; i < processes; i++) results.add(ResultReader.read(onlyResult(dir.resolve("inputs").resolve("p" + i))));
        return results;
    }

    private Path log(int i) {
        return dir.resolve("inputs").resolve("p" + i + ".log");
    }

    /** Copies a process's output into its log file, counting {@code waiting} down when it says {@link #WAITING}. */
    private static void copyOutput(Process p, Path log, CountDownLatch waiting) {
        Thread.ofPlatform().daemon().name("loombench-client-process-output").start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line; (line = lines.readLine()) != null; ) {
                    out.write(line + "\n");
                    out.flush();
                    if (line.equals(WAITING)) waiting.countDown();
                }
            } catch (IOException e) {
                // the process is gone; its log ends here
            }
        });
    }

    /** Process {@code i}'s share of the load: clients split as evenly as they go, the rate in proportion. */
    static LoadConfig share(LoadConfig load, int processes, int i) {
        int clients = load.clients() / processes + (i < load.clients() % processes ? 1 : 0);
        return load.withClients(clients).withRate(load.rate() * clients / load.clients())
                .withConnectRate(load.connectRate() * clients / load.clients());
    }

    private List<String> command(InetSocketAddress target, LoadConfig share, int i, Instant start, Path results) {
        List<String> command = new ArrayList<>(bench);
        command.addAll(List.of("run", "--target", hostPort(target),
                "--client-id", Integer.toString(firstClientId + i), "--results", results.toString(), "--no-charts"));
        if (start != null) command.addAll(List.of("--start-at", start.toString()));
        else command.add(START_AT_STDIN);
        command.addAll(RunCommandLine.loadArgs(share));
        if (pinning.client() != null) command.addAll(List.of("--client-cpus", pinning.client().toString()));
        if (i == 0 && serverPid > 0) command.addAll(List.of("--server-pid", Long.toString(serverPid)));
        return command;
    }

    /** {@code 127.0.0.1:7000}, {@code [::1]:7000}. */
    private static String hostPort(InetSocketAddress a) {
        String host = a.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** How long connecting may take: the connect ramp plus one timeout. */
    private static Duration connectBudget(LoadConfig load) {
        double ramp = load.connectRate() > 0 ? load.clients() / load.connectRate() : 0;
        return Duration.ofMillis(Math.round(ramp * 1000)).plus(load.timeout());
    }

    private String logTail(int i) {
        try {
            List<String> lines = Files.readAllLines(log(i));
            return "; its output ends with:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()))
                    .indent(2).stripTrailing();
        } catch (IOException e) {
            return "";
        }
    }

    private static Path onlyResult(Path parent) throws IOException {
        try (Stream<Path> entries = Files.list(parent)) {
            List<Path> dirs = entries.filter(Files::isDirectory).toList();
            if (dirs.size() != 1) throw new IOException(parent + ": expected one result directory, found " + dirs.size());
            return dirs.get(0);
        }
    }

    /** For {@link ResultMerge}: the processes' setup, stored with the merged result. */
    public Map<String, Object> describe(int processes) {
        return Map.of("processes", processes, "firstClientId", firstClientId);
    }
}
