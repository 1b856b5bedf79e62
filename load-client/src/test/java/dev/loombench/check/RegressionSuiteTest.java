package dev.loombench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.check.Verdicts.Row;
import dev.loombench.check.Verdicts.Verdict;
import dev.loombench.server.ServerKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegressionSuiteTest {

    @TempDir
    Path dir;

    /** Cases per round: every model under echo and time. */
    private static final int CASES = 2 * ServerKind.values().length;

    /** A runner whose machine gets twice as slow with every reference run: ratios to the reference stay put. */
    private static CaseRunner slowingMachine(double modelSpeed) {
        AtomicInteger references = new AtomicInteger();
        return c -> { // powers of two keep the ratios exact; a long shift, as there are more than 31 reference runs
            double machine = c.isReference() ? 1.0 / (1L << references.getAndIncrement()) : 1.0 / (1L << (references.get() - 1));
            double speed = c.isReference() ? 1.0 : modelSpeed;
            double rps = 10_000 * machine * speed;
            return new Sample(rps, (long) (1e9 / rps), 0, c.clients(), c.clients());
        };
    }

    @Test
    void ratiosToTheReferenceCancelTheMachineSpeed() throws Exception {
        SuiteResult result = new RegressionSuite(slowingMachine(0.5), 3, 4, line -> {}).run();

        assertTrue(result.violations().isEmpty(), result.violations().toString());
        assertEquals(CASES, result.figures().size(), "every model under echo and time");
        result.figures().values().forEach(f -> {
            assertEquals(0.5, f.throughputRatio(), 1e-9);
            assertEquals(2.0, f.p99Ratio(), 1e-9);
        });
    }

    @Test
    void singleGetsOneClientBecauseItServesOneAtATime() {
        RegressionSuite suite = new RegressionSuite(slowingMachine(1), 1, 8, line -> {});

        suite.cases().forEach(c -> assertEquals(c.model() == ServerKind.SINGLE ? 1 : 8, c.clients(), c.key()));
    }

    @Test
    void recordsErrorsAndUnservedClientsAsViolations() throws Exception {
        CaseRunner runner = c -> c.key().equals("echo/pool")
                ? new Sample(100, 1_000_000, 3, 2, 4)
                : new Sample(100, 1_000_000, 0, c.clients(), c.clients());

        SuiteResult result = new RegressionSuite(runner, 2, 4, line -> {}).run();

        assertEquals(List.of("echo/pool: 3 errors in round 1", "echo/pool: served 2 of 4 clients in round 1",
                "echo/pool: 3 errors in round 2", "echo/pool: served 2 of 4 clients in round 2"), result.violations());
    }

    @Test
    void aSlowerModelIsARegressionAgainstTheBaselineAndAnEqualOneIsNot() throws Exception {
        SuiteResult before = new RegressionSuite(slowingMachine(1.0), 3, 4, line -> {}).run();
        Baseline baseline = new Baseline(Baseline.VERSION, "now", "test", Map.of(),
                new Baseline.Settings(4, "1s", "2s", 3), before.figures());
        Path file = dir.resolve("baseline.json");
        baseline.write(file);
        Baseline reread = Baseline.read(file);

        SuiteResult same = new RegressionSuite(slowingMachine(1.0), 3, 4, line -> {}).run();
        SuiteResult slower = new RegressionSuite(slowingMachine(0.5), 3, 4, line -> {}).run();

        assertTrue(Verdicts.compare(reread, same, 0.3, 1.0).stream().allMatch(r -> r.verdict() == Verdict.PASS));
        List<Row> rows = Verdicts.compare(reread, slower, 0.3, 1.0);
        List<String> regressed = new ArrayList<>();
        rows.stream().filter(r -> r.verdict() == Verdict.REGRESSED).forEach(r -> regressed.add(r.metric()));
        assertEquals(CASES, regressed.stream().filter(m -> m.endsWith("throughput")).count(), regressed.toString());
        assertEquals(0, regressed.stream().filter(m -> m.endsWith("p99")).count(), "p99 doubled: exactly at the 100% tolerance");
    }

    @Test
    void aRegressionStandsOnlyIfTheSecondMeasurementConfirmsIt() throws Exception {
        SuiteResult base = new RegressionSuite(slowingMachine(1.0), 1, 4, line -> {}).run();
        Baseline baseline = new Baseline(Baseline.VERSION, "now", "test", Map.of(), new Baseline.Settings(4, "1s", "2s", 1), base.figures());
        RegressionSuite slow = new RegressionSuite(slowingMachine(0.5), 1, 4, line -> {});
        List<Row> first = Verdicts.compare(baseline, slow.run(), 0.3, 1.0);
        List<CheckCase> flagged = slow.cases().stream().filter(c -> Verdicts.regressedCases(first).contains(c.key())).toList();

        SuiteResult noise = new RegressionSuite(slowingMachine(1.0), 1, 4, line -> {}).run(flagged);
        SuiteResult real = new RegressionSuite(slowingMachine(0.5), 1, 4, line -> {}).run(flagged);

        assertEquals(CASES, flagged.size());
        assertTrue(Verdicts.confirm(first, baseline, noise, 0.3, 1.0).stream().noneMatch(r -> r.verdict() == Verdict.REGRESSED));
        assertEquals(CASES, Verdicts.confirm(first, baseline, noise, 0.3, 1.0).stream().filter(r -> r.verdict() == Verdict.UNCONFIRMED).count());
        assertEquals(CASES, Verdicts.confirm(first, baseline, real, 0.3, 1.0).stream().filter(r -> r.verdict() == Verdict.REGRESSED).count());
    }

    @Test
    void judgesDirectionPerMetric() {
        assertEquals(Verdict.REGRESSED, Verdicts.judge(1.0, 0.6, 0.3, true));
        assertEquals(Verdict.IMPROVED, Verdicts.judge(1.0, 1.5, 0.3, true));
        assertEquals(Verdict.PASS, Verdicts.judge(1.0, 0.8, 0.3, true));
        assertEquals(Verdict.REGRESSED, Verdicts.judge(1.0, 2.5, 1.0, false));
        assertEquals(Verdict.IMPROVED, Verdicts.judge(1.0, 0.6, 0.3, false));
    }
}
