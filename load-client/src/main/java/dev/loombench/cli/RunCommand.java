package dev.loombench.cli;

import dev.loombench.client.ChildServer;
import dev.loombench.client.Environment;
import dev.loombench.client.LoadConfig;
import dev.loombench.client.TimeOp;
import dev.loombench.report.ComparisonWriter;
import dev.loombench.report.ProgressDisplay;
import dev.loombench.report.ResultWriter;
import dev.loombench.report.TerminalSummary;
import dev.loombench.run.ModelRunner;
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
        description = {"Load-test a server model: start it as a child JVM (or use --target), connect the clients,",
                "warm up, measure, stop it, and write results/runs/<run>/ (summary.json, latency.hlog, charts)."})
public final class RunCommand implements Callable<Integer> {

    private static final LoadConfig DEFAULTS = LoadConfig.defaults();

    @Spec
    CommandSpec spec;

    @Option(names = "--impl", paramLabel = "MODEL", description = "server model to start: single, thread, pool, virtual, nio, netty, async, or all (each in turn, then compared)")
    String impl;

    @Option(names = "--target", paramLabel = "HOST:PORT", description = "measure a server that is already running (echo: any RFC 862 server) instead of starting one")
    String target;

    @Option(names = "--clients", paramLabel = "N", description = "concurrent client connections (default: ${DEFAULT-VALUE})")
    int clients = DEFAULTS.clients();

    @Option(names = "--warmup", paramLabel = "DUR", converter = DurationConverter.class, description = "load before measuring, not measured (default: 5s)")
    Duration warmup = DEFAULTS.warmup();

    @Option(names = "--duration", paramLabel = "DUR", converter = DurationConverter.class, description = "measured phase (default: 20s)")
    Duration duration = DEFAULTS.duration();

    @Option(names = "--results", paramLabel = "DIR", description = "where result directories go (default: ${DEFAULT-VALUE})")
    Path results = Path.of("results", "runs");

    @Mixin
    LoadOptions loadOptions;

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
        RunSession session = new RunSession(load, spec.commandLine().getOut(), err, results, Environment.describe(commandLine),
                loadOptions.readyTimeout());
        InetSocketAddress address = target == null ? null : parseTarget(target);
        ServerConfig serverConfig = server.toConfig();
        List<ServerKind> kinds = impl == null ? List.of()
                : impl.equalsIgnoreCase("all") ? List.of(ServerKind.values()) : List.of(parseImpl(impl));
        if (!kinds.isEmpty()) {
            for (String note : ServerArgsCheck.check(kinds, serverConfig, loadOptions.jvmArgs())) err.println("bench: " + note);
            err.flush();
        }
        try {
            return address != null ? session.runTarget(address) : session.runModels(kinds, serverConfig, loadOptions.jvmArgs());
        } catch (IOException e) {
            err.println("bench: could not write the results under " + results + ": " + e);
            return 2;
        }
    }

    /** The load options, checked; throws IllegalArgumentException (exit 2) on settings that cannot be honoured. */
    LoadConfig loadConfig() {
        return loadOptions.toConfig(server.protocol(), clients, warmup, duration);
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

    /** What one invocation does with its runs: run them through the {@link ModelRunner}, print and compare the results. */
    private record RunSession(LoadConfig load, PrintWriter out, PrintWriter err, Path results, ModelRunner runner) {

        RunSession(LoadConfig load, PrintWriter out, PrintWriter err, Path results, Map<String, Object> environment,
                   Duration readyTimeout) {
            this(load, out, err, results, new ModelRunner(results, environment, readyTimeout, err, ModelRunner.Notes.CONFIG));
        }

        int runTarget(InetSocketAddress address) throws InterruptedException, IOException {
            report(runner.runTarget(address, load, ProgressDisplay.forConsole(err)));
            return 0;
        }

        int runModels(List<ServerKind> kinds, ServerConfig serverConfig, List<String> jvmArgs)
                throws InterruptedException, IOException {
            List<Path> dirs = new ArrayList<>();
            boolean allStarted = true;
            for (ServerKind kind : kinds) {
                try {
                    dirs.add(report(runner.run(kind, serverConfig, jvmArgs, load, ProgressDisplay.forConsole(err))));
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

    /** Parses {@code time|name|list|send|mix}. */
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
