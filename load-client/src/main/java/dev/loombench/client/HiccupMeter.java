package dev.loombench.client;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The client's own stalls, measured as jHiccup does: a platform thread sleeps {@value #SLEEP_MILLIS} ms
 * again and again and records how much later than asked it woke up (10 ms rather than jHiccup's 1 ms:
 * a thousand wake-ups a second cost the client 2–3 % of a core on the core it shares with its loop,
 * and the stalls that matter here are tens of milliseconds). A GC pause, a safepoint or CPU
 * starvation of the client JVM shows up here, and is then also inside every latency measured
 * meanwhile — so a large hiccup means the client, not the server, may have made those latencies.
 * Thread-safe.
 */
final class HiccupMeter implements AutoCloseable {

    private static final long SLEEP_MILLIS = 10;
    private static final long SLEEP_NANOS = SLEEP_MILLIS * 1_000_000;

    private final AtomicLong max = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private HiccupMeter() {
        thread = Thread.ofPlatform().daemon().name("loombench-hiccup").start(this::loop);
    }

    static HiccupMeter start() {
        return new HiccupMeter();
    }

    private void loop() {
        while (running) {
            long before = System.nanoTime();
            try {
                Thread.sleep(SLEEP_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long late = System.nanoTime() - before - SLEEP_NANOS;
            if (late > max.get()) max.accumulateAndGet(late, Math::max);
        }
    }

    /** The longest stall since the last call, in nanoseconds; starts over. */
    long takeMax() {
        return max.getAndSet(0);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
