package dev.loombench.cli;

import dev.loombench.report.ComparisonWriter;
import dev.loombench.report.HtmlReport;
import dev.loombench.report.RepeatSet;
import dev.loombench.report.ResultWriter;
import dev.loombench.report.Summary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bench compare DIR... [--out DIR]}: puts result directories side by side. A directory is a
 * run's result directory or a {@code --repeat} set (its groups of repetitions, each with spread).
 * Prints a table (where two groups' intervals overlap: "~", no clear difference) and writes
 * comparison.json, overlaid latency curves, bar charts of throughput and failures, and index.html.
 * Exit codes: 0 written, 2 a directory is not a result directory (nothing written).
 */
@Command(name = "compare", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Compare result directories: a table and overlaid charts.",
                "Prints the table and writes comparison.json and overlaid latency, throughput and error charts."})
public final class CompareCommand implements Callable<Integer> {

    static final Path DEFAULT_ROOT = Path.of("results", "runs");

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "result directories (each holding a summary.json),"
            + " or --repeat set directories (holding a repeats.json: compared as groups with spread)")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "DIR",
            description = "where to write the comparison (default: results/runs/<yyyyMMdd-HHmmss>-compare/)")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (Path dir : dirs) {
            if (RepeatSet.isSet(dir)) {
                try {
                    RepeatSet.read(dir);
                } catch (IOException e) {
                    err.println("bench compare: cannot read " + dir.resolve(RepeatSet.FILE) + ": " + e.getMessage());
                    err.flush();
                    return 2;
                }
                continue;
            }
            if (!Files.isRegularFile(dir.resolve(Summary.FILE))) {
                err.println("bench compare: " + dir + " is not a result directory: "
                        + (Files.isDirectory(dir) ? "it has no " + Summary.FILE + " (nor " + RepeatSet.FILE + ")" : "no such directory"));
                err.flush();
                return 2;
            }
            try {
                Summary.read(dir);
            } catch (IOException e) {
                err.println("bench compare: cannot read " + dir.resolve(Summary.FILE) + ": " + e.getMessage());
                err.flush();
                return 2;
            }
        }
        Path target = out != null ? out : ComparisonWriter.newDirectory(DEFAULT_ROOT);
        ComparisonWriter.write(dirs, target);
        stdout.print(ComparisonWriter.table(dirs));
        stdout.println();
        stdout.println("comparison written to " + target + "/: " + String.join(", ", ComparisonWriter.FILE,
                ResultWriter.LATENCY_PNG, ResultWriter.THROUGHPUT_PNG, ComparisonWriter.ERRORS_PNG, HtmlReport.FILE));
        stdout.flush();
        return 0;
    }
}
