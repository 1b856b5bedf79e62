package dev.loombench.cli;

import dev.loombench.check.JmhComparison;
import dev.loombench.check.JmhComparison.Row;
import dev.loombench.check.JmhComparison.Verdict;
import dev.loombench.report.TextTable;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench check}: the CI regression gate. Exit codes: 0 pass, 1 regression, 2 could not run.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = "CI regression gate: compare JMH results (--jmh OLD NEW). Exit 0 pass, 1 regression, 2 could not run.")
public final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--jmh", arity = "2", paramLabel = "FILE",
            description = "compare two JMH JSON result files (OLD NEW) score by score, taking error bars into account")
    List<Path> jmhFiles;

    @Option(names = "--tolerance", paramLabel = "FRACTION",
            description = "a change worse than this fraction is a regression, e.g. 0.25 = 25%% (default: ${DEFAULT-VALUE})")
    double tolerance = 0.25;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (tolerance <= 0 || tolerance >= 10) {
            err.println("bench check: --tolerance must be a fraction above 0, e.g. 0.25");
            return 2;
        }
        if (jmhFiles != null) return checkJmh(out, err);
        err.println("bench check: nothing to check; use --jmh OLD.json NEW.json");
        return 2;
    }

    private int checkJmh(PrintWriter out, PrintWriter err) throws Exception {
        for (Path file : jmhFiles) {
            if (!Files.isRegularFile(file)) {
                err.println("bench check: no such file: " + file);
                return 2;
            }
        }
        List<Row> rows = JmhComparison.compare(jmhFiles.get(0), jmhFiles.get(1), tolerance);
        TextTable table = new TextTable("benchmark", "unit", "baseline", "now", "change", "verdict");
        for (Row row : rows) {
            table.row(row.key(), row.unit(), score(row.before()), score(row.after()),
                    Double.isNaN(row.change()) ? "-" : String.format(Locale.ROOT, "%+.1f%%", 100 * row.change()),
                    row.verdict().name().toLowerCase(Locale.ROOT));
        }
        out.print(table);
        long failed = rows.stream().filter(r -> r.verdict() == Verdict.REGRESSED || r.verdict() == Verdict.MISSING).count();
        out.printf(Locale.ROOT, "%d benchmarks compared, tolerance %.0f%% beyond the error bars: %s%n", rows.size(),
                100 * tolerance, failed == 0 ? "PASS" : failed + " regressed or missing - FAIL");
        return failed == 0 ? 0 : 1;
    }

    private static String score(JmhComparison.Score s) {
        if (s == null) return "-";
        return Double.isNaN(s.error())
                ? String.format(Locale.ROOT, "%.3f", s.score())
                : String.format(Locale.ROOT, "%.3f ± %.3f", s.score(), s.error());
    }
}
