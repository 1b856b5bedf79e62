package dev.loombench.client;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The measurements of one reporting interval (normally one second) of the measured phase.
 * Latency histograms hold nanoseconds.
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
public record Interval(double startSeconds, double lengthSeconds, long requests, long bytes,
                       Histogram latency, Histogram service, Histogram connect, Histogram censored,
                       Map<ErrorClass, Long> errors, int liveConnections, ResourceSample server,
                       long serverCpuNanos, long clientCpuNanos, long clientMaxHiccupNanos,
                       DatagramCounts datagrams) {

    /** A TCP interval (no datagrams). */
    public Interval(double startSeconds, double lengthSeconds, long requests, long bytes,
                    Histogram latency, Histogram service, Histogram connect, Histogram censored,
                    Map<ErrorClass, Long> errors, int liveConnections, ResourceSample server,
                    long serverCpuNanos, long clientCpuNanos, long clientMaxHiccupNanos) {
        this(startSeconds, lengthSeconds, requests, bytes, latency, service, connect, censored, errors, liveConnections,
                server, serverCpuNanos, clientCpuNanos, clientMaxHiccupNanos, null);
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    public double requestsPerSecond() {
        return lengthSeconds > 0 ? requests / lengthSeconds : 0;
    }

    /** Requests given up or left unanswered in this interval. */
    public long censoredCount() {
        return censored == null ? 0 : censored.getTotalCount();
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
