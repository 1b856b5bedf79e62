package dev.loombench.protocol;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The work a server simulates per request, on the thread that serves it: {@code spin} (CPU-bound,
 * computation) then {@code think} (blocking, a sleep standing for I/O). Virtual threads help with
 * the second and not the first; on an event loop both stall every connection of that loop.
 *
 * <p>Spin is a fixed amount of computation, not a wall-clock wait: an xorshift64 state stepped a
 * number of times calibrated once per JVM ({@link #stepsPerMicrosecond}) so that it takes
 * {@code spin} on an otherwise idle core. A thread that is descheduled mid-spin still owes the
 * rest of its steps afterwards, so each request costs the same CPU whatever the scheduler does; a
 * deadline on {@code System.nanoTime()} would let a preempted thread finish its "work" early and
 * flatter the models with many more threads than cores. The JIT cannot remove the loop: its
 * result decides a store to a volatile field.
 *
 * <p>Both kinds of work end early when the serving thread is interrupted (a server closing).
 * Thread-safe and immutable.
 */
public final class SimulatedWork {

    /** No simulated work: both durations zero. */
    public static final SimulatedWork NONE = new SimulatedWork(Duration.ZERO, Duration.ZERO);

    private static final int CHUNK = 1024; // steps between interrupt checks (about a microsecond)
    @SuppressWarnings("unused")
    private static volatile long sink;

    private final Duration think;
    private final Duration spin;
    private final long spinSteps;

    private SimulatedWork(Duration think, Duration spin) {
        if (think.isNegative()) throw new IllegalArgumentException("think must not be negative");
        if (spin.isNegative()) throw new IllegalArgumentException("spin must not be negative");
        this.think = think;
        this.spin = spin;
        this.spinSteps = spin.isZero() ? 0 : Math.max(1, Math.round(spin.toNanos() / 1000.0 * Calibration.STEPS_PER_MICROSECOND));
    }

    /** Work of {@code think} (slept) and {@code spin} (computed) per request; calibrates the spin on first use. */
    public static SimulatedWork of(Duration think, Duration spin) {
        return think.isZero() && spin.isZero() ? NONE : new SimulatedWork(think, spin);
    }

    public Duration think() {
        return think;
    }

    public Duration spin() {
        return spin;
    }

    /** How many xorshift steps this JVM computes per microsecond on an idle core (calibrated once, on first call). */
    public static double stepsPerMicrosecond() {
        return Calibration.STEPS_PER_MICROSECOND;
    }

    /** Performs one request's work on the calling thread: spin, then think. */
    public void perform() {
        if (spinSteps > 0) spin(spinSteps);
        if (!think.isZero()) sleep(think.toNanos());
    }

    /** Steps the xorshift state {@code steps} times (rounded up to whole chunks); stops early if interrupted. */
    private static long spin(long steps) {
        long x = System.nanoTime() | 1; // never 0, so xorshift never sticks at 0
        for (long done = 0; done < steps; done += CHUNK) {
            for (int i = 0; i < CHUNK; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
            if (Thread.currentThread().isInterrupted()) break;
        }
        if (x == 0) sink = x; // never true, but the JIT cannot know: the loop must run
        return x;
    }

    /** Sleeps the whole duration (parkNanos may return early, spuriously); returns at once when interrupted. */
    private static void sleep(long nanos) {
        long deadline = System.nanoTime() + nanos;
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) return;
        }
    }

    @Override
    public String toString() {
        return "think " + think + ", spin " + spin;
    }

    /**
     * Measures the spin rate once per JVM, lazily (a server without {@code --spin} never pays for
     * it): the loop is warmed up until compiled, then timed over several short rounds and the
     * fastest round wins, since interference (other processes, the JIT) only ever slows a round.
     */
    private static final class Calibration {

        static final double STEPS_PER_MICROSECOND = measure();

        private static double measure() {
            long warmUntil = System.nanoTime() + Duration.ofMillis(50).toNanos();
            while (System.nanoTime() - warmUntil < 0) spin(64 * CHUNK);
            double best = 0;
            long steps = 256L * CHUNK;
            for (int round = 0; round < 20; round++) {
                long start = System.nanoTime();
                spin(steps);
                long elapsed = Math.max(1, System.nanoTime() - start);
                best = Math.max(best, steps * 1000.0 / elapsed);
            }
            return best;
        }
    }
}
