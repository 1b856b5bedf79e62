package dev.loombench.client;

/**
 * What the load client reports once per second while it runs, for the progress display.
 *
 * @param phase           "connect", "warmup" or "measure"
 * @param elapsedSeconds  seconds since the phase began
 * @param totalSeconds    the phase's planned length
 * @param requestsPerSecond verified requests/s in the last interval
 * @param p99Nanos        p99 round-trip latency of the last interval, nanoseconds (0 if none)
 * @param errorsSoFar     failures of every class since the run began
 * @param liveConnections client connections open now
 */
public record Progress(String phase, double elapsedSeconds, double totalSeconds, double requestsPerSecond,
                       long p99Nanos, long errorsSoFar, int liveConnections) {}
