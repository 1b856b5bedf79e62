package dev.loombench.report;

import java.util.Arrays;

/**
 * How evenly the measured requests were spread over the clients. This is what makes pool
 * starvation visible: with 500 long-lived connections and 100 workers, 400 clients are never
 * served however high the total throughput looks.
 *
 * <p>Jain's fairness index is {@code (Σx)² / (n · Σx²)} over all {@code n} clients, zeros
 * included: 1 when every client got the same share, {@code k/n} when {@code k} clients shared
 * everything equally and the rest got nothing (so {@code 1/n} when one client hogged it all).
 * It is defined as 0 when nobody was served (0/0), and for an empty client list.
 *
 * @param clients        clients counted (the length of the per-client array)
 * @param served         clients with at least one verified request
 * @param minRequests    fewest verified requests of any client
 * @param medianRequests median verified requests per client (mean of the middle two for even n)
 * @param maxRequests    most verified requests of any client
 * @param jainIndex      Jain's fairness index, in [1/n, 1], or 0 when nobody was served
 */
public record Fairness(int clients, int served, long minRequests, double medianRequests, long maxRequests,
                       double jainIndex) {

    /** The fairness of one run's per-client request counts (index = client number). */
    public static Fairness of(long[] requestsPerClient) {
        int n = requestsPerClient.length;
        if (n == 0) return new Fairness(0, 0, 0, 0, 0, 0);
        long[] sorted = requestsPerClient.clone();
        Arrays.sort(sorted);
        int served = 0;
        double sum = 0;
        double sumOfSquares = 0;
        for (long x : sorted) {
            if (x > 0) served++;
            sum += x;
            sumOfSquares += (double) x * x;
        }
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        double jain = sumOfSquares == 0 ? 0 : sum * sum / (n * sumOfSquares);
        return new Fairness(n, served, sorted[0], median, sorted[n - 1], jain);
    }
}
