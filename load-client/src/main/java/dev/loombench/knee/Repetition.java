package dev.loombench.knee;

import dev.loombench.client.RunResult;
import dev.loombench.machine.Noise;

/**
 * The figures of one open-loop run at one offered rate, as {@code bench knee} judges them. Latencies
 * are the corrected round trip (from the intended send time), microseconds.
 *
 * @param offered       requests/s asked for
 * @param achieved      verified requests/s
 * @param p50Us         median latency
 * @param p99Us         99th percentile
 * @param p999Us        99.9th percentile
 * @param requests      verified requests
 * @param errors        failures of every class
 * @param censored      requests given up or unanswered at the end (in the latency at their age)
 * @param clientCpuPct  the load client's mean CPU, percent of one core
 * @param clientLoops   the load client's event loops (each can use one core)
 * @param clientStalled the load client's own JVM stalled (hiccup over 50 ms): its latencies include that pause
 * @param noisy         the noise guard marked the run (others took a share of its CPUs, or the client stalled)
 * @param noise         the noise guard's verdict in words; null when the machine was not watched
 * @param dir           where the run's data files were written, relative to the knee directory
 */
public record Repetition(double offered, double achieved, double p50Us, double p99Us, double p999Us, long requests,
                         long errors, long censored, double clientCpuPct, int clientLoops, boolean clientStalled,
                         boolean noisy, String noise, String dir) {

    /** A load client whose loops are busier than this share of their cores may be what limits the rate. */
    static final double CLIENT_BUSY = 0.9;

    /** The figures of {@code r}, judged {@code noise} by the noise guard (null: not watched). */
    public static Repetition of(RunResult r, Noise noise, int clientLoops, String dir) {
        double offered = r.openLoop() == null ? 0 : r.openLoop().targetRate();
        boolean noisy = noise != null ? noise.noisy() : r.clientStalled();
        return new Repetition(offered, r.requestsPerSecond(), us(r, 50), us(r, 99), us(r, 99.9), r.totalRequests(),
                r.totalErrors(), r.censored(), r.clientMeanCpuFraction() * 100, clientLoops, r.clientStalled(), noisy,
                noise == null ? null : noise.describe(), dir);
    }

    private static double us(RunResult r, double percentile) {
        return r.latency().getTotalCount() == 0 ? 0 : r.latency().getValueAtPercentile(percentile) / 1e3;
    }

    /** Failures as a share of all requests that ended (verified or failed). */
    public double errorRate() {
        return requests + errors == 0 ? 0 : (double) errors / (requests + errors);
    }

    /** True when the load client was near saturation or stalled: the limit seen may be the client's. */
    public boolean clientLimited() {
        return clientStalled || clientCpuPct >= CLIENT_BUSY * 100 * clientLoops;
    }
}
