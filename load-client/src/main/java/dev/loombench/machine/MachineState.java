package dev.loombench.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.Locale;

/**
 * How busy the machine is right before a command measures anything: the load averages and what
 * the CPUs to be used did over a short look ({@code /proc/loadavg}, {@code /proc/stat}). Printed
 * at the start of {@code bench run}, {@code sweep} and {@code demo} and kept with their results,
 * so a reader knows what the figures were made on. Immutable.
 *
 * @param cpus        the CPUs looked at, taskset-style
 * @param loadAverage the 1-, 5- and 15-minute load averages; empty off Linux
 * @param busyPct     user + system + interrupt time of those CPUs over the look, percent of their capacity
 * @param stealPct    steal over the look, percent of their capacity
 * @param seconds     how long the look lasted
 */
public record MachineState(String cpus, double[] loadAverage, double busyPct, double stealPct, double seconds) {

    /** Looks at {@code cpus} for {@code look} (sleeping meanwhile). */
    public static MachineState sample(BitSet cpus, Duration look) throws InterruptedException {
        CpuTicks before = CpuTicks.read(cpus);
        Thread.sleep(look);
        CpuTicks after = CpuTicks.read(cpus);
        double busy = 0;
        double steal = 0;
        if (before != null && after != null) {
            CpuTicks d = after.minus(before);
            double capacity = Math.max(1, d.total());
            busy = 100 * (d.busy() + d.irq()) / capacity;
            steal = 100 * d.steal() / capacity;
        }
        return new MachineState(NoiseGuard.cpuList(cpus), loadAverages(), Math.round(busy * 10) / 10.0,
                Math.round(steal * 10) / 10.0, look.toMillis() / 1e3);
    }

    /** e.g. {@code load average 1.52 0.80 0.40; CPUs 0-1 were 3.0% busy, steal 0.0%, over 0.5 s before the start}. */
    public String describe() {
        String load = loadAverage.length == 3
                ? String.format(Locale.ROOT, "load average %.2f %.2f %.2f", loadAverage[0], loadAverage[1], loadAverage[2])
                : "load average unknown";
        return String.format(Locale.ROOT, "%s; CPUs %s were %.1f%% busy, steal %.1f%%, over %.1f s before the start",
                load, cpus, busyPct, stealPct, seconds);
    }

    private static double[] loadAverages() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        } catch (IOException | RuntimeException e) {
            return new double[0];
        }
    }
}
