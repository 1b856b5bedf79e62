package dev.loombench.cli;

import dev.loombench.client.LoadConfig;
import dev.loombench.knee.KneeReport;
import dev.loombench.knee.KneeResult;
import dev.loombench.knee.KneeRunner;
import dev.loombench.knee.KneeSearch;
import dev.loombench.knee.ModelKnee;
import dev.loombench.knee.Objective;
import dev.loombench.machine.MachineFacts;
import dev.loombench.report.Human;
import dev.loombench.report.ResultWriter;
import dev.loombench.run.ModelRunner;
import dev.loombench.run.Pinning;
import dev.loombench.serve.DurationConverter;
import dev.loombench.serve.Durations;
import dev.loombench.serve.ServerOptions;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code bench knee}: the highest open-loop rate each model sustains within a latency objective
 * ({@link KneeSearch}: exponential ramp, then bisection; each step short open-loop runs, {@link KneeRunner}),
 * charted as latency against offered rate. Writes {@code knee.json}, the charts, a README and every
 * run's data files under {@code steps/}.
 *
 * <p>Exit codes: 0 every search ran to its end; 2 bad usage, or a search was stopped (a server did not
 * start or died: the other models are still searched and the report says which).
 */
@Command(name = "knee", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Find the highest open-loop rate each model sustains (its knee).",
                "Sustained: verified rate >= 99%% of offered, p99 from the intended send time within --slo-p99, errors"
                        + " within --max-error-rate. Ramps the rate up by doubling, then bisects to --resolution; each step"
                        + " short open-loop runs on one warm server (or --fresh ones). Writes knee.json, latency-vs-rate"
                        + " charts, a README and each run's data under steps/."})
