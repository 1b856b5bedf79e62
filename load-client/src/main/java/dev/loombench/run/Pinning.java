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
     * the first half for the client, the rest for the server; none on a single CPU. Either side may
     * be given explicitly ({@code --client-cpus}, {@code --server-cpus}); a given set must lie within
     * the allowed CPUs.
     *
     * @throws IllegalArgumentException for a set outside the allowed CPUs, with the allowed ones named
     */
    public static Pinning forChildServer(CpuSet allowed, CpuSet client, CpuSet server) {
        check(allowed, client, "--client-cpus");
        check(allowed, server, "--server-cpus");
        if (client != null && server != null) return new Pinning(client, server, "");
        if (allowed.size() < 2) {
            return new Pinning(client, server, client == null && server == null ? "one CPU (" + allowed + "): client and server share it" : "");
        }
        List<CpuSet> halves = allowed.halves();
        return new Pinning(client != null ? client : halves.get(0), server != null ? server : halves.get(1), "");
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

    /** One line for people: {@code client CPU 0, server CPU 1}. */
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
