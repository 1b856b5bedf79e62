package dev.loombench.client;

/**
 * When one client may send its next request: at once (closed loop), or at its intended time on
 * the open-loop schedule. The schedule belongs to the client, not to a connection: it goes on
 * across reconnects, so the time a reconnect costs shows up as lag and latency.
 * Not thread-safe: one client thread.
 */
final class Pacer {

    private final OpenLoopSchedule schedule; // null in closed loop
    private long next;                       // index of the next request on the schedule

    Pacer(OpenLoopSchedule schedule) {
        this.schedule = schedule;
    }

    boolean openLoop() {
        return schedule != null;
    }

    /** The intended send time of the next request: {@code now} in closed loop. */
    long nextIntended(long now) {
        return schedule == null ? now : schedule.intendedNanos(next);
    }

    /** The next request was sent. */
    void sent() {
        next++;
    }
}
