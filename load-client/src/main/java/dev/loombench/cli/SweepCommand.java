package dev.loombench.cli;

import dev.loombench.client.ChildServer.ChildServerException;
import dev.loombench.client.LoadConfig;
import dev.loombench.machine.MachineFacts;
import dev.loombench.report.HtmlReport;
import dev.loombench.report.Human;
import dev.loombench.report.RepeatSet;
import dev.loombench.report.ProgressDisplay;
import dev.loombench.report.ResultWriter;
import dev.loombench.report.Summary;
import dev.loombench.report.Sweep;
import dev.loombench.report.Sweep.Cell;
import dev.loombench.report.SweepCharts;
import dev.loombench.report.SweepReport;
import dev.loombench.run.ModelRunner;
import dev.loombench.serve.DurationConverter;
import dev.loombench.serve.ServerOptions;
import dev.loombench.run.Repetitions;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench sweep}: runs a grid of models × client counts, each cell a normal run through the
 * {@link ModelRunner} (its result directory kept under {@code <out>/cells/}), then writes
 * {@code sweep.json}, one chart per key figure against client count and a README, and prints a
 * table. Cells run client count by client count, every model in turn, so that machine noise that
 * comes and goes hits the models alike.
 *
 * <p>Exit codes: 0 every cell ran; 2 bad usage, or a cell could not be run (its server did not
 * start: the sweep goes on and the cell is marked in the table and the JSON).
 */
@Command(name = "sweep", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Run a grid of models x client counts and chart the results.",
                "Each cell is a normal run, repeated, kept under <out>/cells/. Charts throughput, p99, failures, clients"
                + " served, server threads, RSS and CPU per request against client count, with the spread of the"
                + " repetitions; writes sweep.json, the charts, a README and index.html, and prints a table.",
                "A default sweep is 7 models x 5 client counts = 35 cells x 3 repetitions x (2 s warm-up + 5 s measured"
                + " + about 3 s to start and stop the server and write the cell) = about 18 minutes on 2 cores;"
                + " --repeat 1 about 6."})
public final class SweepCommand implements Callable<Integer> {

