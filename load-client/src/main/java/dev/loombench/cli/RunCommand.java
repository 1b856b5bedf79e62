package dev.loombench.cli;

import dev.loombench.client.ChildServer;
import dev.loombench.client.LoadConfig;
import dev.loombench.client.TimeOp;
import dev.loombench.machine.MachineFacts;
import dev.loombench.report.ComparisonWriter;
import dev.loombench.report.RepeatReport;
import dev.loombench.report.RepeatSet;
import dev.loombench.run.Repetitions;
import dev.loombench.report.ProgressDisplay;
import dev.loombench.report.ResultWriter;
import dev.loombench.report.TerminalSummary;
import dev.loombench.run.ClientProcess;
import dev.loombench.run.ClientProcesses;
import dev.loombench.run.ModelRunner;
import dev.loombench.run.MultiProcessRun;
import dev.loombench.run.Pinning;
import dev.loombench.serve.DurationConverter;
import dev.loombench.serve.ServerOptions;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench run} (also plain {@code bench --impl ...}): one load run, start to finish. Starts
 * the server model as a child JVM ({@code bench serve}, same JDK, {@code --server-jvm-args}),
 * waits for its ready line, runs the load ({@link ModelRunner}), stops the server (SIGTERM, its final
 * counters), writes {@code results/runs/<run>/} and prints a summary. {@code --impl all} does
 * that for every model and compares them; {@code --target} measures a server already running.
 *
 * <p>Exit codes: 0 the run completed (errors it measured are data, not a failure of the run);
 * 2 bad usage, or the run could not be made (the server did not start, results not writable).
 */
@Command(name = "run", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Load-test a server model (or a running server) and write results.",
                "Starts the model as a child JVM (or measures --target), connects the clients, warms up, measures,"
                        + " stops it, and writes results/runs/<run>/ (summary.json, latency.hlog, charts)."})
public final class RunCommand implements Callable<Integer> {

    private static final LoadConfig DEFAULTS = LoadConfig.defaults();

    @Spec
    CommandSpec spec;

    @Option(names = "--impl", paramLabel = "MODELS", converter = ModelsConverter.class,
            description = "server model to start: single, thread, pool, virtual, nio, netty, async; several (comma-separated) or all run in turn, then compared")
    ModelsConverter.Models impl;

    @Option(names = "--target", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "measure a server that is already running (echo: any RFC 862 server) instead of starting one; IPv6 as [::1]:PORT")
    InetSocketAddress target;

    @Option(names = "--clients", paramLabel = "N", description = "concurrent client connections (default: ${DEFAULT-VALUE})")
    int clients = DEFAULTS.clients();

    @Option(names = "--warmup", paramLabel = "DUR", converter = DurationConverter.class, description = "load before measuring, not measured (default: 5s)")
    Duration warmup = DEFAULTS.warmup();

    @Option(names = "--duration", paramLabel = "DUR", converter = DurationConverter.class, description = "measured phase (default: 20s)")
    Duration duration = DEFAULTS.duration();

    @Option(names = "--results", paramLabel = "DIR", description = "where result directories go (default: ${DEFAULT-VALUE})")
    Path results = Path.of("results", "runs");

    @Option(names = "--repeat", paramLabel = "N", description = "make each run N times, each with a fresh server, models"
            + " round by round; writes a set directory with every repetition, repeats.json, the spread and index.html (default: 1)")
    int repeat = 1;

    @Option(names = "--retries", paramLabel = "R", description = "with --repeat: make a repetition the noise guard marks"
            + " noisy again, up to R times (default: 0, keep it and mark it)")
    int retries = 0;

    @Option(names = "--start-at", paramLabel = "TIME", converter = StartAtConverter.class,
            description = "start connecting at this wall-clock time, ISO-8601 (2026-05-01T12:00:00Z) or epoch milliseconds:"
                    + " client processes given the same time measure the same seconds (then: bench merge)")
    Instant startAt;

    @Option(names = "--client-id", paramLabel = "N",
            description = "this client process's number among several loading one server: its echo connection ids start at N x 2^24 + 1 (default: 0)")
    int clientId;

    @Option(names = "--processes", paramLabel = "P",
            description = "load from P client processes on this machine with a common --start-at, the clients and rate split between them, results merged (default: 1)")
    int processes = 1;

    /** The pid of a server on this machine to sample as a child server is sampled; how --processes lets process 0 watch its child. */
    @Option(names = "--server-pid", hidden = true, paramLabel = "PID")
    long serverPid;

    /** Read the start time from stdin once ready: how --processes starts its processes together however slowly their JVMs start. */
    @Option(names = ClientProcesses.START_AT_STDIN, hidden = true)
    boolean startAtStdin;

    /** Data files only: the processes of --processes leave the charts to the merged result. */
    @Option(names = "--no-charts", hidden = true)
    boolean noCharts;

