package dev.loombench.server;

import java.util.concurrent.Semaphore;

/**
 * The {@code maxConnections} bound for models that admit connections on several threads at once
 * (the loops of {@code netty} and {@code async}, the acceptor of a multi-loop {@code nio}): a
 * slot is taken when a connection is admitted and given back once it has closed, so the bound is
 * exact however the admitting threads interleave. Thread-safe.
 */
final class ConnectionSlots {

    private final Semaphore slots; // null: no limit

    /** @param max live connections allowed; 0 = no limit */
    ConnectionSlots(int max) {
        this.slots = max == 0 ? null : new Semaphore(max);
    }

    /** Takes a slot for a new connection; false when {@code max} connections are live (server full). */
    boolean tryAcquire() {
        return slots == null || slots.tryAcquire();
    }

    /** Gives back the slot of a connection that was admitted and has now closed; once per admitted connection. */
    void release() {
        if (slots != null) slots.release();
    }
}
