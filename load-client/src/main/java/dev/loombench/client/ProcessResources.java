package dev.loombench.client;

import dev.loombench.machine.CpuTicks;
import dev.loombench.machine.ProcessCpu;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A process's threads, memory and CPU time, read from {@code /proc/<pid>}: {@code status}
 * ({@code Threads}, {@code VmRSS}, {@code VmHWM}), and CPU time from two sources, each a lower
 * bound of the truth: the sum of {@code task/<tid>/schedstat} (nanoseconds, live threads only)
 * and {@code stat}'s {@code utime + stime} (every thread, dead ones included, in clock ticks of
 * 10 ms). The larger one is taken, and a sampler never goes backwards: with long-lived threads
 * the figure is exact to the nanosecond; when threads come and go (a thread per rfc868
 * connection) it is exact to a tick. Above {@value #TASKS_READ_UP_TO} threads only {@code stat}
 * is read: each task costs the reader an open, a read and a close (~17 µs on the 2-core VM), and a
 * {@code thread} server with 2,000 threads made the client's sampler spend 3.5 % of its core on
 * them; {@code stat}'s sum is the kernel's own total of every thread's run time, cut to whole ticks.
 * Linux only; elsewhere, or once the process is gone, a sample is null.
 */
public final class ProcessResources {

    /** Up to this many threads each one's {@code schedstat} is read as well (nanoseconds instead of ticks). */
    static final long TASKS_READ_UP_TO = 256;

    private ProcessResources() {}

    /** Samples process {@code pid} each time it is called (null when it cannot be read); CPU never decreases. */
    public static Supplier<ResourceSample> of(long pid) {
        long[] highest = {0};
        return () -> {
            ResourceSample s = sample(pid);
            if (s == null) return null;
            highest[0] = Math.max(highest[0], s.cpuNanos());
            return new ResourceSample(s.threads(), s.rssBytes(), s.peakRssBytes(), highest[0]);
        };
    }

    /** The resources of process {@code pid} now, or null. */
    public static ResourceSample sample(long pid) {
        try {
            Path dir = Path.of("/proc", Long.toString(pid));
            return withTaskNanos(dir, parse(Files.readString(dir.resolve("status")), Files.readString(dir.resolve("stat"))));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code parsed} (CPU in ticks) with the CPU of its threads' schedstat when that is larger and there are few threads. */
    static ResourceSample withTaskNanos(Path dir, ResourceSample parsed) throws IOException {
        if (parsed.threads() > TASKS_READ_UP_TO) return parsed;
        return new ResourceSample(parsed.threads(), parsed.rssBytes(), parsed.peakRssBytes(),
                Math.max(parsed.cpuNanos(), taskNanos(dir)));
    }

    /** The CPU time of the live threads of the process at {@code dir}, from each one's schedstat (ns). */
    static long taskNanos(Path dir) throws IOException {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(dir.resolve("task"))) {
            for (Path task : tasks) {
                try {
                    String schedstat = Files.readString(task.resolve("schedstat"));
                    sum += Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
                } catch (IOException e) {
                    // the thread ended while we looked
                }
            }
        }
        return sum;
    }

    /** Parses the text of {@code /proc/<pid>/status} and {@code /proc/<pid>/stat} (CPU in ticks only). */
    static ResourceSample parse(String status, String stat) {
        long threads = -1;
        long rssBytes = -1;
        long hwmBytes = -1;
        for (String line : status.split("\n")) {
            if (line.startsWith("Threads:")) threads = Long.parseLong(line.substring(8).trim());
            else if (line.startsWith("VmRSS:")) rssBytes = kib(line.substring(6));
            else if (line.startsWith("VmHWM:")) hwmBytes = kib(line.substring(6));
        }
        return new ResourceSample(threads, rssBytes, hwmBytes, ProcessCpu.parseTicks(stat) * CpuTicks.NANOS_PER_TICK);
    }

    private static long kib(String value) {
        String kib = value.trim(); // "1234 kB"
        int space = kib.indexOf(' ');
        return Long.parseLong(space < 0 ? kib : kib.substring(0, space)) * 1024;
    }
}
