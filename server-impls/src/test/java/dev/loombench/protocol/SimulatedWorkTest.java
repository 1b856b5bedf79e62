package dev.loombench.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --spin} is computation on the calling thread, {@code --think} a sleep; both end when the thread is interrupted. */
@Timeout(60)
class SimulatedWorkTest {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * A lower bound on CPU time is the behaviour here, as a lower bound on elapsed time is for
     * think: the spin is calibrated to its duration on an idle core, and a busy machine only makes
     * the same steps cost more. Half the duration leaves room for a CPU that was boosted while
     * the calibration ran.
     */
    @Test
    void spinBurnsCpuOnTheCallingThread() {
        SimulatedWork work = SimulatedWork.of(Duration.ZERO, Duration.ofMillis(40));
        long before = THREADS.getCurrentThreadCpuTime();
        work.perform();
        long burnt = THREADS.getCurrentThreadCpuTime() - before;
        assertTrue(burnt >= Duration.ofMillis(20).toNanos(), "40 ms of spin burnt " + burnt / 1_000 + " us of CPU");
    }

    /** A sleep costs next to no CPU: the serving thread is parked, the opposite of spin. */
    @Test
    void thinkSleepsWithoutBurningCpu() {
        SimulatedWork work = SimulatedWork.of(Duration.ofMillis(40), Duration.ZERO);
        long start = System.nanoTime();
        long before = THREADS.getCurrentThreadCpuTime();
        work.perform();
        long burnt = THREADS.getCurrentThreadCpuTime() - before;
        long slept = System.nanoTime() - start;
        assertTrue(slept >= Duration.ofMillis(40).toNanos(), "slept " + slept / 1_000 + " us");
        assertTrue(burnt < slept / 2, "think burnt " + burnt / 1_000 + " us of CPU in " + slept / 1_000 + " us");
    }

    @Test
    void anInterruptedThreadEndsAnHourOfSpinAndThinkAtOnce() {
        SimulatedWork work = SimulatedWork.of(Duration.ofHours(1), Duration.ofHours(1));
        Thread.currentThread().interrupt();
        try {
            work.perform(); // bounded by the class @Timeout, far below an hour
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        }
    }

    @Test
    void noWorkIsTheSharedNoneAndNegativeWorkIsRefused() {
        assertSame(SimulatedWork.NONE, SimulatedWork.of(Duration.ZERO, Duration.ZERO));
        assertEquals(Duration.ofMillis(3), SimulatedWork.of(Duration.ZERO, Duration.ofMillis(3)).spin());
        assertThrows(IllegalArgumentException.class, () -> SimulatedWork.of(Duration.ZERO, Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> SimulatedWork.of(Duration.ofMillis(-1), Duration.ZERO));
        assertTrue(SimulatedWork.stepsPerMicrosecond() > 0);
    }
}
