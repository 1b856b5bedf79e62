package dev.loombench.check;

/**
 * What one short run of a {@link CheckCase} measured.
 *
 * @param requestsPerSecond verified requests per second over the measured phase
 * @param p99Nanos          p99 round-trip latency
 * @param errors            failures of every class
 * @param clientsServed     clients that got at least one verified reply
 * @param clients           clients that were connected
 */
public record Sample(double requestsPerSecond, long p99Nanos, long errors, int clientsServed, int clients) {}
