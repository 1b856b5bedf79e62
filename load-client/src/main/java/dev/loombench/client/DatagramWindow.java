package dev.loombench.client;

/**
 * The datagrams one UDP client has sent, by sequence number, and what became of each: waiting for
 * its reply ({@link #PENDING}), {@link #ANSWERED}, {@link #LOST} (not back within the timeout) or
 * {@link #FAILED} (came back altered). Replies may come in any order, twice, or late, so the record
 * of a datagram outlives its fate: it is kept until the ring needs its slot for a datagram
 * {@code capacity} sequence numbers later ({@link #GONE} then), which is how a duplicate is told
 * from a late reply.
 *
 * <p>Datagrams are sent in sequence order, so their send times grow with the sequence number, and
 * the oldest pending one ({@link #oldestPending}) is the first to time out. A ring of fixed capacity
 * (a power of two): nothing is allocated per datagram. Not thread-safe: its loop's thread only.
 */
final class DatagramWindow {

    static final byte PENDING = 1;
    static final byte ANSWERED = 2;
    static final byte LOST = 3;
    static final byte FAILED = 4;
    /** The datagram is older than the ring remembers (or was never sent). */
    static final byte GONE = 0;

    private final long[] seqs;
    private final long[] intended;
    private final long[] sent;
    private final byte[] states;
    private final int mask;
    private long first; // lowest sequence number that may still be pending; all below are settled
    private long next;  // sequence number of the next datagram to send
    private int pending;
    private byte lastSettled = GONE;

    /** A window remembering at least {@code capacity} datagrams (rounded up to a power of two). */
    DatagramWindow(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        seqs = new long[size];
        intended = new long[size];
        sent = new long[size];
        states = new byte[size];
        mask = size - 1;
        java.util.Arrays.fill(seqs, -1);
    }

    /** The number of datagrams the ring remembers. */
    int capacity() {
        return states.length;
    }

    /** The sequence number the next datagram gets. */
    long nextSeq() {
        return next;
    }

    /** True when every slot holds a datagram still pending: none can be sent until one is settled. */
    boolean full() {
        return next - first >= states.length;
    }

    int pending() {
        return pending;
    }

    /** Records datagram {@link #nextSeq()} as sent at {@code sentNanos}, meant for {@code intendedNanos}. */
    void sent(long intendedNanos, long sentNanos) {
        int slot = (int) (next & mask);
        seqs[slot] = next;
        intended[slot] = intendedNanos;
        sent[slot] = sentNanos;
        states[slot] = PENDING;
        next++;
        pending++;
    }

    /** What became of datagram {@code seq}: {@link #PENDING}, {@link #ANSWERED}, {@link #LOST}, {@link #FAILED} or {@link #GONE}. */
    byte state(long seq) {
        int slot = (int) (seq & mask);
        return seq >= 0 && seqs[slot] == seq ? states[slot] : GONE;
    }

    long intended(long seq) {
        return intended[(int) (seq & mask)];
    }

    long sentAt(long seq) {
        return sent[(int) (seq & mask)];
    }

    /** The oldest pending datagram's sequence number, or -1 when none is pending. */
    long oldestPending() {
        return pending == 0 ? -1 : first;
    }

    /** The fate of the datagram settled last: what a reply naming no request, with none pending, most likely answers. */
    byte lastSettled() {
        return lastSettled;
    }

    /** Datagram {@code seq}, pending, is settled as {@code state} ({@link #ANSWERED}, {@link #LOST} or {@link #FAILED}). */
    void settle(long seq, byte state) {
        states[(int) (seq & mask)] = state;
        pending--;
        lastSettled = state;
        while (first < next && states[(int) (first & mask)] != PENDING) first++;
    }
}
