package dev.loombench.cli;

import dev.loombench.check.AbSuite;
import dev.loombench.check.BaseBuilds;
import dev.loombench.check.Baseline;
import dev.loombench.check.CaseResult;
import dev.loombench.check.CheckCase;
import dev.loombench.check.CheckException;
import dev.loombench.check.ChildSideRunner;
import dev.loombench.check.GateReport;
import dev.loombench.check.GateRule;
import dev.loombench.check.Injection;
import dev.loombench.check.JmhComparison;
import dev.loombench.check.ServerBuild;
import dev.loombench.report.Json;
import dev.loombench.run.CpuSet;
import dev.loombench.run.Pinning;
import dev.loombench.report.ResultWriter;
import dev.loombench.report.TextTable;
import dev.loombench.serve.DurationConverter;
import dev.loombench.machine.MachineFacts;
import dev.loombench.serve.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench check}: the CI regression gate. Builds a base commit in a worktree of its own and
 * compares its servers (A) with the current build's (B), pair by pair on pinned CPUs, with the
 * same load client ({@link AbSuite}, {@link GateReport}); or ({@code --jmh}) compares two JMH
 * result files. Exit codes: 0 pass, 1 regression (performance or correctness), 2 could not run.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"CI regression gate: this build's servers A/B against a base commit.",
                "A/B in interleaved pairs on pinned CPUs, each side started through its own build's bench serve;"
                        + " or compare two JMH result files (--jmh OLD NEW)."},
        footer = {"", "Exit codes: 0 pass, 1 regression (performance or correctness), 2 could not run.",
                "The base is built once per commit, in <repo>/target/bench-check/<commit> (a git",
                "worktree), and reused. Each side is started through its own build's 'bench serve';",
                "the load client is this build's. Per case and metric: the geometric mean of the",
                "pairs' ratios B/A with a t interval; a metric regresses when the estimate exceeds",
                "--threshold and the interval (Holm within its family) excludes 0 for server CPU",
                "per request, or clears --tolerance for throughput and p99.",
                "Settings not given here come from the baseline file (./bench check --update),",
                "else the defaults shown."})
public final class CheckCommand implements Callable<Integer> {

    /** The suite when neither the command line nor the baseline file says otherwise. */
    static final Baseline.Settings DEFAULTS = new Baseline.Settings(
            List.of("echo/nio", "time/virtual"), 8, 8, "1s", "2s", 0.6, 0.05, 0.08);

    /** The measured closed-loop phase of a run (throughput; it also warms the server up for the open loop). */
    static final Duration CLOSED = Duration.ofSeconds(1);
    /** Not measured: open-loop load before its measured phase, for the rate to settle after the closed loop. */
    static final Duration SETTLE = Duration.ofMillis(500);

    @Spec
    CommandSpec spec;

    @Option(names = "--base", paramLabel = "REF",
            description = "git ref to compare with, e.g. origin/main, HEAD~1, a tag or commit id (default: the commit recorded in the baseline file)")
    String base;

    @Option(names = "--update", description = "record the base (--base, else HEAD) and the suite settings in the baseline file; measures nothing")
    boolean update;

    @Option(names = "--baseline", paramLabel = "FILE", description = "the baseline file (default: <repo>/results/baseline.json)")
    Path baselineFile;

    @Option(names = "--cases", paramLabel = "LIST", split = ",",
            description = "protocol/model cases, e.g. echo/nio,time/pool, or all: every model under echo and time"
                    + " (default: echo/nio,time/virtual)")
    List<String> cases;

    @Option(names = "--pairs", paramLabel = "N", description = "A/B pairs per case, A B, B A, ... (default: 8)")
    Integer pairs;

    @Option(names = "--clients", paramLabel = "N", description = "client connections per case; single always gets 1 (default: 8)")
    Integer clients;

    @Option(names = "--warmup", paramLabel = "DUR", converter = DurationConverter.class,
            description = "closed-loop warm-up of each fresh server, before 1s of closed loop measured (default: 1s)")
    Duration warmup;

