package dev.loombench.client;

/**
 * The load engine's {@link HiccupMeter} for callers outside the engine: measures how long this
 * JVM itself stalled (GC, safepoints, CPU starvation), so a caller can tell "the server was
 * late" from "we were not running to see it". Start it, read {@link #takeMaxNanos} now and
 * then, close it. Thread-safe.
 */
public final class ClientStalls implements AutoCloseable {

    private final HiccupMeter meter = HiccupMeter.start();

    /** The longest stall since the last call, in nanoseconds; starts over. */
    public long takeMaxNanos() {
        return meter.takeMax();
    }

    @Override
    public void close() {
        meter.close();
    }
}
