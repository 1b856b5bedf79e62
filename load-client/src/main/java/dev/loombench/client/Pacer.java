package dev.loombench.client;

/**
 * When one client may send its next request: at once (closed loop), or at its intended time on
 * the open-loop schedule. The schedule belongs to the client, not to a connection: it goes on
 * across reconnects, so the time a reconnect costs shows up as lag and latency.
 * Not thread-safe: one client's loop thread.
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

    /**
     * Open loop: the intended times of the requests that were due before {@code end} and never
     * sent, each handed to {@code charge}; nothing in closed loop, which intends nothing it did
     * not send. The schedule itself does not move.
     */
    void forEachDueBefore(long end, java.util.function.LongConsumer charge) {
        if (schedule == null) return;
        for (long k = next; schedule.intendedNanos(k) - end < 0; k++) charge.accept(schedule.intendedNanos(k));
    }
}
