package dev.loombench.cli;

import dev.loombench.check.Baseline;
import dev.loombench.check.JmhComparison;
import dev.loombench.check.ModelCaseRunner;
import dev.loombench.check.RegressionSuite;
import dev.loombench.check.SuiteResult;
import dev.loombench.check.Verdicts;
import dev.loombench.client.Environment;
import dev.loombench.report.ResultWriter;
import dev.loombench.report.TextTable;
import dev.loombench.run.ModelRunner;
import dev.loombench.serve.DurationConverter;
import dev.loombench.serve.Durations;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench check}: the CI regression gate. Runs the fixed {@link RegressionSuite} and compares
 * it with the committed baseline, or ({@code --jmh}) compares two JMH result files.
 * Exit codes: 0 pass, 1 regression, 2 could not run.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = "CI regression gate: run a short fixed suite (every model, echo and time) and compare it with"
                + " results/baseline.json, or compare two JMH result files (--jmh OLD NEW).",
        footer = {"", "Exit codes: 0 pass, 1 regression (performance or correctness), 2 could not run.",
                "Performance is compared as ratios to a reference echo server measured in the same round,",
                "medians over --rounds, so a slower or busier machine moves both sides together."})
public final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--baseline", paramLabel = "FILE", description = "baseline to compare with or --update (default: ${DEFAULT-VALUE})")
    Path baselineFile = Path.of("results", "baseline.json");

    @Option(names = "--update", description = "run the suite and rewrite the baseline (refused if the run was not clean)")
    boolean update;

    @Option(names = "--tolerance", paramLabel = "FRACTION",
            description = "throughput ratio may fall by at most this fraction (default: ${DEFAULT-VALUE} = 40%%)")
    double tolerance = 0.40;

    @Option(names = "--p99-tolerance", paramLabel = "FRACTION",
            description = "p99 ratio may rise by at most this fraction (default: ${DEFAULT-VALUE} = up to 5x; tails are noisy on 2 shared cores)")
    double p99Tolerance = 4.0;

    @Option(names = "--no-confirm", description = "fail on the first measurement; by default regressed cases are measured again and fail only if they regress again")
    boolean noConfirm;

    @Option(names = "--rounds", paramLabel = "N", description = "repetitions of the whole suite; medians are compared (default: ${DEFAULT-VALUE})")
    int rounds = 3;

    @Option(names = "--clients", paramLabel = "N", description = "closed-loop clients per case; single always gets 1 (default: ${DEFAULT-VALUE})")
    int clients = 8;

    @Option(names = "--warmup", paramLabel = "DUR", converter = DurationConverter.class, description = "per case (default: 1s)")
    Duration warmup = Duration.ofSeconds(1);

    @Option(names = "--duration", paramLabel = "DUR", converter = DurationConverter.class, description = "measured, per case (default: 2s)")
    Duration duration = Duration.ofSeconds(2);

    @Option(names = "--think", paramLabel = "DUR", converter = DurationConverter.class,
            description = "inject simulated work per request into every model server: a real slowdown, to see the gate fail (default: 0)")
    Duration think = Duration.ZERO;

    @Option(names = "--results", paramLabel = "DIR", description = "where the suite's run directories go (default: ${DEFAULT-VALUE})")
    Path results = Path.of("results", "runs");

    @Option(names = "--jmh", arity = "2", paramLabel = "FILE",
            description = "instead: compare two JMH JSON result files (OLD NEW) score by score, beyond their error bars")
    List<Path> jmhFiles;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (tolerance <= 0 || p99Tolerance <= 0) {
            err.println("bench check: tolerances must be fractions above 0, e.g. --tolerance 0.35");
            return 2;
        }
        if (jmhFiles != null) return checkJmh(out, err);
        if (rounds < 1 || clients < 1) {
            err.println("bench check: --rounds and --clients must be >= 1");
            return 2;
        }
        return checkSuite(out, err);
    }

    private int checkSuite(PrintWriter out, PrintWriter err) throws Exception {
        Baseline.Settings settings = new Baseline.Settings(clients, Durations.format(warmup), Durations.format(duration), rounds);
        Baseline baseline = null;
        if (!update) {
            if (!Files.isRegularFile(baselineFile)) {
                err.println("bench check: no baseline at " + baselineFile + "; make one with: ./bench check --update");
                return 2;
            }
            baseline = Baseline.read(baselineFile);
            if (!baseline.settings().equals(settings)) {
                err.println("bench check: the baseline was made with " + baseline.settings() + ", this run uses " + settings
                        + "; ratios only compare under the same settings (or --update)");
                return 2;
            }
        }
        List<String> command = commandLine();
        Path runs = ResultWriter.createUnique(results, ResultWriter.stamp(Instant.now()) + "-check");
        ModelRunner runner = new ModelRunner(runs, Environment.describe(command), Duration.ofSeconds(30), err, ModelRunner.Notes.QUIET);

        try (ModelCaseRunner cases = new ModelCaseRunner(runner, warmup, duration, think)) {
            RegressionSuite suite = new RegressionSuite(cases, rounds, clients, line -> {
                err.println("bench check: " + line);
                err.flush();
            });
            err.printf("bench check: %d rounds x %d cases, each right after a reference run, %s warm-up + %s each%s; runs in %s%n",
                    rounds, suite.cases().size(), Durations.format(warmup), Durations.format(duration),
                    think.isZero() ? "" : ", --think " + Durations.format(think) + " injected", runs);
            SuiteResult now = suite.run();
            if (update) return writeBaseline(out, err, now, settings, command);

            List<Verdicts.Row> rows = Verdicts.compare(baseline, now, tolerance, p99Tolerance);
            List<String> violations = new ArrayList<>(now.violations());
            Set<String> flagged = Verdicts.regressedCases(rows);
            if (!flagged.isEmpty() && !noConfirm) {
                // A noisy machine can push one metric past its tolerance once; a real slowdown does it again.
                err.println("bench check: " + String.join(", ", flagged) + " regressed; measuring them again to confirm");
                SuiteResult again = suite.run(suite.cases().stream().filter(c -> flagged.contains(c.key())).toList());
                rows = Verdicts.confirm(rows, baseline, again, tolerance, p99Tolerance);
                violations.addAll(again.violations());
            }
            return report(out, baseline, rows, violations);
        }
    }

    private int report(PrintWriter out, Baseline baseline, List<Verdicts.Row> rows, List<String> violations) {
        TextTable table = new TextTable("metric (ratio to reference)", "baseline", "now", "change", "verdict");
        for (Verdicts.Row row : rows) {
            table.row(row.metric(), ratio(row.baseline()), ratio(row.now()),
                    Double.isNaN(row.now()) ? "-" : String.format(Locale.ROOT, "%+.0f%%", 100 * row.change()),
                    row.verdict().name().toLowerCase(Locale.ROOT));
        }
        out.print(table);
        long regressed = rows.stream().filter(r -> r.verdict() == Verdicts.Verdict.REGRESSED || r.verdict() == Verdicts.Verdict.MISSING).count();
        violations.forEach(v -> out.println("correctness: " + v));
        boolean pass = regressed == 0 && violations.isEmpty();
        out.printf(Locale.ROOT, "%d metrics, %d regressed (tolerance: throughput -%.0f%%, p99 +%.0f%%), %d correctness violations: %s%n",
                rows.size(), regressed, 100 * tolerance, 100 * p99Tolerance, violations.size(), pass ? "PASS" : "FAIL");
        if (rows.stream().anyMatch(r -> r.verdict() == Verdicts.Verdict.UNCONFIRMED)) {
            out.println("unconfirmed: regressed in the first measurement only; 'now' shows the second, which passed");
        }
        out.println("baseline: " + baselineFile + " made " + baseline.createdAt() + " on " + baseline.machine().getOrDefault("cores", "?")
                + " cores, Java " + baseline.machine().getOrDefault("java", "?"));
        return pass ? 0 : 1;
    }

    private int writeBaseline(PrintWriter out, PrintWriter err, SuiteResult now, Baseline.Settings settings, List<String> command)
            throws java.io.IOException {
        if (!now.violations().isEmpty()) {
            now.violations().forEach(v -> err.println("correctness: " + v));
            err.println("bench check: the run was not clean; baseline NOT written");
            return 1;
        }
        if (!think.isZero()) {
            err.println("bench check: refusing to write a baseline with --think injected");
            return 2;
        }
        Baseline baseline = new Baseline(Baseline.VERSION, Instant.now().toString(), String.join(" ", command),
                Environment.describe(command), settings, now.figures());
        baseline.write(baselineFile);
        TextTable table = new TextTable("case", "throughput ratio", "p99 ratio", "req/s (median)", "p99 us (median)");
        now.figures().forEach((key, f) -> table.row(key, ratio(f.throughputRatio()), ratio(f.p99Ratio()),
                String.format(Locale.ROOT, "%,.0f", f.requestsPerSecond()), String.format(Locale.ROOT, "%,.0f", f.p99Micros())));
        out.print(table);
        out.println("baseline written to " + baselineFile);
        return 0;
    }

    private int checkJmh(PrintWriter out, PrintWriter err) throws Exception {
        for (Path file : jmhFiles) {
            if (!Files.isRegularFile(file)) {
                err.println("bench check: no such file: " + file);
                return 2;
            }
        }
        List<JmhComparison.Row> rows = JmhComparison.compare(jmhFiles.get(0), jmhFiles.get(1), tolerance);
        TextTable table = new TextTable("benchmark", "unit", "baseline", "now", "change", "verdict");
        for (JmhComparison.Row row : rows) {
            table.row(row.key(), row.unit(), score(row.before()), score(row.after()),
                    Double.isNaN(row.change()) ? "-" : String.format(Locale.ROOT, "%+.1f%%", 100 * row.change()),
                    row.verdict().name().toLowerCase(Locale.ROOT));
        }
        out.print(table);
        long failed = rows.stream().filter(r -> r.verdict() == JmhComparison.Verdict.REGRESSED
                || r.verdict() == JmhComparison.Verdict.MISSING).count();
        out.printf(Locale.ROOT, "%d benchmarks compared, tolerance %.0f%% beyond the error bars: %s%n", rows.size(),
                100 * tolerance, failed == 0 ? "PASS" : failed + " regressed or missing - FAIL");
        return failed == 0 ? 0 : 1;
    }

    private List<String> commandLine() {
        List<String> command = new ArrayList<>(List.of("bench")); // originalArgs starts with "check"
        command.addAll(spec.commandLine().getParseResult().originalArgs());
        return command;
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String score(JmhComparison.Score s) {
        if (s == null) return "-";
        return Double.isNaN(s.error())
                ? String.format(Locale.ROOT, "%.3f", s.score())
                : String.format(Locale.ROOT, "%.3f ± %.3f", s.score(), s.error());
    }
}