    /** Seconds a cell costs besides its warm-up and measured phase: server start and stop, result files. */
    static final double OVERHEAD_SECONDS = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--impl", paramLabel = "MODELS", converter = ModelsConverter.class, defaultValue = "all",
            description = "models, comma-separated, or all (default: all = single,thread,pool,virtual,nio,netty,async)")
    ModelsConverter.Models impls;

    @Option(names = "--clients", paramLabel = "N,N,...", split = ",", defaultValue = "1,10,100,500,1000",
            description = "client counts (default: ${DEFAULT-VALUE})")
    List<Integer> clients;

    @Option(names = "--warmup", paramLabel = "DUR", converter = DurationConverter.class, defaultValue = "2s",
            description = "warm-up of each cell (default: ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--duration", paramLabel = "DUR", converter = DurationConverter.class, defaultValue = "5s",
            description = "measured phase of each cell (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3",
            description = "repetitions of every cell, round by round over the whole grid; figures are medians with"
                    + " min-max (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--retries", paramLabel = "R", defaultValue = "2",
            description = "make a repetition the noise guard marks noisy again, up to R times (default: ${DEFAULT-VALUE})")
    int retries;

    @Option(names = "--out", paramLabel = "DIR",
            description = "the sweep directory (default: results/runs/<yyyyMMdd-HHmmss>-sweep-<protocol>/)")
    Path out;

    @Mixin
    LoadOptions loadOptions;

    @Mixin
    ServerOptions server;

    /** One cell of the grid: a model at a client count. */
    record Arm(ServerKind kind, int clients) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-7s %5d clients", kind.cliName(), clients);
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (repeat < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--repeat must be at least 1, not " + repeat);
        if (retries < 0) throw new CommandLine.ParameterException(spec.commandLine(), "--retries cannot be negative");
        List<ServerKind> kinds = impls.kinds();
        List<Integer> counts = clients.stream().distinct().sorted().toList();
        ServerConfig serverConfig = server.toConfig();
        for (String note : ServerArgsCheck.check(kinds, serverConfig, loadOptions.jvmArgs())) err.println("bench sweep: " + note);
        kinds = ServerArgsCheck.servable(kinds, serverConfig);
        Map<Integer, LoadConfig> loads = new LinkedHashMap<>(); // every cell checked before the first one runs
        for (int n : counts) loads.put(n, loadOptions.toConfig(server.protocol(), server.transport(), n, warmup, duration));
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        Path dir = out != null ? out : ResultWriter.createUnique(Path.of("results", "runs"),
                ResultWriter.stamp(Instant.now()) + "-sweep-" + server.protocol().cliName());
        ModelRunner runner = new ModelRunner(dir.resolve("cells"), MachineFacts.describe(args),
                loadOptions.readyTimeout(), err, ModelRunner.Notes.QUIET).withPinning(loadOptions.pinning(true));

        List<Arm> arms = new ArrayList<>();
        for (int n : counts) for (ServerKind kind : kinds) arms.add(new Arm(kind, n));
        int total = arms.size();
        double perCell = warmup.toMillis() / 1e3 + duration.toMillis() / 1e3 + OVERHEAD_SECONDS;
        err.printf(Locale.ROOT, "bench sweep: %d cells (%d models x %d client counts) x %d repetitions, each about %.0f s"
                        + " (%s warm-up + %s measured + ~%.0f s start/stop): about %s in all, more if noisy runs are made"
                        + " again; writing %s/%n", total, kinds.size(), counts.size(), repeat, perCell, Human.seconds(warmup),
                Human.seconds(duration), OVERHEAD_SECONDS, Human.minutes(total * repeat * perCell), dir);
        err.println("bench sweep: machine: " + runner.machineState().describe() + "; " + runner.pinning().describe());
        err.flush();

        long start = System.nanoTime();
        Map<Arm, List<Repetitions.Repetition>> reps = Repetitions.run(arms, repeat, retries,
                (arm, round) -> runner.run(arm.kind(), serverConfig, loadOptions.jvmArgs(), loads.get(arm.clients()),
                        ProgressDisplay.barOnTerminal(err)),
                new RepetitionLines<>(err, total, repeat));
        List<Cell> cells = new ArrayList<>();
        for (Arm arm : arms) cells.add(cell(arm, reps.get(arm), dir));
        double wall = (System.nanoTime() - start) / 1e9;
        Sweep sweep = new Sweep(Sweep.SCHEMA, Instant.now().toString(), commandLine(args), server.protocol().cliName(),
                kinds.stream().map(ServerKind::cliName).toList(), counts, loads.get(counts.get(0)), serverConfig,
                MachineFacts.describe(args), Math.round(wall * 10) / 10.0, cells, files());
        SweepReport.write(sweep, dir, MachineFacts.commands());
        stdout.print(SweepReport.table(sweep));
        stdout.printf(Locale.ROOT, "sweep of %d cells x %d repetitions in %s written to %s/: %s, %s, %s, %s%n", total, repeat,
                Human.minutes(wall), dir, Sweep.FILE, SweepReport.README, HtmlReport.FILE,
                String.join(", ", SweepCharts.FILES.values()));
        stdout.flush();
        return cells.stream().allMatch(Cell::ran) ? 0 : 2;
    }

    /** A cell from its repetitions: medians with spread of those that ran, or why none could. */
    private static Cell cell(Arm arm, List<Repetitions.Repetition> reps, Path dir) {
        List<RepeatSet.Repetition> described = reps.stream().map(r -> Repetitions.describe(r, dir)).toList();
        List<Summary> summaries = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        for (int i = 0; i < reps.size(); i++) {
            if (!reps.get(i).ran()) continue;
            summaries.add(Summary.of(reps.get(i).outcome().result(), reps.get(i).outcome().noise()));
            dirs.add(described.get(i).dir());
        }
        if (summaries.isEmpty()) {
            String why = reps.stream().map(Repetitions.Repetition::failure).filter(java.util.Objects::nonNull).findFirst()
                    .orElse("server did not start");
            return Cell.failed(arm.kind().cliName(), arm.clients(), why, described);
        }
        return Cell.of(summaries, dirs, described);
    }

    /** The command as typed ({@code bench sweep ...}), arguments with spaces quoted. */
    static String commandLine(List<String> args) {
        StringBuilder b = new StringBuilder("bench");
        if (args.isEmpty() || !args.get(0).equals("sweep")) b.append(" sweep");
        for (String a : args) b.append(' ').append(a.isEmpty() || a.contains(" ") ? "'" + a + "'" : a);
        return b.toString();
    }

    private static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("readme", SweepReport.README);
        files.put("report", HtmlReport.FILE);
        SweepCharts.FILES.forEach((role, file) -> files.put(role + "Chart", file));
        return files;
    }
}
