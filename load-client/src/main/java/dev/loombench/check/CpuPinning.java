package dev.loombench.check;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Which CPUs the servers and the load client run on ({@code taskset}, util-linux). On a shared
 * small machine this is what makes server CPU time comparable between runs: the server's threads
 * never queue behind the client's, and each side's caches stay its own.
 *
 * @param serverCpus CPU list for every server, e.g. {@code 1} or {@code 2-3}; null = not pinned
 * @param clientCpus CPU list for this process (the load client); null = not pinned
 */
public record CpuPinning(String serverCpus, String clientCpus) {

    /** Nothing pinned. */
    public static CpuPinning none() {
        return new CpuPinning(null, null);
    }

    /** The default: the client on the lower half of {@code cpus} CPUs, the servers on the upper half; none with one CPU. */
    public static CpuPinning halves(int cpus) {
        if (cpus < 2) return none();
        int half = cpus / 2;
        return new CpuPinning(range(half, cpus - 1), range(0, half - 1));
    }

    private static String range(int from, int to) {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }

    public boolean pinned() {
        return serverCpus != null || clientCpus != null;
    }

    /** What to put before a server's command line: {@code taskset -c CPUS}, or nothing. */
    public List<String> serverPrefix() {
        return serverCpus == null ? List.of() : List.of("taskset", "-c", serverCpus);
    }

    /**
     * Pins every thread of this process to the client CPUs; threads started later inherit it.
     *
     * @throws IOException if taskset is missing or refused (e.g. a CPU that does not exist)
     */
    public void pinThisProcess() throws IOException, InterruptedException {
        if (clientCpus == null) return;
        Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", clientCpus, Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes()).trim();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("could not pin the load client to CPUs " + clientCpus + " with taskset: " + output);
        }
    }

    /** e.g. {@code servers on CPU 1, client on CPU 0}, or {@code not pinned}. */
    public String describe() {
        if (!pinned()) return "not pinned";
        return "servers on CPU " + (serverCpus == null ? "any" : serverCpus) + ", client on CPU " + (clientCpus == null ? "any" : clientCpus);
    }
}
