package dev.loombench.cli;

import dev.loombench.client.ChildServer;
import dev.loombench.client.Environment;
import dev.loombench.client.LoadConfig;
import dev.loombench.client.LoadGenerator;
import dev.loombench.client.ProcessResources;
import dev.loombench.client.RunResult;
import dev.loombench.client.TimeOp;
import dev.loombench.protocol.Protocol;
import dev.loombench.report.ComparisonWriter;
import dev.loombench.report.Json;
import dev.loombench.report.ProgressDisplay;
import dev.loombench.report.ResultWriter;
import dev.loombench.report.TerminalSummary;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
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
 * waits for its ready line, runs the {@link LoadGenerator}, stops the server (SIGTERM, its final
 * counters), writes {@code results/runs/<run>/} and prints a summary. {@code --impl all} does
 * that for every model and compares them; {@code --target} measures a server already running.
 *
 * <p>Exit codes: 0 the run completed (errors it measured are data, not a failure of the run);
 * 2 bad usage, or the run could not be made (the server did not start, results not writable).
 */
@Command(name = "run", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Load-test a server model: start it as a child JVM (or measure --target), connect the clients, "
                + "warm up, measure, stop it, and write results/runs/<run>/ (summary.json, latency.hlog, timeseries.csv, charts).",
        footer = {"", "Exit codes: 0 the run completed (the errors it measured are data);",
                "2 bad usage, or the run could not be made (server did not start, results not writable).",
                "Example: bench --impl pool --pool-size 4 --clients 10 --duration 10s"})
public final class RunCommand implements Callable<Integer> {

    private static final LoadConfig DEFAULTS = LoadConfig.defaults();

    @Spec
    CommandSpec spec;

    @Option(names = "--impl", paramLabel = "MODEL", description = "server model to start: single, thread, pool, virtual, nio, or all (each in turn, then compared)")
    String impl;

    @Option(names = "--target", paramLabel = "HOST:PORT", description = "measure a server that is already running (echo: any RFC 862 server) instead of starting one")
    String target;

    @Option(names = "--clients", paramLabel = "N", description = "concurrent client connections (default: ${DEFAULT-VALUE})")
    int clients = DEFAULTS.clients();

    @Option(names = "--connect-rate", paramLabel = "N", description = "clients started per second while ramping up; 0 = all at once (default: 0)")
    double connectRate = DEFAULTS.connectRate();

    @Option(names = "--warmup", paramLabel = "DUR", converter = DurationConverter.class, description = "load before measuring, not measured (default: 5s)")
    Duration warmup = DEFAULTS.warmup();

    @Option(names = "--duration", paramLabel = "DUR", converter = DurationConverter.class, description = "measured phase (default: 20s)")
    Duration duration = DEFAULTS.duration();

    @Option(names = "--timeout", paramLabel = "DUR", converter = DurationConverter.class,
            description = "per request and per connect: a reply not in time is a read-timeout, and the connection is reopened (default: 5s)")
    Duration timeout = DEFAULTS.timeout();

    @Option(names = "--size", paramLabel = "BYTES", converter = SizeConverter.class,
            description = "echo: request payload, 1 byte to 64MiB, e.g. 64, 16k, 64MiB (default: 64)")
    Integer size;

    @Option(names = "--op", paramLabel = "OP", converter = TimeOpConverter.class,
            description = "time: time, name, list, send (to another client; MESSAGEs verified too) or mix (default: time)")
    TimeOp op;

    @Option(names = "--pipeline", paramLabel = "K", description = "requests in flight per connection, echo and time (default: ${DEFAULT-VALUE})")
    int pipeline = DEFAULTS.pipeline();

    @Option(names = "--rate", paramLabel = "REQ/S", description = "open loop: requests/s in total on a fixed schedule, latency from the intended send time; 0 = closed loop (default: 0)")
    double rate = DEFAULTS.rate();

    @Option(names = "--no-nodelay", description = "leave Nagle's algorithm on (TCP_NODELAY off) on client sockets")
    boolean noNodelay;

    @Option(names = "--client-threads", paramLabel = "KIND", converter = ClientThreadsConverter.class,
            description = "what runs each client connection: platform, virtual, or auto = platform up to "
                    + LoadConfig.AUTO_PLATFORM_LIMIT + " clients, virtual above (default: auto)")
    LoadConfig.ClientThreads clientThreads = DEFAULTS.threads();

    @Option(names = "--server-jvm-args", paramLabel = "ARGS", description = "JVM options for the child server, split on spaces, e.g. \"-Xmx512m -XX:+UseZGC\"")
    String serverJvmArgs = "";

    @Option(names = "--results", paramLabel = "DIR", description = "where result directories go (default: ${DEFAULT-VALUE})")
    Path results = Path.of("results", "runs");

