package dev.loombench.cli;

import dev.loombench.machine.MachineFacts;
import dev.loombench.merge.ResultMerge;
import dev.loombench.report.ResultReader;
import dev.loombench.report.ResultWriter;
import dev.loombench.report.Summary;
import dev.loombench.report.TerminalSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bench merge DIR... --out DIR}: one result from the results of several load-client processes
 * that loaded one server together ({@code bench run --target ... --start-at ...} on one machine or
 * many): interval histograms added on absolute time, throughput, errors, fairness and first replies
 * combined ({@link ResultMerge}), written as a normal result directory (summary.json with
 * {@code config.mergedFrom}, a standard latency.hlog, timeseries.csv, clients.csv, charts).
 *
 * <p>Exit codes: 0 merged; 2 an input is not a readable result, the inputs cannot be merged (the
 * reason is printed: different target, model, protocol or load shape, measured phases that do not
 * overlap), or {@code --out} exists and is not empty.
 */
@Command(name = "merge", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Merge the results of several client processes into one result.",
                "The processes loaded one server together (bench run --target HOST:PORT --start-at TIME on each);"
                        + " their interval histograms are added on absolute time."})
public final class MergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "result directories, one per client process")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "the merged result directory (new, or empty)")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (Files.exists(out) && !isEmptyDirectory(out)) {
            err.println("bench merge: --out " + out + " exists and is not an empty directory");
            return 2;
        }
        List<ResultReader.Loaded> inputs = new ArrayList<>();
        for (Path dir : dirs) {
            try {
                inputs.add(ResultReader.read(dir));
            } catch (IOException e) {
                err.println("bench merge: cannot read " + dir + ": " + e.getMessage());
                return 2;
            }
        }
        ResultMerge.Merged merged;
        try {
            merged = ResultMerge.merge(inputs, null, MachineFacts.describe(spec.commandLine().getParseResult().originalArgs()),
                    Map.of());
        } catch (ResultMerge.Refused e) {
            err.println("bench merge: cannot merge: " + e.getMessage());
            return 2;
        }
        Files.createDirectories(out);
        ResultWriter.writeInto(merged.result(), out, merged.noise());
        merged.notes().forEach(note -> err.println("bench merge: note: " + note));
        err.flush();
        stdout.print(TerminalSummary.format(Summary.read(out), out));
        stdout.println("merged from " + inputs.size() + " results: " + String.join(", ", dirs.stream().map(Path::toString).toList()));
        stdout.flush();
        return 0;
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
