package dev.loombench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.client.ChildServer.ChildServerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The measurement plan, with a scripted runner in place of real servers. */
class AbSuiteTest {

    private static final ServerBuild BASE = new ServerBuild("base", "aaa", List.of("base-bench", "serve"));
    private static final ServerBuild CURRENT = new ServerBuild("current", "bbb", List.of("bench", "serve"));
    private static final CheckCase NIO = CheckCase.parse("echo/nio", 8);
    private static final CheckCase POOL = CheckCase.parse("time/pool", 8);

    /** Records every call; A serves 10,000 req/s closed loop and costs 20 us of CPU per request. */
    private static final class ScriptedRunner implements SideRunner {
        final List<String> calls = new ArrayList<>();
        final List<Double> rates = new ArrayList<>();
        String failFor;

        @Override
        public RunMetrics run(ServerBuild build, CheckCase c, List<String> args, java.util.function.DoubleUnaryOperator rate)
                throws ChildServerException {
            calls.add(c.key() + " " + build.label() + (args.isEmpty() ? "" : " " + String.join(" ", args)));
            if ((build.label() + " " + c.key()).equals(failFor)) throw new ChildServerException("the server exited before it was ready\n  Unknown model");
            double capacity = build == BASE ? 10_000 : 9_000;
            rates.add(rate.applyAsDouble(capacity));
            return new RunMetrics(capacity, rates.get(rates.size() - 1), 20_000, 100_000, 1, List.of());
        }
    }

    @Test
    void pairsAlternateABThenBAWithOneRateFromTheBasesFirstRun() throws Exception {
        ScriptedRunner runner = new ScriptedRunner();
        List<String> progress = new ArrayList<>();

        List<CaseResult> results = new AbSuite(runner, BASE, CURRENT, 4, 0.6, Injection.none(), 5, progress::add).run(List.of(NIO));

        assertEquals(List.of("echo/nio base", "echo/nio current", "echo/nio current", "echo/nio base",
                "echo/nio base", "echo/nio current", "echo/nio current", "echo/nio base"), runner.calls);
        runner.rates.forEach(r -> assertEquals(6_000, r, 1e-9)); // 0.6 x the base's first closed-loop throughput, for both sides
        assertEquals(4, results.get(0).pairs());
        assertEquals(8, progress.size());
        assertTrue(progress.get(0).contains("echo/nio") && progress.get(0).contains("pair 1/4") && progress.get(0).contains("left"), progress.get(0));
    }

    @Test
    void autoSpinIsTenPercentOfTheBasesCpuPerRequestAndOnlyForTheCurrentSide() throws Exception {
        ScriptedRunner runner = new ScriptedRunner();

        List<String> progress = new ArrayList<>();

        List<CaseResult> results = new AbSuite(runner, BASE, CURRENT, 2, 0.6, new Injection(Duration.ZERO, Duration.ZERO, true), 5,
                progress::add).run(List.of(NIO));

        assertEquals(List.of("echo/nio base", "echo/nio current --spin 2us", "echo/nio current --spin 2us", "echo/nio base"), runner.calls);
        assertEquals(Duration.ofNanos(2_000), results.get(0).spin());
        assertTrue(progress.contains("echo/nio: B gets --spin 2us, 10 % of A's 20.0us of server CPU per request"), progress.toString());
    }

    @Test
    void thinkIsInjectedIntoTheCurrentSideOnly() throws Exception {
        ScriptedRunner runner = new ScriptedRunner();

        new AbSuite(runner, BASE, CURRENT, 2, 0.6, new Injection(Duration.ofMillis(2), Duration.ZERO, false), 5, s -> {}).run(List.of(NIO));

        assertEquals(List.of("echo/nio base", "echo/nio current --think 2ms", "echo/nio current --think 2ms", "echo/nio base"), runner.calls);
    }

    @Test
    void aCaseTheBaseCannotServeIsSkippedAndTheRestRun() throws Exception {
        ScriptedRunner runner = new ScriptedRunner();
        runner.failFor = "base echo/nio";

        List<CaseResult> results = new AbSuite(runner, BASE, CURRENT, 2, 0.6, Injection.none(), 5, s -> {}).run(List.of(NIO, POOL));

        assertEquals("the base cannot serve it: the server exited before it was ready ... Unknown model", results.get(0).skipped());
        assertTrue(results.get(0).failures().isEmpty());
        assertEquals(2, results.get(1).pairs());
        assertEquals(1 + 4, runner.calls.size());
    }

    @Test
    void aCurrentServerThatDoesNotStartIsAFailure() throws Exception {
        ScriptedRunner runner = new ScriptedRunner();
        runner.failFor = "current echo/nio";

        List<CaseResult> results = new AbSuite(runner, BASE, CURRENT, 2, 0.6, Injection.none(), 5, s -> {}).run(List.of(NIO));

        assertEquals(null, results.get(0).skipped());
        assertTrue(results.get(0).failures().get(0).startsWith("B (current) server did not start"), results.get(0).failures().toString());
        assertEquals(1, GateReport.of(results, new GateRule(0.05, 0.08, 0.95)).exitCode());
    }
}