    @Option(names = "--ready-timeout", paramLabel = "DUR", converter = DurationConverter.class,
            description = "how long the child server may take to print its ready line (default: 30s)")
    Duration readyTimeout = Duration.ofSeconds(30);

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if ((impl == null) == (target == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either --impl MODEL|all or --target HOST:PORT");
        }
        LoadConfig load = loadConfig();
        List<String> commandLine = List.of(spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
        RunSession session = new RunSession(load, spec.commandLine().getOut(), err, results, Environment.describe(commandLine));
        InetSocketAddress address = target == null ? null : parseTarget(target);
        ServerConfig serverConfig = server.toConfig();
        List<ServerKind> kinds = impl == null ? List.of()
                : impl.equalsIgnoreCase("all") ? List.of(ServerKind.values()) : List.of(parseImpl(impl));
        try {
            return address != null ? session.runTarget(address) : session.runModels(kinds, serverConfig, jvmArgs(), readyTimeout);
        } catch (IOException e) {
            err.println("bench: could not write the results under " + results + ": " + e);
            return 2;
        } catch (IllegalStateException e) { // the load client itself failed (see LoadGenerator.run)
            err.println("bench: the run failed: " + e.getMessage());
            return 2;
        }
    }

    /** The load options, checked; throws IllegalArgumentException (exit 2) on settings that cannot be honoured. */
    LoadConfig loadConfig() {
        Protocol protocol = server.protocol;
        if (size != null && protocol != Protocol.ECHO) throw new IllegalArgumentException("--size applies to --protocol echo only");
        if (op != null && protocol != Protocol.TIME) throw new IllegalArgumentException("--op applies to --protocol time only");
        return new LoadConfig(protocol, clients, connectRate, warmup, duration, timeout,
                size == null ? DEFAULTS.size() : size, op == null ? DEFAULTS.op() : op, pipeline, rate, !noNodelay,
                clientThreads);
    }

    private List<String> jvmArgs() {
        return Arrays.stream(serverJvmArgs.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    private ServerKind parseImpl(String name) {
        try {
            return ServerKind.fromCliName(name);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage() + ", or all");
        }
    }

    private InetSocketAddress parseTarget(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (colon <= 0 || port < 1 || port > 65535) throw new NumberFormatException();
            return new InetSocketAddress(hostPort.substring(0, colon).replaceAll("^\\[|]$", ""), port);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--target must be HOST:PORT, e.g. 127.0.0.1:7000; was '" + hostPort + "'");
        }
    }

    /** The {@code serve} command line of a child server: same JDK and class path as this JVM. */
    static List<String> serveCommand(ServerKind kind, ServerConfig config, List<String> jvmArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchCli.class.getName(),
                "serve", "--impl", kind.cliName(), "--exit-on-stdin-eof"));
        command.addAll(ServerOptions.toArgs(config));
        return command;
    }

    /** What one invocation does with its runs: start servers, run the load, write and print the results. */
    private record RunSession(LoadConfig load, PrintWriter out, PrintWriter err, Path results, Map<String, Object> environment) {

        int runTarget(InetSocketAddress address) throws InterruptedException, IOException {
            err.println("bench: measuring " + address + " " + Json.line(configOf("target", address, null, List.of(), null)));
            RunResult result = generate("target", address, null, configOf("target", address, null, List.of(), null));
            report(result);
            return 0;
        }

        int runModels(List<ServerKind> kinds, ServerConfig serverConfig, List<String> jvmArgs, Duration readyTimeout)
                throws InterruptedException, IOException {
            List<Path> dirs = new ArrayList<>();
            boolean allStarted = true;
            for (ServerKind kind : kinds) {
                try (ChildServer child = ChildServer.start(serveCommand(kind, serverConfig, jvmArgs), readyTimeout)) {
                    InetSocketAddress address = new InetSocketAddress(connectHost(serverConfig.bind()), child.port());
                    Map<String, Object> config = configOf(kind.cliName(), address, serverConfig, jvmArgs, child);
                    err.printf("bench: %s server ready on port %d (pid %d) %s%n", kind, child.port(), child.pid(), Json.line(config));
                    err.flush();
                    RunResult result = generate(kind.cliName(), address, child, config);
                    boolean diedDuringRun = !child.isAlive();
                    ServerStats.Snapshot counters = child.stop(Duration.ofSeconds(5));
                    if (diedDuringRun) {
                        err.println("bench: the " + kind + " server died during the run (exit code " + child.exitCode()
                                + "); its stderr ends with:\n" + child.stderrTail().indent(2).stripTrailing());
                    }
                    dirs.add(report(result.withServerCounters(counters)));
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

        private RunResult generate(String impl, InetSocketAddress address, ChildServer child, Map<String, Object> config)
                throws InterruptedException {
            try (ProgressDisplay progress = ProgressDisplay.forConsole(err)) {
                return new LoadGenerator(load, address, child == null ? null : ProcessResources.of(child.pid()), progress)
                        .run(impl, config, environment);
            }
        }

        private Path report(RunResult result) throws IOException {
            Path dir = ResultWriter.write(result, results);
            out.print(TerminalSummary.format(result, dir));
            out.flush();
            return dir;
        }

        private Map<String, Object> configOf(String impl, InetSocketAddress address, ServerConfig serverConfig,
                                             List<String> jvmArgs, ChildServer child) {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("impl", impl);
            config.put("target", address.getHostString() + ":" + address.getPort());
            config.put("load", load);
            config.put("clientThreadsUsed", load.platformThreads() ? "platform" : "virtual");
            config.put("server", serverConfig);
            config.put("serverJvmArgs", jvmArgs);
            if (child != null) config.put("serverReady", child.readyEvent());
            return config;
        }

        /** Where to connect to a server bound to {@code bind}: the wildcard address means this host. */
        private static String connectHost(String bind) {
            return bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
        }
    }

    /** Parses {@code auto|platform|virtual}. */
    public static final class ClientThreadsConverter implements CommandLine.ITypeConverter<LoadConfig.ClientThreads> {
        @Override
        public LoadConfig.ClientThreads convert(String value) {
            for (LoadConfig.ClientThreads t : LoadConfig.ClientThreads.values()) {
                if (t.cliName().equalsIgnoreCase(value)) return t;
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not auto, platform or virtual");
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
