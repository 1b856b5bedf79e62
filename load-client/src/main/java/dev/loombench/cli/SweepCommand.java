package dev.loombench.cli;

import dev.loombench.client.ChildServer.ChildServerException;
import dev.loombench.client.Environment;
import dev.loombench.client.LoadConfig;
import dev.loombench.report.Human;
import dev.loombench.report.ProgressDisplay;
import dev.loombench.report.ResultWriter;
import dev.loombench.report.Summary;
import dev.loombench.report.Sweep;
import dev.loombench.report.Sweep.Cell;
import dev.loombench.report.SweepCharts;
import dev.loombench.report.SweepReport;
import dev.loombench.run.MachineFacts;
import dev.loombench.run.ModelRunner;
import dev.loombench.serve.DurationConverter;
import dev.loombench.serve.ServerOptions;
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
        description = {"Run a grid of models x client counts (each cell a normal run, kept under <out>/cells/) and chart"
                + " throughput, p99, failures, clients served, server threads and RSS against client count; writes"
                + " sweep.json, the charts and a README, and prints a table.",
                "A default sweep is 7 models x 5 client counts = 35 cells x (2 s warm-up + 5 s measured + about 3 s"
                + " to start and stop the server and write the cell) = about 6 minutes on 2 cores."})
public final class SweepCommand implements Callable<Integer> {

    /** Seconds a cell costs besides its warm-up and measured phase: server start and stop, result files. */
    static final double OVERHEAD_SECONDS = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--impl", paramLabel = "MODELS", split = ",", defaultValue = "all",
            description = "models, comma-separated, or all (default: all = single,thread,pool,virtual,nio,netty,async)")
    List<String> impls;

    @Option(names = "--clients", paramLabel = "N,N,...", split = ",", defaultValue = "1,10,100,500,1000",
            description = "client counts (default: ${DEFAULT-VALUE})")
    List<Integer> clients;

    @Option(names = "--warmup", paramLabel = "DUR", converter = DurationConverter.class, defaultValue = "2s",
            description = "warm-up of each cell (default: ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--duration", paramLabel = "DUR", converter = DurationConverter.class, defaultValue = "5s",
            description = "measured phase of each cell (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--out", paramLabel = "DIR",
            description = "the sweep directory (default: results/runs/<yyyyMMdd-HHmmss>-sweep-<protocol>/)")
    Path out;

    @Mixin
    LoadOptions loadOptions;

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ServerKind> kinds = kinds();
        List<Integer> counts = clients.stream().distinct().sorted().toList();
        ServerConfig serverConfig = server.toConfig();
        for (String note : ServerArgsCheck.check(kinds, serverConfig, loadOptions.jvmArgs())) err.println("bench sweep: " + note);
        Map<Integer, LoadConfig> loads = new LinkedHashMap<>(); // every cell checked before the first one runs
        for (int n : counts) loads.put(n, loadOptions.toConfig(server.protocol(), n, warmup, duration));
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        Path dir = out != null ? out : ResultWriter.createUnique(Path.of("results", "runs"),
                ResultWriter.stamp(Instant.now()) + "-sweep-" + server.protocol().cliName());
        ModelRunner runner = new ModelRunner(dir.resolve("cells"), Environment.describe(args),
                loadOptions.readyTimeout(), err, ModelRunner.Notes.QUIET);

        int total = kinds.size() * counts.size();
        double perCell = warmup.toMillis() / 1e3 + duration.toMillis() / 1e3 + OVERHEAD_SECONDS;
        err.printf(Locale.ROOT, "bench sweep: %d cells (%d models x %d client counts), each about %.0f s (%s warm-up +"
                        + " %s measured + ~%.0f s start/stop): about %s in all; writing %s/%n", total, kinds.size(),
                counts.size(), perCell, Human.seconds(warmup), Human.seconds(duration), OVERHEAD_SECONDS,
                Human.minutes(total * perCell), dir);
        err.flush();

        long start = System.nanoTime();
        List<Cell> cells = new ArrayList<>();
        for (int n : counts) {
            for (ServerKind kind : kinds) {
                cells.add(runCell(runner, dir, kind, serverConfig, loads.get(n), cells.size() + 1, total, start, err));
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        Sweep sweep = new Sweep(Sweep.SCHEMA, Instant.now().toString(), commandLine(args), server.protocol().cliName(),
                kinds.stream().map(ServerKind::cliName).toList(), counts, loads.get(counts.get(0)), serverConfig,
                Environment.describe(args), Math.round(wall * 10) / 10.0, cells, files());
        SweepReport.write(sweep, dir, MachineFacts.collect());
        stdout.print(SweepReport.table(sweep));
        stdout.printf(Locale.ROOT, "sweep of %d cells in %s written to %s/: %s, %s, %s%n", total, Human.minutes(wall), dir,
                Sweep.FILE, SweepReport.README, String.join(", ", SweepCharts.FILES.values()));
        stdout.flush();
        return cells.stream().allMatch(Cell::ran) ? 0 : 2;
    }

    /** Runs one cell and prints its line: what runs, then what it measured (or why it could not run). */
    private Cell runCell(ModelRunner runner, Path dir, ServerKind kind, ServerConfig serverConfig, LoadConfig load,
                                int index, int total, long sweepStart, PrintWriter err) throws Exception {
        String name = String.format(Locale.ROOT, "[%d/%d] %-7s %5d clients", index, total, kind.cliName(), load.clients());
        err.println(name + " ...");
        err.flush();
        long start = System.nanoTime();
        Cell cell;
        try {
            ModelRunner.Outcome o = runner.run(kind, serverConfig, loadOptions.jvmArgs(), load, ProgressDisplay.barOnTerminal(err));
            cell = Cell.of(Summary.of(o.result()), dir.relativize(o.dir()).toString());
            err.printf(Locale.ROOT, "%s: %s req/s, p99 %s, %s failures, served %d/%d, %s threads, RSS %s (%.0f s; %s elapsed)%n",
                    name, Human.count(cell.requestsPerSecond()), Human.latencyUs(cell.p99Us()), Human.count(cell.errors()),
                    cell.served(), cell.clients(), cell.peakOsThreads() == null ? "-" : cell.peakOsThreads(),
                    cell.peakRssBytes() == null ? "-" : Human.bytes(cell.peakRssBytes()), (System.nanoTime() - start) / 1e9,
                    Human.minutes((System.nanoTime() - sweepStart) / 1e9));
        } catch (ChildServerException e) {
            cell = Cell.failed(kind.cliName(), load.clients(), e.getMessage().lines().findFirst().orElse("server did not start"));
            err.println(name + ": NOT RUN - " + e.getMessage());
        }
        err.flush();
        return cell;
    }

    private List<ServerKind> kinds() {
        if (impls.size() == 1 && impls.get(0).equalsIgnoreCase("all")) return List.of(ServerKind.values());
        List<ServerKind> kinds = new ArrayList<>();
        for (String name : impls) {
            try {
                ServerKind kind = ServerKind.fromCliName(name.trim());
                if (!kinds.contains(kind)) kinds.add(kind);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage() + ", or all");
            }
        }
        return kinds;
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
        SweepCharts.FILES.forEach((role, file) -> files.put(role + "Chart", file));
        return files;
    }
}
