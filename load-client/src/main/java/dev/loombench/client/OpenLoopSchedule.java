package dev.loombench.client;

/**
 * When one connection of an open-loop run is meant to send each request. A total rate R over N
 * connections gives every connection one request per {@code N/R} seconds; connection {@code i}
 * starts {@code i/N} of a period late, so that together they send an evenly spaced stream.
 *
 * <p>The schedule never waits for the server: a request that could not be sent on time is still
 * charged from its intended time (wrk2's coordinated-omission correction), so a server that
 * stalls for a second shows a second of latency on every request it held up, not on one.
 * Times are {@link System#nanoTime()} values; computed from the origin each time, so rounding
 * never accumulates.
 *
 * @param originNanos when the schedule starts (the connection's launch)
 * @param periodNanos time between two requests of this connection
 * @param offsetNanos this connection's stagger inside the first period
 */
public record OpenLoopSchedule(long originNanos, double periodNanos, double offsetNanos) {

    /** The schedule of connection {@code index} of {@code clients} sharing {@code totalRate} requests/s. */
    public static OpenLoopSchedule of(long originNanos, double totalRate, int clients, int index) {
        double period = periodNanos(totalRate, clients);
        return new OpenLoopSchedule(originNanos, period, period * index / clients);
    }

    /** The time between two requests of one connection, in nanoseconds. */
    public static double periodNanos(double totalRate, int clients) {
        return clients * 1e9 / totalRate;
    }

    /** The intended send time of this connection's request number {@code k} (0-based). */
    public long intendedNanos(long k) {
        return originNanos + Math.round(offsetNanos + k * periodNanos);
    }
}
