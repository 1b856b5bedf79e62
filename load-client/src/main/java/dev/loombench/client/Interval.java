package dev.loombench.client;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The measurements of one reporting interval (normally one second) of the measured phase.
 * Latency histograms hold nanoseconds.
 *
 * <p>Each histogram is kept as a copy at first, and encoded (HdrHistogram's own format, a few kB
 * instead of the quarter megabyte of a one-hour range) when {@link #compact} asks: the run keeps
 * its last minute of intervals as copies and compacts the older ones, and all of them when the
 * phase ends. Why not encode at once: the encoder's loop runs as far as each second's largest
 * value, so the JIT compiles it again and again as that changes, 100–200 ms of C2 per run on the
 * client's own core in the measured phase (JFR); a copy is a loop of fixed length, compiled once.
 * A copy costs ~0.1 ms, where a {@code PackedHistogram} cost ~10 ms. Each accessor returns a fresh
 * copy. Thread-safe.
 */
public final class Interval {

    private final double startSeconds;
    private final double lengthSeconds;
    private final long requests;
    private final long bytes;
    private final Kept latency;
    private final Kept service;
    private final Kept connect;
    private final Kept censored;
    private final long censoredCount;
    private final Map<ErrorClass, Long> errors;
    private final int liveConnections;
    private final ResourceSample server;
    private final long serverCpuNanos;
    private final long clientCpuNanos;
    private final long clientMaxHiccupNanos;
    private final DatagramCounts datagrams;

    /**
     * The histograms are copied here; later changes to them do not reach the interval.
     *
     * @param startSeconds       interval start, seconds since the measured phase began
     * @param lengthSeconds      actual interval length
     * @param requests           requests whose replies arrived and were verified correct
     * @param bytes              verified payload bytes received
     * @param latency            round trip from the intended send time (coordinated-omission corrected
     *                           in open loop; equal to {@code service} in closed loop), censored requests included
     * @param service            raw service time: from the actual send to the verified reply (censored
     *                           requests that were sent included, at their age since the send)
     * @param connect            connect latency of the connections made in this interval
     * @param censored           ages of the requests given up in this interval (timed out, failed with their
     *                           connection, or unanswered at the end of the phase); also in {@code latency}
     * @param errors             failures by class in this interval (classes with none may be absent)
     * @param liveConnections    client connections open at the end of the interval
     * @param server             the child server's resources at the end of the interval; null with --target
     * @param serverCpuNanos     CPU the server process used in this interval; -1 when not sampled
     * @param clientCpuNanos     CPU the load client's process used in this interval; -1 when not known
     * @param clientMaxHiccupNanos the longest stall of the client's own JVM seen in the interval
     * @param datagrams          UDP: what became of the datagrams in this interval; null over TCP
     */
    public Interval(double startSeconds, double lengthSeconds, long requests, long bytes,
                    Histogram latency, Histogram service, Histogram connect, Histogram censored,
                    Map<ErrorClass, Long> errors, int liveConnections, ResourceSample server,
                    long serverCpuNanos, long clientCpuNanos, long clientMaxHiccupNanos,
                    DatagramCounts datagrams) {
        this.startSeconds = startSeconds;
        this.lengthSeconds = lengthSeconds;
        this.requests = requests;
        this.bytes = bytes;
        this.latency = Kept.of(latency);
        this.service = service == latency ? this.latency : Kept.of(service); // closed loop: the same histogram
        this.connect = Kept.of(connect);
        this.censored = Kept.of(censored);
        this.censoredCount = censored == null ? 0 : censored.getTotalCount();
        this.errors = errors;
        this.liveConnections = liveConnections;
        this.server = server;
        this.serverCpuNanos = serverCpuNanos;
        this.clientCpuNanos = clientCpuNanos;
        this.clientMaxHiccupNanos = clientMaxHiccupNanos;
        this.datagrams = datagrams;
    }

    /** A TCP interval (no datagrams). */
    public Interval(double startSeconds, double lengthSeconds, long requests, long bytes,
                    Histogram latency, Histogram service, Histogram connect, Histogram censored,
                    Map<ErrorClass, Long> errors, int liveConnections, ResourceSample server,
                    long serverCpuNanos, long clientCpuNanos, long clientMaxHiccupNanos) {
        this(startSeconds, lengthSeconds, requests, bytes, latency, service, connect, censored, errors, liveConnections,
                server, serverCpuNanos, clientCpuNanos, clientMaxHiccupNanos, null);
    }

    /** Encodes the histograms still kept as copies (idempotent): a few kB each instead of a quarter megabyte. */
    public void compact() {
        for (Kept kept : new Kept[] {latency, service, connect, censored}) {
            if (kept != null) kept.compact();
        }
    }

    /** One of the interval's histograms: a copy (an empty one is encoded at once, it costs nothing), encoded on {@link #compact}. */
    private static final class Kept {
        private Histogram copy;
        private byte[] encoded;

        static Kept of(Histogram h) {
            if (h == null) return null;
            Kept kept = new Kept();
            if (h.getTotalCount() == 0) kept.encoded = encode(h);
            else kept.copy = h.copy();
            return kept;
        }

        synchronized Histogram get() {
            return copy != null ? copy.copy() : Histogram.decodeFromByteBuffer(ByteBuffer.wrap(encoded), 0);
        }

        synchronized void compact() {
            if (copy == null) return;
            encoded = encode(copy);
            copy = null;
        }

        private static byte[] encode(Histogram h) {
            ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
            h.encodeIntoByteBuffer(buffer);
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    public double startSeconds() {
        return startSeconds;
    }

    public double lengthSeconds() {
        return lengthSeconds;
    }

    public long requests() {
        return requests;
    }

    public long bytes() {
        return bytes;
    }

    /** A fresh copy of the interval's round-trip latency histogram. */
    public Histogram latency() {
        return latency == null ? null : latency.get();
    }

    /** A fresh copy of the interval's service-time histogram. */
    public Histogram service() {
        return service == null ? null : service.get();
    }

    /** A fresh copy of the interval's connect-latency histogram. */
    public Histogram connect() {
        return connect == null ? null : connect.get();
    }

    /** A fresh copy of the interval's censored-age histogram; null if none was kept. */
    public Histogram censored() {
        return censored == null ? null : censored.get();
    }

    public Map<ErrorClass, Long> errors() {
        return errors;
    }

    public int liveConnections() {
        return liveConnections;
    }

    public ResourceSample server() {
        return server;
    }

    public long serverCpuNanos() {
        return serverCpuNanos;
    }

    public long clientCpuNanos() {
        return clientCpuNanos;
    }

    public long clientMaxHiccupNanos() {
        return clientMaxHiccupNanos;
    }

    public DatagramCounts datagrams() {
        return datagrams;
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    public double requestsPerSecond() {
        return lengthSeconds > 0 ? requests / lengthSeconds : 0;
    }

    /** Requests given up or left unanswered in this interval. */
    public long censoredCount() {
        return censoredCount;
    }

    /** The load client's CPU in the interval as a fraction of one core; 0 when not known. */
    public double clientCpuFraction() {
        return clientCpuNanos < 0 || lengthSeconds <= 0 ? 0 : clientCpuNanos / 1e9 / lengthSeconds;
    }

    /** The server's CPU in the interval as a fraction of one core; null when not sampled. */
    public Double serverCpuFraction() {
        return serverCpuNanos < 0 || lengthSeconds <= 0 ? null : serverCpuNanos / 1e9 / lengthSeconds;
    }
}
