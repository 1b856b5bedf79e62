package dev.loombench.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time from {@code /proc/<pid>/stat} ({@code utime + stime}, every thread, dead
 * ones included): counted in the same clock ticks as {@code /proc/stat}, so the two can be
 * subtracted. One file read: cheap enough to sample four times a second beside a benchmark.
 */
public final class ProcessCpu {

    private ProcessCpu() {}

    /** CPU time of process {@code pid} in nanoseconds (tick resolution), or -1 when it cannot be read (gone, not Linux). */
    public static long nanos(long pid) {
        try {
            return parseTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))) * CpuTicks.NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {@code utime + stime} of a {@code /proc/<pid>/stat} line, in ticks ({@link CpuTicks#NANOS_PER_TICK} each). */
    public static long parseTicks(String stat) {
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'
        // one space between fields: split(" ") is String's fast path, no regex compiled per call
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of stat
    }
}
