package dev.loombench.client;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * What one event loop records — every verified reply (round-trip latency, service time, bytes, which
 * client got it), every censored request (given up or still unanswered, at its age) and, over UDP,
 * the datagrams sent, late, duplicated and reordered — into one set
 * of accumulators that the sampler swaps out whole, so an interval's histograms, byte count and
 * per-client counts always describe the same replies.
 *
 * <p>Single writer: only the loop's thread records, so the accumulators are plain histograms and
 * longs, no atomics per reply. The loop enters the {@link WriterReaderPhaser} critical section once
 * per round of work ({@link #enter}/{@link #exit}), not once per reply; the sampler flips the phase
 * and waits for a round still writing into the old set ({@code Recorder}'s technique).
 */
final class LoopRecorder {

    /** One interval's records of one loop. Owned by the sampler between two {@link #swap} calls. */
    static final class Records {
        final Histogram latency = new Histogram(Metrics.HIGHEST_NANOS, Metrics.SIGNIFICANT_DIGITS);
        /** Open loop only: in closed loop service time is the latency, and this stays empty. */
        final Histogram service = new Histogram(Metrics.HIGHEST_NANOS, Metrics.SIGNIFICANT_DIGITS);
        /** Ages of the requests given up or left unanswered (also in {@link #latency}). */
        final Histogram censored = new Histogram(Metrics.HIGHEST_NANOS, Metrics.SIGNIFICANT_DIGITS);
        final long[] perClient;
        /** UDP: datagram events by {@link DatagramEvent} ordinal (sent, late, duplicated, reordered). */
        final long[] datagrams = new long[DatagramEvent.values().length];
        long verified;
        long bytes;

        private Records(int clients) {
            perClient = new long[clients];
        }

        private void reset() {
            latency.reset();
            service.reset();
            censored.reset();
            java.util.Arrays.fill(perClient, 0);
            java.util.Arrays.fill(datagrams, 0);
            verified = 0;
            bytes = 0;
        }
    }

    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    /** Closed loop: every request is sent when it is due, so its service time is its latency, recorded once. */
    private final boolean closedLoop;
    private volatile Records active;
    private Records inactive;
    private long critical; // the loop's current critical-section token

    /**
     * @param clients    clients of the whole run (indexes 0 .. clients-1)
     * @param closedLoop service time equals latency: it is recorded once, as latency, and
     *                   {@link Records#service} stays empty
     */
    LoopRecorder(int clients, boolean closedLoop) {
        this.closedLoop = closedLoop;
        active = new Records(clients);
        inactive = new Records(clients);
    }

    /** The loop starts a round of work that may record. Loop thread only. */
    void enter() {
        critical = phaser.writerCriticalSectionEnter();
    }

    /** The round of work is over. Loop thread only. */
    void exit() {
        phaser.writerCriticalSectionExit(critical);
    }

    /** A verified reply of client {@code client}. Loop thread, inside {@link #enter}/{@link #exit}. */
    void reply(long latencyNanos, long serviceNanos, int replyBytes, int client) {
        Records r = active;
        r.latency.recordValue(Metrics.clamp(latencyNanos));
        if (!closedLoop) r.service.recordValue(Metrics.clamp(serviceNanos));
        r.bytes += replyBytes;
        r.perClient[client]++;
        r.verified++;
    }

    /**
     * A request given up (timed out, or its connection failed) or left unanswered at the end of the
     * phase, at its age: from its intended send into latency, from its actual send into service
     * time ({@code serviceNanos} < 0: never sent, as an open-loop request a stuck connection could not send).
     */
    void censored(long latencyNanos, long serviceNanos) {
        Records r = active;
        long age = Metrics.clamp(latencyNanos);
        r.latency.recordValue(age);
        r.censored.recordValue(age);
        if (!closedLoop && serviceNanos >= 0) r.service.recordValue(Metrics.clamp(serviceNanos));
    }

    /** UDP: a datagram event ({@link DatagramEvent}). Loop thread, inside {@link #enter}/{@link #exit}. */
    void datagram(DatagramEvent event) {
        active.datagrams[event.ordinal()]++;
    }

    /** Everything recorded since the previous call; valid until the call after next. Sampler thread only. */
    Records swap() {
        inactive.reset();
        phaser.readerLock();
        try {
            Records finished = active;
            active = inactive;
            inactive = finished;
            phaser.flipPhase(); // waits until the loop's round still writing into `finished` is over
            return finished;
        } finally {
            phaser.readerUnlock();
        }
    }
}
