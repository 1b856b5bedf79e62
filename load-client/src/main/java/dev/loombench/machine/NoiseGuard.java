package dev.loombench.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Watches the machine while a run measures, so that a figure made while something else ran is
 * marked instead of trusted. Four times a second it reads the CPU ticks of the run's CPUs
 * ({@code /proc/stat}) and the CPU time of the run's own processes (the load client and the child
 * server, {@code /proc/<pid>/stat}); {@link #judge} takes the samples inside the measured phase
 * and works out what <em>other</em> processes took of those CPUs, and how much the hypervisor
 * stole. Interrupt time is left out: on loopback it is mostly the run's own packets, which the
 * kernel charges to no process.
 *
 * <p><b>The limit: {@value #OTHERS_LIMIT_PCT} % of the CPUs' capacity</b> (others plus steal).
 * A run that keeps its CPUs busy — the normal case for a closed-loop benchmark — loses about what
 * others take: 5 % of two CPUs is a tenth of one core, enough to move a single-core server's
 * throughput by up to 10 %. The target for repetitions of one command is a spread of at
 * most 5 %, so a run disturbed by more than that cannot meet it whatever the model does. An idle
 * Linux VM's own housekeeping stays well under 1 %. A client stall (its {@code HiccupMeter}) above
 * the caller's limit also makes a run noisy: its latencies include the client's own pause.
 *
 * <p>Usage: {@code try (NoiseGuard g = NoiseGuard.start(cpus, clientPid, serverPid)) { ...run...;
 * noise = g.judge(start, end, maxHiccupNanos, stallLimitNanos); }} One sampling thread (a daemon,
 * ended by {@link #close}); {@link #judge} may be called from any thread, also after close.
 */
public final class NoiseGuard implements AutoCloseable {

    /** Others' CPU plus steal above this share of the watched CPUs' capacity makes a run noisy, percent. */
    public static final double OTHERS_LIMIT_PCT = 5;
    static final long PERIOD_MILLIS = 250;

    /** One reading: when, the CPUs' ticks, and the CPU time of our processes ({@code -1}: unknown). */
    record Sample(long epochMillis, CpuTicks ticks, long oursNanos) {}

    private final BitSet cpus;
    private final long[] pids;
    private final List<Sample> samples = new ArrayList<>();
    private final long[] lastKnown;
    private final Thread thread;
    private volatile boolean running = true;

    private NoiseGuard(BitSet cpus, long[] pids) {
        this.cpus = (BitSet) cpus.clone();
        this.pids = pids.clone();
        this.lastKnown = new long[pids.length];
        sample();
        this.thread = Thread.ofPlatform().daemon().name("loombench-noise-guard").start(this::loop);
    }

    /**
     * Starts watching {@code cpus}; the processes {@code pids} are the run's own (their CPU is not
     * "others"). A pid of -1 is ignored. Off Linux the guard samples nothing and judges nothing.
     */
    public static NoiseGuard start(BitSet cpus, long... pids) {
        return new NoiseGuard(cpus, pids);
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            sample();
        }
    }

    private void sample() {
        CpuTicks ticks = CpuTicks.read(cpus);
        if (ticks == null) return;
        long ours = 0;
        for (int i = 0; i < pids.length; i++) {
            if (pids[i] < 0) continue;
            long n = ProcessCpu.nanos(pids[i]);
            if (n >= 0) lastKnown[i] = n; // a process that ended keeps the CPU it had
            ours += lastKnown[i];
        }
        synchronized (samples) {
            samples.add(new Sample(System.currentTimeMillis(), ticks, ours));
        }
    }

    /**
     * What others did on the CPUs between {@code from} and {@code to} (the measured phase): the
     * samples inside it, or the nearest ones around it when it is shorter than two samples apart.
     *
     * @param clientMaxHiccupNanos the load client's longest stall in that time
     * @param stallLimitNanos      a stall above this makes the run noisy
     * @param judgeOthers          false when some of the run's CPU cannot be seen (a {@code --target}
     *                             server on this machine): others' share is then not judged
     * @return the verdict; null when nothing could be sampled (not Linux)
     */
    public Noise judge(Instant from, Instant to, long clientMaxHiccupNanos, long stallLimitNanos, boolean judgeOthers) {
        List<Sample> all;
        synchronized (samples) {
            all = List.copyOf(samples);
        }
        if (all.size() < 2) return null;
        long f = from.toEpochMilli();
        long t = to.toEpochMilli();
        List<Sample> inside = all.stream().filter(s -> s.epochMillis() >= f && s.epochMillis() <= t).toList();
        Sample first;
        Sample last;
        if (inside.size() >= 2) {
            first = inside.getFirst();
            last = inside.getLast();
        } else {
            first = all.stream().filter(s -> s.epochMillis() <= f).reduce((a, b) -> b).orElse(all.getFirst());
            last = all.stream().filter(s -> s.epochMillis() >= t).findFirst().orElse(all.getLast());
            if (first == last) return null;
        }
        CpuTicks d = last.ticks().minus(first.ticks());
        double capacity = Math.max(1, d.total());
        double oursTicks = (last.oursNanos() - first.oursNanos()) / (double) CpuTicks.NANOS_PER_TICK;
        Double others = judgeOthers ? 100 * Math.max(0, d.busy() - oursTicks) / capacity : null;
        return Noise.judge(cpuList(cpus), (last.epochMillis() - first.epochMillis()) / 1e3, others,
                100 * d.steal() / capacity, loadAverage(), clientMaxHiccupNanos / 1e6, stallLimitNanos / 1e6);
    }

    /** The 1-minute load average, or null off Linux. */
    public static Double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code 0-3,6}, as taskset writes it. */
    static String cpuList(BitSet cpus) {
        StringBuilder b = new StringBuilder();
        int i = cpus.nextSetBit(0);
        while (i >= 0) {
            int end = cpus.nextClearBit(i) - 1;
            if (!b.isEmpty()) b.append(',');
            b.append(end == i ? Integer.toString(i) : i + "-" + end);
            i = cpus.nextSetBit(end + 1);
        }
        return b.toString();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
