package dev.loombench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loombench.server.ServerStats;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server running as a child process ({@code bench serve}), driven through the JSON event
 * lines it prints on stdout: {@code {"event":"ready","port":..,"pid":..}} once bound,
 * {@code {"event":"died","reason":..}} if the server can no longer serve (it then exits), and
 * {@code {"event":"stopped","counters":{..}}} after SIGTERM. Its stderr is kept (the last
 * {@value #STDERR_LINES} lines) to explain a failure.
 *
 * <p>The child never outlives the client: {@link #close} stops it (SIGTERM, then SIGKILL after
 * a grace period); a shutdown hook does the same when the client JVM ends by Ctrl-C or a crash;
 * and the child's stdin is a pipe the client never writes, so a child started with
 * {@code serve --exit-on-stdin-eof} exits by itself when the client is killed outright
 * (SIGKILL closes the pipe).
 */
public final class ChildServer implements AutoCloseable {

    static final int STDERR_LINES = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
    private final CompletableFuture<JsonNode> stopped = new CompletableFuture<>();
    private final Deque<String> stderr = new ArrayDeque<>();
    private final Thread stdoutReader;
    private final Thread stderrReader;
    private final Thread shutdownHook;
    private JsonNode readyEvent;
    private volatile String diedReason;
    private ServerStats.Snapshot counters;
    private boolean closed;

    private ChildServer(Process process) {
        this.process = process;
        this.stdoutReader = Thread.ofPlatform().daemon().name("loombench-child-stdout").start(this::readStdout);
        this.stderrReader = Thread.ofPlatform().daemon().name("loombench-child-stderr").start(this::readStderr);
        this.shutdownHook = new Thread(() -> kill(Duration.ofSeconds(2)), "loombench-child-killer");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code command} and waits until it printed its ready line.
     *
     * @throws ChildServerException if it could not start, died, or was not ready in time; the
     *                              child is then gone, and the message carries its stderr
     */
    public static ChildServer start(List<String> command, Duration readyTimeout) throws ChildServerException {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new ChildServerException("could not start the server: " + e.getMessage());
        }
        ChildServer child = new ChildServer(process);
        try {
            child.readyEvent = child.ready.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return child;
        } catch (TimeoutException e) {
            child.close();
            throw new ChildServerException("the server was not ready within " + readyTimeout.toSeconds() + " s" + child.stderrReport());
        } catch (ExecutionException e) {
            child.close();
            throw new ChildServerException("the server exited before it was ready (exit code " + child.exitCode() + ")"
                    + child.stderrReport());
        } catch (InterruptedException e) {
            child.close();
            Thread.currentThread().interrupt();
            throw new ChildServerException("interrupted while waiting for the server");
        }
    }

    /** The port from the ready line. */
    public int port() {
        return readyEvent.path("port").asInt();
    }

    /** The child's process id (from the ready line, which is the JVM's own view). */
    public long pid() {
        return readyEvent.path("pid").asLong(process.pid());
    }

    /** The whole ready event, as printed. */
    public JsonNode readyEvent() {
        return readyEvent;
    }

    /** Why the server said it died ({@code died} event), or null if it did not. */
    public String diedReason() {
        return diedReason;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or null while it runs. */
    public Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    /**
     * Stops the server with SIGTERM and returns its final counters from the stopped line; kills
     * it if it has not ended within {@code grace}. Idempotent. Returns null if the server
     * printed no counters (it died, or had to be killed).
     */
    public synchronized ServerStats.Snapshot stop(Duration grace) {
        if (closed) return counters;
        closed = true;
        kill(grace);
        try {
            stdoutReader.join(Duration.ofSeconds(2));
            JsonNode event = stopped.getNow(null);
            if (event != null && event.has("counters")) counters = JSON.treeToValue(event.get("counters"), ServerStats.Snapshot.class);
        } catch (IOException e) {
            counters = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it kills the child too
        }
        return counters;
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    /** The last lines the server wrote to stderr. */
    public String stderrTail() {
        synchronized (stderr) {
            return String.join("\n", stderr);
        }
    }

    private void kill(Duration grace) {
        if (!process.isAlive()) return;
        // Through the ProcessHandle: Process.destroy() would also close our end of the child's
        // stdout at once, and the stopped line with the counters would be lost.
        ProcessHandle handle = process.toHandle();
        handle.destroy(); // SIGTERM: the server closes cleanly and prints its counters
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                handle.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String stderrReport() {
        try {
            process.waitFor(2, TimeUnit.SECONDS);
            stderrReader.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String tail = stderrTail();
        return tail.isBlank() ? "; it wrote nothing to stderr" : "; its stderr ends with:\n" + tail.indent(2).stripTrailing();
    }

    private void readStdout() {
        try (BufferedReader lines = reader(process.getInputStream())) {
            for (String line; (line = lines.readLine()) != null; ) {
                JsonNode event = event(line);
                if (event == null) continue;
                switch (event.path("event").asText()) {
                    case "ready" -> ready.complete(event);
                    case "died" -> diedReason = event.path("reason").asText();
                    case "stopped" -> stopped.complete(event);
                    default -> { }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // the child is gone; whatever did not arrive stays missing
        } finally {
            ready.completeExceptionally(new IOException("the server's stdout ended"));
            stopped.complete(null);
        }
    }

    /** The JSON event on {@code line}, or null for any other output. */
    private static JsonNode event(String line) {
        if (!line.startsWith("{")) return null;
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

    private void readStderr() {
        try (BufferedReader lines = reader(process.getErrorStream())) {
            for (String line; (line = lines.readLine()) != null; ) {
                synchronized (stderr) {
                    if (stderr.size() == STDERR_LINES) stderr.removeFirst();
                    stderr.addLast(line);
                }
            }
        } catch (IOException e) {
            // the child is gone
        }
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** The server could not be started or did not become ready; the message says why, with its stderr. */
    public static final class ChildServerException extends Exception {
        public ChildServerException(String message) {
            super(message);
        }
    }
}
