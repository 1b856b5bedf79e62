package dev.loombench.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A process's threads, resident memory and CPU time, read from {@code /proc/<pid>/status}
 * ({@code Threads}, {@code VmRSS}) and {@code /proc/<pid>/stat} ({@code utime + stime}, in clock
 * ticks of 1/100 s, the value Linux uses on every common architecture). Linux only; elsewhere,
 * or once the process is gone, a sample is null.
 */
public final class ProcessResources {

    static final long NANOS_PER_CLOCK_TICK = 10_000_000;

    private ProcessResources() {}

    /** Samples process {@code pid} each time it is called (null when it cannot be read). */
    public static Supplier<ResourceSample> of(long pid) {
        return () -> sample(pid);
    }

    /** The resources of process {@code pid} now, or null. */
    public static ResourceSample sample(long pid) {
        try {
            Path dir = Path.of("/proc", Long.toString(pid));
            return parse(Files.readString(dir.resolve("status")), Files.readString(dir.resolve("stat")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Parses the text of {@code /proc/<pid>/status} and {@code /proc/<pid>/stat}. */
    static ResourceSample parse(String status, String stat) {
        long threads = -1;
        long rssBytes = -1;
        for (String line : status.split("\n")) {
            if (line.startsWith("Threads:")) threads = Long.parseLong(line.substring(8).trim());
            else if (line.startsWith("VmRSS:")) rssBytes = Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
        }
        // stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so split after the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15 of stat: utime, stime
        return new ResourceSample(threads, rssBytes, ticks * NANOS_PER_CLOCK_TICK);
    }
}
