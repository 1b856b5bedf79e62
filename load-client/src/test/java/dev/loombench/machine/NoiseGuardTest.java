package dev.loombench.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The noise guard: /proc arithmetic, the verdict's limits, and a real CPU hog beside a measurement. */
class NoiseGuardTest {

    private static final String PROC_STAT = """
            cpu  300 0 100 500 10 5 20 7 0 0
            cpu0 100 0 50 300 5 1 10 3 0 0
            cpu1 200 0 50 200 5 4 10 4 0 0
            intr 12345
            ctxt 999
            """;

    @Test
    void sumsTheLinesOfTheWatchedCpusOnly() {
        BitSet cpu1 = new BitSet();
        cpu1.set(1);
        CpuTicks t = CpuTicks.parse(PROC_STAT, cpu1);
        assertEquals(250, t.busy());  // user + nice + system
        assertEquals(205, t.idle());  // idle + iowait
        assertEquals(14, t.irq());    // irq + softirq
        assertEquals(4, t.steal());
        BitSet both = new BitSet();
        both.set(0, 2);
        assertEquals(400, CpuTicks.parse(PROC_STAT, both).busy());
    }

    @Test
    void readsUserAndSystemTicksOfAProcessWhoseNameHoldsParentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 170 30 0 0 20 0 25 0 100 0 0";
        assertEquals(200, ProcessCpu.parseTicks(stat));
    }

    @Test
    void othersAboveTheLimitOrAStalledClientMakeARunNoisy() {
        assertFalse(Noise.judge("0-1", 5, 1.0, 0.5, 0.3, 4, 50).noisy());
        Noise busy = Noise.judge("0-1", 5, 4.0, 2.0, 3.1, 4, 50);
        assertTrue(busy.noisy(), "others 4% + steal 2% exceed 5%");
        assertTrue(busy.reason().contains("6.0% of CPUs 0-1"), busy.reason());
        Noise stalled = Noise.judge("0", 5, 0.0, 0.0, 0.1, 80, 50);
        assertTrue(stalled.noisy());
        assertTrue(stalled.reason().contains("stalled for 80 ms"), stalled.reason());
        assertFalse(Noise.judge("0", 5, null, 0, null, 1, 50).noisy(), "others not judged: only steal and stalls count");
    }

    @Test
    void aRepetitionIsMarkedNoisyWhenACpuHogRunsBesideIt() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/stat")), "needs Linux /proc");
        BitSet cpus = new BitSet();
        cpus.set(0, Runtime.getRuntime().availableProcessors()); // where this JVM and the hog may run
        long self = ProcessHandle.current().pid();
        // a separate process, so its CPU is "others"; it ends by itself after 5 s (no helper process that a
        // forced kill could orphan it from), and is destroyed in finally
        Process hog = new ProcessBuilder("sh", "-c", "end=$(($(date +%s) + 5)); while [ $(date +%s) -lt $end ]; do :; done").start();
        try (NoiseGuard guard = NoiseGuard.start(cpus, self)) {
            Thread.sleep(300); // the hog is running
            Instant from = Instant.now();
            Thread.sleep(1200);
            Noise noise = guard.judge(from, Instant.now(), 0, 50_000_000, true);
            assertNotNull(noise, "sampled");
            assertTrue(noise.noisy(), () -> "a busy loop on one of " + cpus.cardinality() + " CPUs: " + noise.describe());
            assertTrue(noise.othersPct() > NoiseGuard.OTHERS_LIMIT_PCT, noise::describe);
        } finally {
            hog.descendants().forEach(ProcessHandle::destroyForcibly);
            hog.destroyForcibly();
            hog.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