    @Option(names = "--duration", paramLabel = "DUR", converter = DurationConverter.class,
            description = "the measured open-loop phase of each run: server CPU per request, p99 (default: 2s)")
    Duration duration;

    @Option(names = "--rate-fraction", paramLabel = "F",
            description = "open-loop rate as a fraction of the base's closed-loop throughput in the case's first run (default: 0.6)")
    Double rateFraction;

    @Option(names = "--tolerance", paramLabel = "F", description = "throughput and p99: a regression's interval must clear this change (default: 0.05 = 5%%)")
    Double tolerance;

    @Option(names = "--threshold", paramLabel = "F", description = "a regression's estimate must exceed this change (default: 0.08 = 8%%)")
    Double threshold;

    @Option(names = "--inject-spin", paramLabel = "DUR|auto",
            description = "add --spin DUR (CPU-bound work per request) to the current side only, to see the gate catch it;"
                    + " auto: 10%% of the base's measured server CPU per request, per case")
    String injectSpin;

    @Option(names = "--think", paramLabel = "DUR", converter = DurationConverter.class,
            description = "add --think DUR (blocking work per request) to the current side only: a gross slowdown")
    Duration think = Duration.ZERO;

    @Option(names = "--server-cpus", paramLabel = "LIST", converter = LoadOptions.CpuListConverter.class,
            description = "CPUs of the servers, e.g. 1 or 2-3 (default: the upper half)")
    CpuSet serverCpus;

    @Option(names = "--client-cpus", paramLabel = "LIST", converter = LoadOptions.CpuListConverter.class,
            description = "CPUs of the load client (default: the lower half)")
    CpuSet clientCpus;

    @Option(names = "--no-pin", description = "run servers and client on any CPU (noisier)")
    boolean noPin;

    @Option(names = "--repeat", paramLabel = "N",
            description = "run the whole check N times (the base is built once) and sum up: how often it reported a regression,"
                    + " and each check's wall time; for measuring the gate itself (default: 1)")
    int repeat = 1;

    @Option(names = "--repo", paramLabel = "DIR", description = "the git checkout under test (default: the one holding the working directory)")
    Path repo = Path.of(".");

    @Option(names = "--results", paramLabel = "DIR", description = "where check.json (every run, every verdict) goes (default: <repo>/results/runs)")
    Path results;