    @Mixin
    LoadOptions loadOptions;

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if ((impl == null) == (target == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either --impl MODELS or --target HOST:PORT");
        }
        if (repeat < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--repeat must be at least 1, not " + repeat);
        if (retries < 0) throw new CommandLine.ParameterException(spec.commandLine(), "--retries cannot be negative");
        if (target != null && repeat > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--repeat needs --impl: each repetition starts a"
                    + " fresh server; with --target run the command again");
        }
        LoadConfig load = loadConfig();
        if (processes < 1 || processes > load.clients()) {
            throw new IllegalArgumentException("--processes must be 1 .. --clients (" + load.clients() + "), was " + processes);
        }
        if (processes > 1 && repeat > 1) throw new IllegalArgumentException("--processes and --repeat together: not supported; repeat the command");
        if (serverPid != 0 && (target == null || processes > 1)) throw new IllegalArgumentException("--server-pid goes with --target and one process");
        if (startAtStdin) startAt = startAtFromStdin(err);
        ClientProcess process = new ClientProcess(clientId, startAt, serverPid);
        if (startAt != null && startAt.isBefore(Instant.now())) {
            err.println("bench: --start-at " + startAt + " has passed; starting at once (this process's measured phase is late)");
        }
        List<String> commandLine = List.of(spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
        Map<String, Object> environment = MachineFacts.describe(commandLine);
        RunSession session = new RunSession(load, spec.commandLine().getOut(), err, results, environment,
                loadOptions.readyTimeout(), loadOptions.pinning(target == null), process, processes, !noCharts);
        InetSocketAddress address = target == null ? null : resolvedTarget();
        ServerConfig serverConfig = server.toConfig();
        List<ServerKind> kinds = impl == null ? List.of() : impl.kinds();
        if (!kinds.isEmpty()) {
            for (String note : ServerArgsCheck.check(kinds, serverConfig, loadOptions.jvmArgs())) err.println("bench: " + note);
            err.flush();
            kinds = ServerArgsCheck.servable(kinds, serverConfig);
        }
        try {
            session.tellMachine();
            if (repeat > 1) {
                return session.runRepeated(kinds, serverConfig, loadOptions.jvmArgs(), repeat, retries,
                        "bench " + String.join(" ", commandLine.isEmpty() || !commandLine.get(0).equals("run")
                                ? java.util.stream.Stream.concat(java.util.stream.Stream.of("run"), commandLine.stream()).toList()
                                : commandLine));
            }
            return address != null ? session.runTarget(address) : session.runModels(kinds, serverConfig, loadOptions.jvmArgs());
        } catch (IOException e) {
            err.println("bench: could not write the results under " + results + ": " + e);
            return 2;
        } catch (ClientProcesses.Failed e) {
            err.println("bench: " + e.getMessage());
            return 2;
        }
    }

    /** Says {@link ClientProcesses#WAITING} and reads the start time from stdin (the parent of --processes writes it). */
    private static Instant startAtFromStdin(PrintWriter err) throws IOException {
        err.println(ClientProcesses.WAITING);
        err.flush();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)).readLine();
        if (line == null) throw new IOException("stdin ended before a start time came");
        return new StartAtConverter().convert(line.strip());
    }

    /** The load options, checked; throws IllegalArgumentException (exit 2) on settings that cannot be honoured. */
    LoadConfig loadConfig() {
        return loadOptions.toConfig(server.protocol(), server.transport(), clients, warmup, duration);
    }

    /** {@code --target} with its host looked up: the load engine connects to resolved addresses only. */
    private InetSocketAddress resolvedTarget() {
        return resolved(spec.commandLine(), target);
    }

    /** {@code target} looked up; an unknown host is a usage error of {@code cl}. */
    static InetSocketAddress resolved(CommandLine cl, InetSocketAddress target) {
        InetSocketAddress resolved = new InetSocketAddress(target.getHostString(), target.getPort());
        if (resolved.isUnresolved()) throw new CommandLine.ParameterException(cl, "--target: unknown host '" + target.getHostString() + "'");
        return resolved;
    }

    /** What one invocation does with its runs: run them through the {@link ModelRunner}, print and compare the results. */
    private static final class RunSession {

        private final LoadConfig load;
        private final PrintWriter out;
        private final PrintWriter err;
        private final Path results;
        private final ModelRunner runner;
        private final Map<String, Object> environment;
        private final ClientProcess process;
        private final int processes;
        private String machine = "not looked at";

        RunSession(LoadConfig load, PrintWriter out, PrintWriter err, Path results, Map<String, Object> environment,
                   Duration readyTimeout, Pinning pinning, ClientProcess process, int processes, boolean charts) {
            this.load = load;
            this.out = out;
            this.err = err;
            this.results = results;
            this.runner = new ModelRunner(results, environment, readyTimeout, err, ModelRunner.Notes.CONFIG)
                    .withPinning(pinning).withClientProcess(process).withCharts(charts);
            this.environment = environment;
            this.process = process;
            this.processes = processes;
        }

        /** The runner of runs whose load several processes make ({@code --processes}). */
        MultiProcessRun multi() {
            List<String> bench = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), BenchCli.class.getName());
            return new MultiProcessRun(runner, bench, results, environment, err, process.clientId());
        }

        /** Prints the machine's state on the CPUs the runs will use, and the CPU sets. */
        void tellMachine() throws InterruptedException {
            machine = runner.machineState().describe();
            err.println("bench: machine: " + machine + "; " + runner.pinning().describe());
            err.flush();
        }

        /**
         * {@code --repeat N}: every model N times, round by round, into one set directory; then the
         * set's files and its table with spread.
         */
        int runRepeated(List<ServerKind> kinds, ServerConfig serverConfig, List<String> jvmArgs, int repeat, int retries,
                        String command) throws InterruptedException, IOException {
            String what = kinds.size() == 1 ? kinds.get(0).cliName() : kinds.size() == ServerKind.values().length ? "all" : "models";
            Path set = ResultWriter.createUnique(results, ResultWriter.stamp(Instant.now()) + "-" + what + "-c" + load.clients()
                    + "-" + load.protocol().cliName() + "-x" + repeat);
            ModelRunner setRunner = runner.withResultsRoot(set.resolve("runs")).withNotes(ModelRunner.Notes.READY);
            Map<ServerKind, List<Repetitions.Repetition>> reps = Repetitions.run(kinds, repeat, retries,
                    (kind, round) -> setRunner.run(kind, serverConfig, jvmArgs, load, ProgressDisplay.barOnTerminal(err)),
                    new RepetitionLines(err, kinds.size(), repeat));
            Map<ServerKind, String> labels = new java.util.LinkedHashMap<>();
            for (ServerKind k : kinds) labels.put(k, k.cliName() + " c" + load.clients() + " " + load.protocol().cliName());
            RepeatSet rs = Repetitions.toSet(reps, labels, set, command, repeat, retries, machine, runner.pinning().describe());
            if (rs.groups().stream().allMatch(g -> g.figures() == null)) {
                err.println("bench: no repetition could run; nothing to summarise in " + set);
                return 2;
            }
            RepeatReport.write(rs, set, MachineFacts.commands());
            out.print(RepeatReport.table(set));
            out.println("repetitions: " + set + "/ (index.html, repeats.json, README.md, comparison.json, charts; every run under runs/)");
            out.flush();
            boolean allRan = reps.values().stream().flatMap(List::stream).allMatch(Repetitions.Repetition::ran);
            return allRan ? 0 : 2;
        }

        int runTarget(InetSocketAddress address) throws InterruptedException, IOException, ClientProcesses.Failed {
            report(processes > 1 ? multi().runTarget(address, process.serverPid(), load, processes, process.startAt())
                    : runner.runTarget(address, load, ProgressDisplay.forConsole(err)));
            return 0;
        }

        int runModels(List<ServerKind> kinds, ServerConfig serverConfig, List<String> jvmArgs)
                throws InterruptedException, IOException, ClientProcesses.Failed {
            List<Path> dirs = new ArrayList<>();
            boolean allStarted = true;
            for (ServerKind kind : kinds) {
                try {
                    dirs.add(report(processes > 1 ? multi().run(kind, serverConfig, jvmArgs, load, processes, process.startAt())
                            : runner.run(kind, serverConfig, jvmArgs, load, ProgressDisplay.forConsole(err))));
                } catch (ChildServer.ChildServerException e) {
                    err.println("bench: " + kind + ": " + e.getMessage());
                    allStarted = false;
                }
            }
            if (kinds.size() > 1 && !dirs.isEmpty()) {
                Path dir = ResultWriter.createUnique(results, ResultWriter.stamp(Instant.now()) + "-all-c" + load.clients()
                        + "-" + load.protocol().cliName());
                ComparisonWriter.write(dirs, dir);
                out.println(ComparisonWriter.table(dirs));
                out.println("comparison: " + dir + "/");
                out.flush();
            }
            return allStarted ? 0 : 2;
        }

        private Path report(ModelRunner.Outcome outcome) {
            out.print(TerminalSummary.format(outcome.result(), outcome.dir()));
            out.flush();
            return outcome.dir();
        }
    }

    /** Parses an absolute time: ISO-8601 with a zone or offset ({@code 2026-05-01T12:00:00Z}), or epoch milliseconds. */
    public static final class StartAtConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                if (value.matches("\\d{10,}")) return Instant.ofEpochMilli(Long.parseLong(value));
                return java.time.OffsetDateTime.parse(value).toInstant();
            } catch (java.time.DateTimeException | NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a time: use ISO-8601 with a zone,"
                        + " e.g. 2026-05-01T12:00:00Z, or epoch milliseconds, e.g. $(date -d '+20 sec' +%s%3N)");
            }
        }
    }

    /** Parses {@code time|name|list|send|mix}. */
    public static final class TimeOpConverter implements CommandLine.ITypeConverter<TimeOp> {
        @Override
        public TimeOp convert(String value) {
            try {
                return TimeOp.fromCliName(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