public final class KneeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--impl", paramLabel = "MODELS", converter = ModelsConverter.class,
            description = "server models, searched in turn: single, thread, pool, virtual, nio, netty, async; several (comma-separated) or all")
    ModelsConverter.Models impls;

    @Option(names = "--target", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "search the knee of a server that is already running instead; IPv6 as [::1]:PORT")
    InetSocketAddress target;

    @Option(names = "--slo-p99", paramLabel = "DUR", converter = DurationConverter.class, defaultValue = "10ms",
            description = "p99 latency objective, from the intended send time (default: ${DEFAULT-VALUE})")
    Duration sloP99;

    @Option(names = "--max-error-rate", paramLabel = "R", defaultValue = "0",
            description = "largest share of failed requests, e.g. 0.001 (default: ${DEFAULT-VALUE})")
    double maxErrorRate;

    @Option(names = "--resolution", paramLabel = "PCT", converter = ShareConverter.class, defaultValue = "5%",
            description = "stop when the highest passing and lowest failing rate are this close (default: ${DEFAULT-VALUE})")
    double resolution;

    @Option(names = "--fresh", description = "a fresh server for every run, instead of one warm server per model")
    boolean fresh;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1", description = "runs per step; a step is judged on their medians (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--retries", paramLabel = "R", defaultValue = "1",
            description = "make a run the noise guard marks noisy again, up to R times: one misjudged step misleads the bisection (default: ${DEFAULT-VALUE})")
    int retries;

    @Option(names = "--start-rate", paramLabel = "REQ/S", defaultValue = "1000", description = "the first rate tried (default: ${DEFAULT-VALUE})")
    double startRate;

    @Option(names = "--min-rate", paramLabel = "REQ/S", defaultValue = "10", description = "the lowest rate tried if the first fails (default: ${DEFAULT-VALUE})")
    double minRate;

    @Option(names = "--max-rate", paramLabel = "REQ/S", defaultValue = "1000000", description = "the highest rate tried (default: ${DEFAULT-VALUE})")
    double maxRate;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "30", description = "at most this many steps per model (default: ${DEFAULT-VALUE})")
    int maxSteps;

    @Option(names = "--settle", paramLabel = "DUR", converter = DurationConverter.class, defaultValue = "1s",
            description = "pause before each run on a warm server, to let it drain the previous one (default: ${DEFAULT-VALUE})")
    Duration settle;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "10", description = "client connections; the rate is spread over them (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--warmup", paramLabel = "DUR", converter = DurationConverter.class, defaultValue = "1s",
            description = "warm-up of each run (default: ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--duration", paramLabel = "DUR", converter = DurationConverter.class, defaultValue = "5s",
            description = "measured phase of each run (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--out", paramLabel = "DIR", description = "the knee directory, new or empty (default: results/runs/<yyyyMMdd-HHmmss>-knee-<models>-<protocol>/)")
    Path out;

    @Mixin
    LoadOptions loadOptions;

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((impls == null) == (target == null)) throw new CommandLine.ParameterException(spec.commandLine(), "give either --impl MODELS or --target HOST:PORT");
        if (loadOptions.rate != 0) throw new IllegalArgumentException("--rate is set by each step; use --start-rate, --min-rate and --max-rate");
        List<ServerKind> kinds = impls == null ? List.of() : impls.kinds();
        InetSocketAddress address = target == null ? null : RunCommand.resolved(spec.commandLine(), target);
        LoadConfig load = loadOptions.toConfig(server.protocol(), server.transport(), clients, warmup, duration);
        load.withRate(minRate); // every rate of the search must be one a run can honour
        load.withRate(maxRate);
        KneeRunner.Settings settings = new KneeRunner.Settings(new KneeSearch.Plan(startRate, minRate, maxRate, resolution, maxSteps),
                new Objective(sloP99, maxErrorRate), repeat, retries, fresh, settle);
        ServerConfig serverConfig = server.toConfig();
        if (!kinds.isEmpty()) {
            for (String note : ServerArgsCheck.check(kinds, serverConfig, loadOptions.jvmArgs())) err.println("bench knee: " + note);
            kinds = ServerArgsCheck.servable(kinds, serverConfig);
        }
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        Map<String, Object> environment = MachineFacts.describe(args);
        String what = impls == null ? "target" : kinds.size() == ServerKind.values().length ? "all" : String.join("-", kinds.stream().map(ServerKind::cliName).toList());
        Path dir = directory(what);
        Pinning pinning = loadOptions.pinning(address == null);
        ModelRunner runner = new ModelRunner(dir, environment, loadOptions.readyTimeout(), err, ModelRunner.Notes.QUIET).withPinning(pinning);
        KneeRunner knees = new KneeRunner(runner, settings, dir, err);
        err.printf(Locale.ROOT, "bench knee: %s; objective p99 <= %s, verified >= %.0f%% of offered, errors <= %s; each step %d x (%s warm-up"
                        + " + %s measured) with %d clients; %s; writing %s/%n", what, Human.latency(sloP99.toNanos()),
                100 * Objective.MIN_ACHIEVED, maxErrorRate, repeat, Durations.format(warmup), Durations.format(duration), clients,
                pinning.describe(), dir);
        err.println("bench knee: machine: " + runner.machineState().describe());
        err.flush();
        Map<String, String> machine = MachineFacts.commands(); // before the client pins itself: nproc tells the machine's CPUs
        long start = System.nanoTime();
        List<ModelKnee> models = new ArrayList<>();
        if (address != null) models.add(knees.findTarget(address, load));
        for (ServerKind kind : kinds) models.add(knees.find(kind, serverConfig, loadOptions.jvmArgs(), load));
        double wall = Math.round((System.nanoTime() - start) / 1e8) / 10.0;
        KneeResult result = KneeReport.write(new KneeResult(KneeResult.SCHEMA, Instant.now().toString(), commandLine(args),
                server.protocol().cliName(), settings.objective(), settings.plan(), repeat, fresh,
                Durations.format(settle), load, address == null ? serverConfig : null, ModelRunner.cpusOf(pinning), environment, wall, models, Map.of()),
                dir, machine);
        stdout.print(KneeReport.table(result));
        stdout.println("knee search written to " + dir + "/: " + String.join(", ", result.files().values()));
        stdout.flush();
        return models.stream().anyMatch(m -> m.stop().startsWith("stopped")) ? 2 : 0;
    }

    private Path directory(String what) throws IOException {
        if (out == null) {
            return ResultWriter.createUnique(Path.of("results", "runs"), ResultWriter.stamp(Instant.now()) + "-knee-" + what
                    + "-" + server.protocol().cliName());
        }
        if (Files.exists(out)) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) throw new IllegalArgumentException("--out " + out + " exists and is not empty");
            }
        }
        return Files.createDirectories(out);
    }

    /** The command as typed ({@code bench knee ...}), arguments with spaces quoted. */
    private static String commandLine(List<String> args) {
        StringBuilder b = new StringBuilder("bench");
        if (args.isEmpty() || !args.get(0).equals("knee")) b.append(" knee");
        for (String a : args) b.append(' ').append(a.isEmpty() || a.contains(" ") ? "'" + a + "'" : a);
        return b.toString();
    }

    /** Parses a share: {@code 5%} or {@code 0.05}. */
    public static final class ShareConverter implements CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                double share = value.endsWith("%") ? Double.parseDouble(value.substring(0, value.length() - 1)) / 100 : Double.parseDouble(value);
                if (share > 0 && share < 1) return share;
            } catch (NumberFormatException ignored) {
                // the message below
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a share between 0 and 100%: use e.g. 5% or 0.05");
        }
    }
}
