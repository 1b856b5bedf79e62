package dev.loombench.client;

/**
 * A server process's resources at one moment, read from {@code /proc/<pid>}.
 *
 * @param threads   OS threads of the process (virtual threads are not OS threads and do not count)
 * @param rssBytes  resident set size now ({@code VmRSS})
 * @param peakRssBytes the peak resident set size since the process started ({@code VmHWM}); -1 if unknown
 * @param cpuNanos  user + system CPU time consumed since the process started, nanoseconds
 */
public record ResourceSample(long threads, long rssBytes, long peakRssBytes, long cpuNanos) {}
