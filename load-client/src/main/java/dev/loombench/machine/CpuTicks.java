package dev.loombench.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * CPU time of a set of CPUs as the kernel counts it in {@code /proc/stat}, in clock ticks
 * ({@code USER_HZ}, 10 ms): what every process did on them together. Immutable.
 *
 * @param busy  user + nice + system: time spent running processes (guest time is inside user)
 * @param irq   irq + softirq: interrupt work, which the kernel charges to no process — on loopback
 *              this is mostly the packets of the run itself, so it is kept apart from {@code busy}
 * @param idle  idle + iowait
 * @param steal time the hypervisor gave these virtual CPUs' turn to someone else
 */
public record CpuTicks(long busy, long irq, long idle, long steal) {

    /** Nanoseconds per clock tick of {@code /proc/stat} and {@code /proc/<pid>/stat} (USER_HZ = 100 on Linux). */
    public static final long NANOS_PER_TICK = 10_000_000;

    /** Every tick of these CPUs, whatever it was spent on. */
    public long total() {
        return busy + irq + idle + steal;
    }

    public CpuTicks minus(CpuTicks earlier) {
        return new CpuTicks(busy - earlier.busy, irq - earlier.irq, idle - earlier.idle, steal - earlier.steal);
    }

    /** The sum over {@code cpus} of {@code /proc/stat} now; null when it cannot be read (not Linux). */
    public static CpuTicks read(BitSet cpus) {
        try {
            return parse(Files.readString(Path.of("/proc/stat")), cpus);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The sum over {@code cpus} of the {@code cpuN} lines of a {@code /proc/stat} text; CPUs without a
     * line (offline) add nothing.
     *
     * @throws IllegalArgumentException when no line of {@code cpus} is there
     */
    static CpuTicks parse(String procStat, BitSet cpus) {
        long busy = 0, irq = 0, idle = 0, steal = 0;
        boolean any = false;
        for (String line : procStat.split("\n")) {
            if (!line.startsWith("cpu") || line.length() < 4 || !Character.isDigit(line.charAt(3))) continue;
            String[] f = line.trim().split(" "); // "cpuN" lines: one space between fields; no regex per call
            if (!cpus.get(Integer.parseInt(f[0].substring(3)))) continue;
            // cpuN user nice system idle iowait irq softirq steal guest guest_nice
            busy += field(f, 1) + field(f, 2) + field(f, 3);
            idle += field(f, 4) + field(f, 5);
            irq += field(f, 6) + field(f, 7);
            steal += field(f, 8);
            any = true;
        }
        if (!any) throw new IllegalArgumentException("no line in /proc/stat for CPUs " + cpus);
        return new CpuTicks(busy, irq, idle, steal);
    }

    private static long field(String[] f, int i) {
        return i < f.length ? Long.parseLong(f[i]) : 0;
    }
}
