package dev.loombench.fault;

import dev.loombench.protocol.Protocol;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * File-descriptor exhaustion: the server runs under {@code ulimit -n 64} with no connection
 * limit, and idle clients connect until it has no descriptor left for another accept (a few
 * more wait in the backlog). While it is exhausted, accept fails with EMFILE every time the
 * listener looks ready; the server must back off instead of spinning on it, so its CPU time
 * over the window (from {@code /proc}) is compared with the same window just before. Then the
 * idle clients leave, and service must resume at once: a fresh client is served.
 *
 * <p>{@code single} holds one connection at a time and {@code rfc868} closes each at once, so
 * connections cannot exhaust their descriptors: for them the fault does not apply.
 */
final class FdExhaustionFault implements Fault {

    static final int FILE_LIMIT = 64;
    /** Extra CPU, in cores, that exhaustion may cost; a spinning acceptor costs about one. */
    static final double SPIN_CORES = 0.25;
    /**
     * Extra runnable time, in cores, that exhaustion may cost. A spinning acceptor is runnable
     * all the time (1 core) even when a saturated machine gives it little CPU, which CPU time
     * alone would then miss.
     */
    static final double SPIN_RUNNABLE_CORES = 0.5;

    @Override
    public String name() {
        return "fd-exhaustion";
    }

    @Override
    public String description() {
        return "server under ulimit -n " + FILE_LIMIT + ", idle clients take every descriptor, then leave";
    }

    @Override
    public Set<Protocol> protocols() {
        return Set.of(Protocol.ECHO, Protocol.TIME);
    }

    @Override
    public String notApplicable(ServerKind kind, Protocol protocol) {
        return kind == ServerKind.SINGLE ? "single holds one connection at a time: connections cannot exhaust its descriptors" : null;
    }

    @Override
    public String criterion(ServerKind kind) {
        return "descriptors reach the limit; while exhausted, server CPU < baseline + " + SPIN_CORES + " core and runnable time < baseline + "
                + SPIN_RUNNABLE_CORES + " core (no accept spin); served again within 2 s once they free";
    }

    @Override
    public boolean ownServer() {
        return true;
    }

    @Override
    public int fileLimit() {
        return FILE_LIMIT;
    }

    @Override
    public ServerConfig serverConfig(ServerConfig suite) {
        return suite.withMaxConnections(0); // only the descriptors limit it
    }

    @Override
    public void inject(FaultTarget target, FaultOutcome outcome) throws Exception {
        ServerUnderTest server = target.server();
        Duration window = Duration.ofMillis(target.pick(1000, 3000));
        Load baseline = load(server, window);
        int holders = FILE_LIMIT - server.openFiles() + 8;
        List<FaultClient> idle = new ArrayList<>();
        try {
            for (int i = 0; i < holders; i++) {
                try {
                    idle.add(FaultClient.connect(target.address(), Duration.ofSeconds(1)));
                } catch (IOException backlogFull) {
                    break; // the backlog is full too: exhausted for sure
                }
            }
            int peak = awaitFiles(server, FILE_LIMIT, Duration.ofSeconds(3));
            outcome.check(peak >= FILE_LIMIT - 1, "not exhausted: the server's descriptors peaked at " + peak + " of " + FILE_LIMIT);
            Thread.sleep(100); // let the acceptor meet EMFILE
            Load during = load(server, window);
            outcome.check(during.cpu() <= baseline.cpu() + SPIN_CORES, String.format(
                    "server CPU %.2f cores while exhausted vs %.2f before: the acceptor spins", during.cpu(), baseline.cpu()));
            outcome.check(during.runnable() <= baseline.runnable() + SPIN_RUNNABLE_CORES, String.format(
                    "server threads runnable %.2f cores while exhausted vs %.2f before: the acceptor spins",
                    during.runnable(), baseline.runnable()));
            outcome.figure("idleClients", idle.size());
            outcome.figure("peakFds", peak);
            outcome.figure("cpuCoresBefore", round(baseline.cpu()));
            outcome.figure("cpuCoresExhausted", round(during.cpu()));
            outcome.figure("runnableCoresBefore", round(baseline.runnable()));
            outcome.figure("runnableCoresExhausted", round(during.runnable()));
            outcome.summary(String.format("%d/%d fds; CPU %.2f core exhausted vs %.2f before (runnable %.2f vs %.2f)", peak, FILE_LIMIT,
                    during.cpu(), baseline.cpu(), during.runnable(), baseline.runnable()));
        } finally {
            idle.forEach(FaultClient::close);
        }
        long freed = System.nanoTime();
        try (FaultClient fresh = FaultClient.connect(target.address(), FaultTarget.SLACK)) {
            FreshClient.exchange(target.protocol(), fresh, FaultTarget.SLACK);
            long resumed = (System.nanoTime() - freed) / 1_000_000;
            outcome.figure("servedAgainAfterMs", resumed);
            outcome.summary(outcome.summary() + "; served again " + resumed + " ms after");
        } catch (IOException e) {
            outcome.problem("not served within " + FaultTarget.SLACK.toMillis() + " ms after descriptors freed: " + e);
        }
    }

    /** The server's CPU time and runnable time over a window, each in cores. */
    private record Load(double cpu, double runnable) {}

    private static Load load(ServerUnderTest server, Duration window) throws InterruptedException {
        long start = System.nanoTime();
        long cpu = server.usage().cpuNanos();
        long runnable = server.runnableNanos();
        Thread.sleep(window);
        double wall = System.nanoTime() - start;
        return new Load((server.usage().cpuNanos() - cpu) / wall, (server.runnableNanos() - runnable) / wall);
    }

    private static int awaitFiles(ServerUnderTest server, int files, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int peak = server.openFiles();
        while (peak < files - 1 && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
            peak = Math.max(peak, server.openFiles());
        }
        return peak;
    }

    private static double round(double cores) {
        return Math.round(cores * 1000) / 1000.0;
    }
}
