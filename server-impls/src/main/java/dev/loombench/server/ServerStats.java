package dev.loombench.server;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters every model keeps: connections accepted, rejected (server full), failed (their
 * setup after accept failed), closed, live and their peak; the model's own serving threads
 * (platform or virtual) live and their peak; bytes in and out; over UDP, datagrams in, out and
 * dropped (a full pool queue, a thread that could not start, a reply the socket would not take).
 * Thread-safe; updated on the serving path, so increments are cheap.
 *
 * <p>Invariant: every accepted connection is later opened (then live until closed), rejected or
 * failed, so once a server is closed {@code accepted = closed + rejected + failed}.
 */
public final class ServerStats {

    /** A consistent-enough copy of the counters, for printing and JSON. */
    public record Snapshot(long accepted, long rejected, long failed, long closed, long liveConnections,
                           long peakConnections, long liveThreads, long peakThreads,
                           long jvmPeakPlatformThreads, long bytesIn, long bytesOut,
                           long datagramsIn, long datagramsOut, long datagramsDropped) {

        /** The counters of a TCP server (no datagrams). */
        public Snapshot(long accepted, long rejected, long failed, long closed, long liveConnections,
                        long peakConnections, long liveThreads, long peakThreads,
                        long jvmPeakPlatformThreads, long bytesIn, long bytesOut) {
            this(accepted, rejected, failed, closed, liveConnections, peakConnections, liveThreads, peakThreads,
                    jvmPeakPlatformThreads, bytesIn, bytesOut, 0, 0, 0);
        }
    }

    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder datagramsIn = new LongAdder();
    private final LongAdder datagramsOut = new LongAdder();
    private final LongAdder datagramsDropped = new LongAdder();
    private final AtomicLong live = new AtomicLong();
    private final AtomicLong peakLive = new AtomicLong();
    private final AtomicLong threads = new AtomicLong();
    private final AtomicLong peakThreads = new AtomicLong();

    /** A connection came out of accept(). Every accepted connection is later opened, rejected or failed. */
    public void accepted() {
        accepted.increment();
    }

    /** An accepted connection was refused (server full) and closed without being served. */
    public void rejected() {
        rejected.increment();
    }

    /** Setting up an accepted connection failed (a reset before its options were set, an Error); it was closed unserved. */
    public void failed() {
        failed.increment();
    }

    /** A connection starts being served (counts as live until {@link #connectionClosed}). */
    public void connectionOpened() {
        raisePeak(peakLive, live.incrementAndGet());
    }

    public void connectionClosed() {
        live.decrementAndGet();
        closed.increment();
    }

    /** One of the model's serving threads (acceptor, worker, loop, per-client thread) started. */
    public void threadStarted() {
        raisePeak(peakThreads, threads.incrementAndGet());
    }

    public void threadEnded() {
        threads.decrementAndGet();
    }

    public void bytesIn(long n) {
        bytesIn.add(n);
    }

    public void bytesOut(long n) {
        bytesOut.add(n);
    }

    /** UDP: a datagram of {@code bytes} bytes was received. */
    public void datagramIn(int bytes) {
        datagramsIn.increment();
        bytesIn.add(bytes);
    }

    /** UDP: a reply datagram of {@code bytes} bytes was sent. */
    public void datagramOut(int bytes) {
        datagramsOut.increment();
        bytesOut.add(bytes);
    }

    /** UDP: a received datagram was dropped unanswered by the server itself (UDP has no "server full"). */
    public void datagramDropped() {
        datagramsDropped.increment();
    }

    public long liveConnections() {
        return live.get();
    }

    public long liveThreads() {
        return threads.get();
    }

    public Snapshot snapshot() {
        return new Snapshot(accepted.sum(), rejected.sum(), failed.sum(), closed.sum(), live.get(), peakLive.get(),
                threads.get(), peakThreads.get(), ManagementFactory.getThreadMXBean().getPeakThreadCount(),
                bytesIn.sum(), bytesOut.sum(), datagramsIn.sum(), datagramsOut.sum(), datagramsDropped.sum());
    }

    private static void raisePeak(AtomicLong peak, long value) {
        peak.accumulateAndGet(value, Math::max);
    }
}
