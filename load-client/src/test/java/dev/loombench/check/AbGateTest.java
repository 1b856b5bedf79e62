package dev.loombench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.run.Pinning;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gate end to end on real servers: both sides are child JVMs running {@code bench serve} of
 * this build (started from the test class path, as the launcher would start a checkout's jar),
 * measured by the real load engine; B gets a real slowdown injected ({@code --think}). The gate
 * must fail (exit code 1) on it. No timing is asserted: the slowdown is 50 ms per request, far
 * beyond any noise of a loaded machine.
 */
class AbGateTest {

    private static List<String> serve() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.loombench.cli.BenchCli", "serve");
    }

    @Test
    @Timeout(180)
    void aServerMadeSlowerFailsTheGate() throws Exception {
        ServerBuild a = new ServerBuild("base", "test", serve());
        ServerBuild b = new ServerBuild("current", "test", serve());
        ChildSideRunner runner = new ChildSideRunner(new ChildSideRunner.Phases(Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(100), Duration.ofMillis(400)), Pinning.none("test"), Duration.ofSeconds(60), Map.of());
        AbSuite suite = new AbSuite(runner, a, b, 3, 0.5, new Injection(Duration.ofMillis(50), Duration.ZERO, false), 3, line -> {});

        List<CaseResult> results = suite.run(List.of(CheckCase.parse("echo/pool", 4)));
        GateReport report = GateReport.of(results, new GateRule(0.05, 0.08, 0.95));

        String shown = report.table() + String.join("\n", report.footer());
        assertEquals(List.of(), report.violations(), shown); // it fails on performance, not on errors
        assertEquals(3, results.get(0).pairs(), shown);
        for (RunMetrics run : results.get(0).a()) assertTrue(run.serverCpuNanosPerRequest() > 0, "A measured its server's CPU");
        for (RunMetrics run : results.get(0).b()) {
            assertTrue(run.serverCpuNanosPerRequest() >= 0, "B measured its server's CPU (a sleeping server may round to no tick)");
        }
        assertEquals(1, report.exitCode(), shown);
        GateReport.Row throughput = report.rows().stream().filter(r -> r.metric() == Metric.THROUGHPUT).findFirst().orElseThrow();
        assertEquals(Verdict.REGRESSED, throughput.verdict(), shown);
        assertTrue(throughput.change() < -0.5, shown);
    }
}
