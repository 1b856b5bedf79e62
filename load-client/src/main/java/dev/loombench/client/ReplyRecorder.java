package dev.loombench.client;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * Records every verified reply — its round-trip latency, its service time, its bytes and which
 * client got it — into one set of accumulators that is swapped out whole, so an interval's latency
 * histogram, service histogram, byte count and per-client counts always describe the same replies. (One HdrHistogram {@code Recorder}
 * per metric would be swapped a moment apart, and on a busy machine the two histograms of an
 * interval would disagree by the replies recorded in between.)
 *
 * <p>The same technique as {@code Recorder}: writers are wait-free inside a
 * {@link WriterReaderPhaser} critical section; the one sampling thread flips the phase and waits
 * for writers still in the old set. Usage: client threads call {@link #record}; the sampler calls
 * {@link #sample}, whose result stays valid until its next call.
 */
final class ReplyRecorder {

    /** One interval's replies. Owned by the sampler between two {@link #sample} calls. */
    static final class Replies {
        final Histogram latency = new ConcurrentHistogram(Metrics.HIGHEST_NANOS, Metrics.SIGNIFICANT_DIGITS);
        final Histogram service = new ConcurrentHistogram(Metrics.HIGHEST_NANOS, Metrics.SIGNIFICANT_DIGITS);
        private final LongAdder bytes = new LongAdder();
        private final AtomicLongArray perClient;

        private Replies(int clients) {
            perClient = new AtomicLongArray(clients);
        }

        /** Replies of client {@code index} in this interval. */
        long ofClient(int index) {
            return perClient.get(index);
        }

        long bytes() {
            return bytes.sum();
        }

        private void reset(long startMillis) {
            latency.reset();
            service.reset();
            bytes.reset();
            for (int i = 0; i < perClient.length(); i++) perClient.set(i, 0);
            latency.setStartTimeStamp(startMillis);
            service.setStartTimeStamp(startMillis);
        }
    }

    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    private volatile Replies active;
    private Replies inactive;

    /** @param clients how many clients record (their indexes are 0 .. clients-1) */
    ReplyRecorder(int clients) {
        active = new Replies(clients);
        inactive = new Replies(clients);
        active.reset(System.currentTimeMillis());
    }

    /** Records one verified reply of client {@code client} (any thread, wait-free). */
    void record(long latencyNanos, long serviceNanos, int replyBytes, int client) {
        long critical = phaser.writerCriticalSectionEnter();
        try {
            Replies replies = active;
            replies.latency.recordValue(latencyNanos);
            replies.service.recordValue(serviceNanos);
            replies.bytes.add(replyBytes);
            replies.perClient.incrementAndGet(client);
        } finally {
            phaser.writerCriticalSectionExit(critical);
        }
    }

    /** Everything recorded since the previous call; the returned set is reused by the call after next. */
    synchronized Replies sample() {
        long now = System.currentTimeMillis();
        inactive.reset(now);
        phaser.readerLock();
        try {
            Replies finished = active;
            active = inactive;
            inactive = finished;
            phaser.flipPhase(); // waits until no writer still records into `finished`
            finished.latency.setEndTimeStamp(now);
            finished.service.setEndTimeStamp(now);
            return finished;
        } finally {
            phaser.readerUnlock();
        }
    }
}
