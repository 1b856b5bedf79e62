package dev.loombench.client;

import java.util.Arrays;

/**
 * How long the clients of a run waited to be served at all: per client, the time from the start
 * of its first connect attempt to its first verified reply ({@link RunResult#firstReplyNanos()}).
 * A client never served has no time; it is counted in {@code never}, and the percentiles are
 * over the served clients only (nearest rank). With long-lived connections a pool of 16 serves 16
 * clients within milliseconds and the rest never: {@code served 16, never 484}.
 *
 * @param clients clients in the run
 * @param served  clients with at least one verified reply in the whole run (warm-up included)
 * @param never   clients without any
 * @param minMs   shortest wait of a served client, milliseconds; 0 when none was served (so are the others)
 * @param p50Ms   median wait of the served clients
 * @param p90Ms   90th percentile
 * @param p99Ms   99th percentile
 * @param maxMs   longest wait of a served client
 */
public record FirstReplies(int clients, int served, int never, double minMs, double p50Ms, double p90Ms,
                           double p99Ms, double maxMs) {

    /** From the per-client times in nanoseconds, -1 meaning never served. */
    public static FirstReplies of(long[] firstReplyNanos) {
        long[] served = Arrays.stream(firstReplyNanos).filter(t -> t >= 0).sorted().toArray();
        int n = firstReplyNanos.length;
        if (served.length == 0) return new FirstReplies(n, 0, n, 0, 0, 0, 0, 0);
        return new FirstReplies(n, served.length, n - served.length, ms(served[0]), ms(rank(served, 50)),
                ms(rank(served, 90)), ms(rank(served, 99)), ms(served[served.length - 1]));
    }

    /** The nearest-rank percentile of sorted values. */
    static long rank(long[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1e3) / 1e3;
    }
}
