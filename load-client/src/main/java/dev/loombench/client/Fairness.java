package dev.loombench.client;

import java.util.Arrays;

/**
 * How evenly a run served its clients, from the verified requests of each: how many were served
 * at all, the least, median and most any client got, and Jain's fairness index
 * {@code (Σx)² / (n·Σx²)} — 1.0 when all got the same, {@code k/n} when k clients got equal
 * shares and the rest nothing. This is what makes pool starvation visible: with long-lived
 * connections a pool of 4 serves exactly 4 clients, and every other client gets nothing.
 *
 * @param clients    number of clients
 * @param served     clients with at least one verified request
 * @param min        fewest requests of any client
 * @param median     median requests per client
 * @param max        most requests of any client
 * @param jainIndex  Jain's index in (0, 1]; 0 when no client was served
 */
public record Fairness(int clients, int served, long min, double median, long max, double jainIndex) {

    public static Fairness of(long[] requestsPerClient) {
        int n = requestsPerClient.length;
        if (n == 0) return new Fairness(0, 0, 0, 0, 0, 0);
        long[] sorted = requestsPerClient.clone();
        Arrays.sort(sorted);
        double sum = 0;
        double sumOfSquares = 0;
        int served = 0;
        for (long x : sorted) {
            sum += x;
            sumOfSquares += (double) x * x;
            if (x > 0) served++;
        }
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        double jain = sumOfSquares == 0 ? 0 : sum * sum / (n * sumOfSquares);
        return new Fairness(n, served, sorted[0], median, sorted[n - 1], jain);
    }

    /** True when every client got at least one verified request. */
    public boolean allServed() {
        return served == clients;
    }
}
