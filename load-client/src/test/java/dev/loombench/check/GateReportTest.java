package dev.loombench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.protocol.Protocol;
import dev.loombench.server.ServerKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The whole gate on synthetic runs of the default suite (two cases, eight pairs: CPU per request
 * under Holm's correction over the two cases, throughput and p99 over their four): its exit code on a 10 % CPU slowdown, on noise, on broken invariants, and
 * its table.
 */
class GateReportTest {

    private static final GateRule RULE = new GateRule(0.05, 0.08, 0.95);
    private static final List<CheckCase> SUITE = List.of(new CheckCase(ServerKind.NIO, Protocol.ECHO, 8),
            new CheckCase(ServerKind.VIRTUAL, Protocol.TIME, 8));

    /**
     * Eight pairs per case. Noise is the standard deviation of a pair's log-ratio: 3 % for CPU per
     * request, 5 % for throughput, 30 % for p99 (tails are noisy); B's CPU per request is
     * {@code 1 + cpuShift} times A's.
     */
    private static List<CaseResult> suite(long seed, double cpuShift, List<String> violationsOfB) {
        Random random = new Random(seed);
        List<CaseResult> cases = new ArrayList<>();
        for (CheckCase c : SUITE) {
            List<RunMetrics> a = new ArrayList<>();
            List<RunMetrics> b = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                double cpu = 20_000 * Math.exp(0.1 * random.nextGaussian());
                double rps = 50_000 * Math.exp(0.1 * random.nextGaussian());
                double p99 = 300_000 * Math.exp(0.3 * random.nextGaussian());
                a.add(new RunMetrics(rps, 30_000, cpu, p99, 6, List.of()));
                b.add(new RunMetrics(rps * Math.exp(0.05 * random.nextGaussian()), 30_000,
                        cpu * (1 + cpuShift) * Math.exp(0.03 * random.nextGaussian()), p99 * Math.exp(0.3 * random.nextGaussian()),
                        6, i == 0 ? violationsOfB : List.of()));
            }
            cases.add(new CaseResult(c, 30_000, Duration.ZERO, a, b, null, List.of()));
        }
        return cases;
    }

    @Test
    void aTenPercentCpuSlowdownFailsTheGateNineTimesInTen() {
        int failed = 0;
        for (long seed = 1; seed <= 100; seed++) {
            if (GateReport.of(suite(seed, 0.10, List.of()), RULE).exitCode() == 1) failed++;
        }
        assertTrue(failed >= 90, failed + " of 100");
    }

    @Test
    void noiseAloneFailsTheGateAtMostAsOftenAsHolmAllows() {
        int failed = 0;
        for (long seed = 1; seed <= 200; seed++) {
            GateReport report = GateReport.of(suite(seed, 0, List.of()), RULE);
            if (report.exitCode() != 0) failed++;
            assertEquals(0, report.rows().stream().filter(r -> r.metric() == Metric.SERVER_CPU_PER_REQUEST
                    && r.verdict() == Verdict.REGRESSED).count(), "seed " + seed + "\n" + report.table());
        }
        assertTrue(failed <= 5, failed + " of 200"); // one-sided 2.5 % over the family; the noisy p99 (30 %) is what can trip it
    }

    @Test
    void aBrokenInvariantFailsTheGateWhateverTheFigures() {
        GateReport report = GateReport.of(suite(1, 0, List.of("open loop: 3 errors (read-timeout 3)")), RULE);

        assertEquals(1, report.exitCode());
        assertEquals("echo/nio pair 1 B: open loop: 3 errors (read-timeout 3)", report.violations().get(0));
        assertTrue(String.join("\n", report.footer()).contains("FAIL"));
    }

    @Test
    void aCaseTheBaseCannotServeIsSkippedAndNothingComparedCouldNotRun() {
        CaseResult skipped = new CaseResult(SUITE.get(0), Double.NaN, Duration.ZERO, List.of(), List.of(),
                "the base cannot serve it: unknown model", List.of());

        GateReport report = GateReport.of(List.of(skipped), RULE);

        assertEquals(2, report.exitCode());
        assertTrue(report.footer().contains("not compared: echo/nio: the base cannot serve it: unknown model"), report.footer().toString());
    }

    @Test
    void theTableShowsEveryCaseAndMetricWithItsVerdict() {
        GateReport report = GateReport.of(suite(3, 0.30, List.of()), RULE);
        String table = report.table();

        assertEquals(6, report.rows().size());
        assertTrue(table.contains("echo/nio") && table.contains("time/virtual"), table);
        assertTrue(table.contains("server CPU/req") && table.contains("throughput") && table.contains("p99 @ rate"), table);
        assertTrue(table.contains("regressed"), table);
        assertTrue(table.contains("~"), table); // throughput did not move: benchstat's "not significant"
    }
}
