package dev.loombench.fault;

import dev.loombench.client.ChildServer;
import dev.loombench.client.ProcessResources;
import dev.loombench.client.ResourceSample;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import dev.loombench.server.ServerStats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A server model running as a child process ({@link ChildServer}) for the fault suite, watched
 * from outside as a leak would show: OS threads, open file descriptors, resident memory and CPU
 * time from {@code /proc/<pid>}, and what it writes to stderr. Optionally started under a low
 * descriptor limit ({@code bash -c 'ulimit -n N; exec java ...'}).
 */
public final class ServerUnderTest implements AutoCloseable {

    /**
     * The server process's resources at one moment.
     *
     * @param fds open file descriptors (sockets, the listener, the JVM's own files)
     */
    public record Usage(long threads, long rssBytes, long cpuNanos, int fds) {
        /** The same, or an "unknown" sample (-1 everywhere) when the process is gone. */
        static Usage of(ResourceSample sample, int fds) {
            return sample == null ? new Usage(-1, -1, -1, fds) : new Usage(sample.threads(), sample.rssBytes(), sample.cpuNanos(), fds);
        }
    }

    /** Builds the command line of a {@code bench serve} child for a model and its settings. */
    @FunctionalInterface
    public interface Launcher {
        List<String> command(ServerKind kind, ServerConfig config);
    }

    private final ChildServer child;
    private final ServerKind kind;
    private final ServerConfig config;
    private final int fileLimit;

    private ServerUnderTest(ChildServer child, ServerKind kind, ServerConfig config, int fileLimit) {
        this.child = child;
        this.kind = kind;
        this.config = config;
        this.fileLimit = fileLimit;
    }

    /** Starts the child and waits for its ready line; {@code fileLimit} > 0 runs it under {@code ulimit -n fileLimit}. */
    public static ServerUnderTest start(Launcher launcher, ServerKind kind, ServerConfig config, int fileLimit)
            throws ChildServer.ChildServerException {
        List<String> command = launcher.command(kind, config);
        if (fileLimit > 0) {
            List<String> limited = new ArrayList<>(List.of("bash", "-c", "ulimit -n " + fileLimit + " && exec \"$@\"", "bash"));
            limited.addAll(command);
            command = limited;
        }
        return new ServerUnderTest(ChildServer.start(command, Duration.ofSeconds(30)), kind, config, fileLimit);
    }

    public ServerKind kind() {
        return kind;
    }

    public ServerConfig config() {
        return config;
    }

    public int fileLimit() {
        return fileLimit;
    }

    public long pid() {
        return child.pid();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", child.port());
    }

    public boolean isAlive() {
        return child.isAlive();
    }

    public Usage usage() {
        return Usage.of(ProcessResources.sample(pid()), openFiles());
    }

    /**
     * Time the server's threads spent runnable so far, nanoseconds: on a CPU or waiting for one
     * (the first two fields of {@code /proc/<pid>/task/<tid>/schedstat}, summed over the live
     * threads). Unlike CPU time, it shows a busy spin even on a saturated machine: a spinning
     * thread is runnable all the time, whatever share of a CPU it gets. -1 if unreadable.
     */
    public long runnableNanos() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid()), "task"))) {
            long sum = 0;
            for (Path task : tasks.toList()) {
                try {
                    String[] fields = Files.readString(task.resolve("schedstat")).trim().split("\\s+");
                    sum += Long.parseLong(fields[0]) + Long.parseLong(fields[1]);
                } catch (IOException threadEnded) {
                    // gone since the listing
                }
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Open descriptors of the server process now ({@code /proc/<pid>/fd}); -1 if unreadable. */
    public int openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
            return (int) fds.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Waits, at most {@code timeout}, until threads and descriptors are back to at most
     * {@code before} plus {@code tolerance}; returns the last sample either way.
     */
    public Usage settle(Usage before, int tolerance, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Usage now = usage();
        while (!(now.threads() <= before.threads() + tolerance && now.fds() <= before.fds() + tolerance)
                && System.nanoTime() - deadline < 0 && isAlive()) {
            Thread.sleep(50);
            now = usage();
        }
        return now;
    }

    /** The last lines the server wrote to stderr (its log). */
    public List<String> stderrLines() {
        String tail = child.stderrTail();
        return tail.isEmpty() ? List.of() : List.of(tail.split("\n"));
    }

    /** The lines of {@code after} that came after {@code before} (both tails of the same log, {@code after} later). */
    public static List<String> newLines(List<String> before, List<String> after) {
        for (int overlap = Math.min(before.size(), after.size()); overlap > 0; overlap--) {
            if (before.subList(before.size() - overlap, before.size()).equals(after.subList(0, overlap))) {
                return after.subList(overlap, after.size());
            }
        }
        return after;
    }

    /** Stops the server (SIGTERM) and returns its final counters, or null if it printed none (it died, or had to be killed). */
    public ServerStats.Snapshot stop() {
        return child.stop(Duration.ofSeconds(10));
    }

    public String stderrTail() {
        return child.stderrTail();
    }

    @Override
    public void close() {
        child.close();
    }
}
