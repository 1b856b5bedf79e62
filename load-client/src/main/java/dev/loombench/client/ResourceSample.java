package dev.loombench.client;

/**
 * A server process's resources at one moment, read from {@code /proc/<pid>}.
 *
 * @param threads  OS threads of the process (virtual threads are not OS threads and do not count)
 * @param rssBytes resident set size
 * @param cpuNanos user + system CPU time consumed since the process started
 */
public record ResourceSample(long threads, long rssBytes, long cpuNanos) {}
