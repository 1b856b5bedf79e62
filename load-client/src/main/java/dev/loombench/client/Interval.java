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
 * @param bytes              verified payload bytes received (the RTT-based rate is bytes / RTT)
 * @param latency            round trip from the intended send time (coordinated-omission corrected
 *                           in open loop; equal to {@code service} in closed loop)
 * @param service            raw service time: from the actual send to the verified reply
 * @param connect            connect latency of the connections made in this interval
 * @param errors             failures by class in this interval (classes with none may be absent)
 * @param liveConnections    client connections open at the end of the interval
 * @param server             the child server's resources at the end of the interval; null with --target
 * @param clientCpuFraction  the load client's CPU use in the interval, as a fraction of one core
 * @param clientMaxHiccupNanos the longest stall of the client's own JVM seen in the interval
 */
public record Interval(double startSeconds, double lengthSeconds, long requests, long bytes,
                       Histogram latency, Histogram service, Histogram connect,
                       Map<ErrorClass, Long> errors, int liveConnections, ResourceSample server,
                       double clientCpuFraction, long clientMaxHiccupNanos) {

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    public double requestsPerSecond() {
        return lengthSeconds > 0 ? requests / lengthSeconds : 0;
    }
}
