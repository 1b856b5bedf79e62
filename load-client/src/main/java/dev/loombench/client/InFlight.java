package dev.loombench.client;

/**
 * The requests a connection has sent and not yet seen answered, oldest first: for each, its
 * intended send time (the open-loop schedule's, or the send itself in closed loop) and its actual
 * send time, both {@link System#nanoTime()}. A ring of fixed capacity ({@code --pipeline}), so
 * nothing is allocated per request. Not thread-safe: its loop's thread only.
 */
final class InFlight {

    private final long[] intended;
    private final long[] sent;
    private int head;
    private int size;

    InFlight(int capacity) {
        intended = new long[capacity];
        sent = new long[capacity];
    }

    int size() {
        return size;
    }

    boolean full() {
        return size == intended.length;
    }

    void push(long intendedNanos, long sentNanos) {
        int slot = (head + size) % intended.length;
        intended[slot] = intendedNanos;
        sent[slot] = sentNanos;
        size++;
    }

    /** The oldest request's intended send time. */
    long intended() {
        return intended[head];
    }

    /** The oldest request's actual send time. */
    long sent() {
        return sent[head];
    }

    /** The {@code i}-th oldest request's intended send time. */
    long intended(int i) {
        return intended[(head + i) % intended.length];
    }

    /** The {@code i}-th oldest request's actual send time. */
    long sent(int i) {
        return sent[(head + i) % sent.length];
    }

    void pop() {
        head = (head + 1) % intended.length;
        size--;
    }

    void clear() {
        head = 0;
        size = 0;
    }
}