    @Option(names = "--jmh", arity = "2", paramLabel = "FILE",
            description = "instead: compare two JMH JSON result files (OLD NEW) score by score, beyond their error bars")
    List<Path> jmhFiles;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (jmhFiles != null) return checkJmh(out, err);
            return check(out, err);
        } catch (CheckException e) {
            err.println("bench check: " + e.getMessage());
            return 2;
        }
    }

    private int check(PrintWriter out, PrintWriter err) throws Exception {
        long checkStart = System.nanoTime();
        if (repeat < 1) throw new IllegalArgumentException("--repeat must be >= 1, was " + repeat);
        Path root = BaseBuilds.repositoryRoot(repo);
        Path file = baselineFile != null ? baselineFile : root.resolve("results").resolve("baseline.json");
        Baseline recorded = null;
        if (Files.isRegularFile(file)) {
            try {
                recorded = Baseline.read(file);
            } catch (IOException e) {
                if (!update && base == null) throw new CheckException(e.getMessage());
                if (!update) note(err, "ignoring " + file + " (the suite's default settings apply): " + e.getMessage());
            }
        }
        Baseline.Settings settings = settings(recorded == null ? DEFAULTS : recorded.settings());
        List<CheckCase> checkCases = CheckCase.parseAll(settings.cases(), settings.clients());
        GateRule rule = new GateRule(settings.tolerance(), settings.threshold(), 0.95);
        Injection injection = injection();
        ChildSideRunner.Phases phases = new ChildSideRunner.Phases(Durations.parse(settings.warmup()), CLOSED, SETTLE,
                Durations.parse(settings.duration()));
        if (!phases.open().isPositive()) throw new IllegalArgumentException("--duration must be positive");
        BaseBuilds builds = new BaseBuilds(root, root.resolve("target").resolve("bench-check"), BaseBuilds.LAUNCHER, line -> note(err, line));
        if (update) return record(out, builds, file, settings, injection);

        String ref = base != null ? base : recorded != null ? recorded.base().commit() : null;
        if (ref == null) {
            throw new CheckException("no base to compare with: pass --base REF (e.g. --base origin/main) or record one with"
                    + " ./bench check --update (" + file + " does not exist)");
        }
        ServerBuild a = builds.prepare(ref);
        BaseBuilds.Commit head = builds.head();
        ServerBuild b = ServerBuild.checkout("current " + head.shortId() + (builds.workTreeChanged() ? "+changes" : ""),
                head.id(), root);
        Pinning pinning = pinning();
        try {
            if (pinning.client() != null) Pinning.pinSelf(pinning.client());
        } catch (IOException e) {
            throw new CheckException(e.getMessage() + " (or run with --no-pin)");
        }

        double plannedRun = phases.total().toMillis() / 1e3 + 1.5; // + server start and stop
        AbSuite suite = new AbSuite(new ChildSideRunner(phases, pinning, Duration.ofSeconds(60), MachineFacts.describe(commandLine())),
                a, b, settings.pairs(), settings.rateFraction(), injection, plannedRun, line -> note(err, line));
        note(err, "A = " + a.label() + ", B = " + b.label() + (injection.any() ? " with " + injection.describe() + " injected" : ""));
        note(err, String.format(Locale.ROOT, "%d case(s) x %d pairs, a fresh server per run (%s); %s; about %s",
                checkCases.size(), settings.pairs(), phases, pinning.describe(),
                minutes(checkCases.size() * settings.pairs() * 2 * plannedRun)));
        List<Integer> codes = new ArrayList<>();
        List<Double> walls = new ArrayList<>();
        for (int rep = 1; rep <= repeat; rep++) {
            if (repeat > 1) note(err, "check " + rep + " of " + repeat);
            long start = rep == 1 ? checkStart : System.nanoTime(); // the first check's time includes building the base
            List<CaseResult> measured = suite.run(checkCases);
            GateReport report = GateReport.of(measured, rule);
            out.print(report.table());
            report.footer().forEach(out::println);
            double seconds = (System.nanoTime() - start) / 1e9;
            Path json = writeResults(root, a, b, settings, injection, pinning, measured, report, seconds);
            out.printf(Locale.ROOT, "A = %s, B = %s; wall time %s%s; every run in %s%n", a.label(), b.label(), minutes(seconds),
                    rep == 1 && builds.builtLast() ? " (building the base included)" : "", json);
            out.flush();
            codes.add(report.exitCode());
            walls.add(seconds);
        }
        if (repeat > 1) {
            out.printf(Locale.ROOT, "%d checks: %d passed, %d reported a regression, %d could not run; wall times %s%n", repeat,
                    codes.stream().filter(c -> c == 0).count(), codes.stream().filter(c -> c == 1).count(),
                    codes.stream().filter(c -> c == 2).count(), String.join(", ", walls.stream().map(CheckCommand::minutes).toList()));
        }
        return codes.contains(2) ? 2 : codes.contains(1) ? 1 : 0;
    }

    private static String minutes(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    /** The settings: each option given on the command line, else the recorded (or default) one. */
    private Baseline.Settings settings(Baseline.Settings r) {
        Baseline.Settings s = new Baseline.Settings(
                cases != null ? cases.stream().map(String::trim).toList() : r.cases(),
                pairs != null ? pairs : r.pairs(),
                clients != null ? clients : r.clients(),
                warmup != null ? Durations.format(warmup) : r.warmup(),
                duration != null ? Durations.format(duration) : r.duration(),
                rateFraction != null ? rateFraction : r.rateFraction(),
                tolerance != null ? tolerance : r.tolerance(),
                threshold != null ? threshold : r.threshold());
        if (s.cases().isEmpty()) throw new IllegalArgumentException("--cases must name at least one case, e.g. echo/nio");
        if (s.pairs() < 2) throw new IllegalArgumentException("--pairs must be >= 2, was " + s.pairs());
        if (s.clients() < 1) throw new IllegalArgumentException("--clients must be >= 1, was " + s.clients());
        return s;
    }

    private Injection injection() {
        if (think.isNegative()) throw new IllegalArgumentException("--think must not be negative");
        if (injectSpin == null) return new Injection(think, Duration.ZERO, false);
        if (injectSpin.equalsIgnoreCase("auto")) return new Injection(think, Duration.ZERO, true);
        Duration spin = Durations.parse(injectSpin);
        if (spin.isZero()) throw new IllegalArgumentException("--inject-spin must be a positive duration or auto");
        return new Injection(think, spin, false);
    }

    private Pinning pinning() {
        if (noPin) {
            if (serverCpus != null || clientCpus != null) throw new IllegalArgumentException("--no-pin and --server-cpus/--client-cpus exclude each other");
            return Pinning.none("--no-pin");
        }
        return Pinning.forChildServer(Pinning.allowedCpus(), clientCpus, serverCpus);
    }

    private int record(PrintWriter out, BaseBuilds builds, Path file, Baseline.Settings settings, Injection injection)
            throws Exception {
        if (injection.any()) throw new IllegalArgumentException("--update records a base; --inject-spin and --think do not apply");
        BaseBuilds.Commit commit = builds.resolve(base != null ? base : "HEAD");
        Baseline baseline = new Baseline(Baseline.VERSION, Instant.now().toString(), String.join(" ", commandLine()),
                new Baseline.Base(commit.id(), commit.subject()), settings, MachineFacts.describe(commandLine()));
        baseline.write(file);
        out.println("recorded base " + commit.shortId() + " \"" + commit.subject() + "\" and the suite settings in " + file);
        out.println("commit that file: a plain './bench check' (as in CI) then compares with this commit");
        return 0;
    }

    private Path writeResults(Path root, ServerBuild a, ServerBuild b, Baseline.Settings settings, Injection injection,
                              Pinning pinning, List<CaseResult> measured, GateReport report, double seconds) throws IOException {
        Path dir = ResultWriter.createUnique(results != null ? results : root.resolve("results").resolve("runs"),
                ResultWriter.stamp(Instant.now()) + "-check");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", commandLine());
        json.put("base", Map.of("label", a.label(), "commit", a.commit()));
        json.put("current", Map.of("label", b.label(), "commit", b.commit()));
        json.put("settings", settings);
        json.put("injected", injection.describe());
        json.put("pinning", pinning);
        json.put("wallSeconds", seconds);
        json.put("exitCode", report.exitCode());
        json.put("cases", measured);
        json.put("verdicts", report.verdictsForJson());
        json.put("violations", report.violations());
        json.put("environment", MachineFacts.describe(commandLine()));
        Path file = dir.resolve("check.json");
        Json.PRETTY.writeValue(file.toFile(), json);
        return file;
    }

    private int checkJmh(PrintWriter out, PrintWriter err) throws Exception {
        double jmhTolerance = tolerance != null ? tolerance : DEFAULTS.tolerance();
        if (!(jmhTolerance > 0)) throw new IllegalArgumentException("--tolerance must be a fraction above 0, e.g. 0.05");
        for (Path file : jmhFiles) {
            if (!Files.isRegularFile(file)) {
                err.println("bench check: no such file: " + file);
                return 2;
            }
        }
        List<JmhComparison.Row> rows = JmhComparison.compare(jmhFiles.get(0), jmhFiles.get(1), jmhTolerance);
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
                100 * jmhTolerance, failed == 0 ? "PASS" : failed + " regressed or missing - FAIL");
        return failed == 0 ? 0 : 1;
    }

    private static void note(PrintWriter err, String line) {
        err.println("bench check: " + line);
        err.flush();
    }

    private List<String> commandLine() {
        List<String> command = new ArrayList<>(List.of("bench")); // originalArgs starts with "check"
        command.addAll(spec.commandLine().getParseResult().originalArgs());
        return command;
    }

    private static String score(JmhComparison.Score s) {
        if (s == null) return "-";
        return Double.isNaN(s.error())
                ? String.format(Locale.ROOT, "%.3f", s.score())
                : String.format(Locale.ROOT, "%.3f ± %.3f", s.score(), s.error());
    }
}
