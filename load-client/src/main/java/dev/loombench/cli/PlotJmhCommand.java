package dev.loombench.cli;

import dev.loombench.report.JmhCharts;
import dev.loombench.report.JmhResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bench plot-jmh FILE.json}: JMH's JSON result file as PNG bar charts with error bars. */
@Command(name = "plot-jmh", mixinStandardHelpOptions = true,
        description = {"Chart a JMH result file (-rf json): scores with error bars.",
                "One PNG per benchmark class, mode and unit; bars grouped by model."})
public final class PlotJmhCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE.json", description = "a JMH result file written with -rf json")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the charts (default: <FILE>-charts beside the file)")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        if (!Files.isRegularFile(file)) {
            spec.commandLine().getErr().println("bench plot-jmh: no such file: " + file);
            return 2;
        }
        Path dir = out != null ? out : file.resolveSibling(file.getFileName().toString().replaceFirst("\\.json$", "") + "-charts");
        List<Path> charts = JmhCharts.write(JmhResult.read(file), dir);
        stdout.println("wrote " + charts.size() + " charts to " + dir + ":");
        charts.forEach(c -> stdout.println("  " + c.getFileName()));
        return 0;
    }
}
