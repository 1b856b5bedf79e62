package dev.loombench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Which CPUs the load client and a child server may run on. Pinned to disjoint sets, the two stop
 * competing for the same cores and the same caches, and the scheduler stops moving them around:
 * on the 2-core VM the spread of five identical runs fell from 27 % unpinned to under 2 % pinned
 * (README, "Numbers that hold"). The price: each side gets only its set, so a multi-threaded server
 * model (thread, pool, virtual, multi-loop nio) runs all its threads on the server's cores only,
 * and the client runs one event loop per client core.
 *
 * <p>Which half: the server takes the first CPUs, the client the last ones. CPU 0 usually does the
 * machine's housekeeping (on the 2-core VM it takes about twice CPU 1's timer interrupts, and the
 * same work costs 1.5–3 % more CPU time there), and in a closed loop where each side spends about
 * the same per request the slower side sets the pace. With the client on CPU 0, {@code bench}
 * measured the {@code nio} server at 0.95–0.97 of what a bare client (results/instrument) measured
 * against it: the client was the bottleneck. With the server on CPU 0, 0.98–1.01: the server, the
 * thing measured, is the bottleneck, as a load generator must make it.
 *
 * <p>How: a child server is started under {@code taskset -c SERVER}, so its JVM sees and sizes its
 * pools for its own CPUs; the client pins its own running JVM, every thread of it, with
 * {@code taskset -a -p -c CLIENT <pid>} (threads started later inherit the set).
 *
 * @param client CPUs for the load client; null = not pinned
 * @param server CPUs for a child server; null = not pinned
 * @param note   why there is no pinning, or empty
 */
public record Pinning(CpuSet client, CpuSet server, String note) {

    /** No pinning at all ({@code --no-pin}). */
    public static Pinning none(String why) {
        return new Pinning(null, null, why);
    }

    /**
     * The default for a run with a child server: disjoint halves of the CPUs this process may use,
     * the first half (the larger when the count is odd) for the server, the rest for the client;
     * none on a single CPU. Either side may be given explicitly ({@code --client-cpus},
     * {@code --server-cpus}); a given set must lie within the allowed CPUs, and the other side then
     * gets the allowed CPUs the given set leaves (all of them if it leaves none).
     *
     * @throws IllegalArgumentException for a set outside the allowed CPUs, with the allowed ones named
     */
    public static Pinning forChildServer(CpuSet allowed, CpuSet client, CpuSet server) {
        check(allowed, client, "--client-cpus");
        check(allowed, server, "--server-cpus");
        if (client != null && server != null) return new Pinning(client, server, "");
        if (client != null) return new Pinning(client, rest(allowed, client), "");
        if (server != null) return new Pinning(rest(allowed, server), server, "");
        if (allowed.size() < 2) return new Pinning(null, null, "one CPU (" + allowed + "): client and server share it");
        List<CpuSet> halves = allowed.halves();
        return new Pinning(halves.get(1), halves.get(0), "");
    }

    private static CpuSet rest(CpuSet allowed, CpuSet given) {
        CpuSet rest = allowed.without(given);
        return rest != null ? rest : allowed;
    }

    /** With {@code --target}: only the client, and only if asked. */
    public static Pinning forTarget(CpuSet allowed, CpuSet client) {
        check(allowed, client, "--client-cpus");
        return new Pinning(client, null, client == null ? "--target: not pinned by bench; the client may use CPUs " + allowed : "");
    }

    private static void check(CpuSet allowed, CpuSet set, String option) {
        if (set != null && !allowed.containsAll(set)) {
            throw new IllegalArgumentException(option + " " + set + " is outside the CPUs this process may use (" + allowed + ")");
        }
    }

    /** True when client and server run on shared CPUs (one of them not pinned, or overlapping sets). */
    public boolean shared() {
        return client == null || server == null || client.intersects(server);
    }

    /** The command that starts {@code command} on the server's CPUs (unchanged when the server is not pinned). */
    public List<String> serverCommand(List<String> command) {
        if (server == null) return command;
        List<String> pinned = new ArrayList<>(List.of("taskset", "-c", server.toString()));
        pinned.addAll(command);
        return pinned;
    }

    /** One line for people: {@code client CPU 1, server CPU 0}. */
    public String describe() {
        String c = client == null ? "client unpinned" : "client CPU " + client;
        String s = server == null ? "server unpinned" : "server CPU " + server;
        return c + ", " + s + (note.isEmpty() ? "" : " (" + note + ")");
    }

    /** The CPUs this process may run on now, from {@code /proc/self/status}; all available processors if unreadable. */
    public static CpuSet allowedCpus() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) return CpuSet.parse(line.substring(line.indexOf(':') + 1));
            }
        } catch (IOException | IllegalArgumentException e) {
            // not Linux, or an unexpected format: fall through
        }
        return CpuSet.parse("0-" + (Runtime.getRuntime().availableProcessors() - 1));
    }

    /**
     * Pins every thread of this JVM to {@code cpus} ({@code taskset -a -p -c}); threads started
     * later inherit it.
     *
     * @throws IOException with taskset's own words if it is missing or refused
     */
    public static void pinSelf(CpuSet cpus) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus.toString(), Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("taskset could not pin the client to CPUs " + cpus + ": " + output);
        }
    }
}
