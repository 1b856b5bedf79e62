package dev.loombench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.report.Summary;
import dev.loombench.server.Server;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code bench run} end to end: exit codes, the child-process path, and no child server ever left behind. */
class RunCommandTest {

    private static final Pattern CHILD_PID = Pattern.compile("server ready on port \\d+ \\(pid (\\d+)\\)");

    @TempDir
    Path results;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int bench(String... args) {
        return BenchCli.start(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    static List<Long> childPids(String stderr) {
        List<Long> pids = new ArrayList<>();
        Matcher m = CHILD_PID.matcher(stderr);
        while (m.find()) pids.add(Long.parseLong(m.group(1)));
        return pids;
    }

    static void assertGone(long pid) throws InterruptedException {
        for (int i = 0; i < 100 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) Thread.sleep(100);
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "child server " + pid + " still running");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "run --clients 2",                                                  // neither --impl nor --target
            "run --impl nio --target 127.0.0.1:7",                             // both
            "run --impl bogus",
            "run --impl nio --clients 100 --rate 5 --duration 10s",            // per-connection rate rounds to zero
            "run --impl nio --protocol time --op send --clients 1",
            "run --impl nio --protocol time --size 100",
            "run --impl nio --protocol rfc868 --pipeline 2",
            "run --impl nio --size 65MiB",
            "run --target nonsense",
            "run --impl thread --loops 2",                                     // thread has no event loops
            "run --impl virtual --poller-mode fibers"})                        // a poller mode the JDK refuses
    void settingsThatCannotBeHonouredExitWith2(String args) {
        assertEquals(2, bench(args.split(" ")), () -> out + "\n" + err);
        assertTrue(err.toString().length() > 0, "a message");
    }

    @Test
    void targetRunAgainstARunningServerWritesItsResults() throws Exception {
        try (Server server = ServerKind.NIO.create(ServerConfig.defaults())) {
            server.start();
            int code = bench("--target", "127.0.0.1:" + server.localAddress().getPort(), "--clients", "3",
                    "--warmup", "0", "--duration", "1s", "--results", results.toString());
            assertEquals(0, code, () -> out + "\n" + err);
        }
        try (Stream<Path> dirs = Files.list(results)) {
            Path dir = dirs.findFirst().orElseThrow();
            assertTrue(dir.getFileName().toString().endsWith("-target-c3-echo"), dir.toString());
            Summary s = Summary.read(dir);
            assertTrue(s.throughput().requests() > 0);
            assertEquals(0, s.errors().total());
        }
        assertTrue(out.toString().contains("errors     none"), out.toString());
    }

    @Test
    void implAllRunsEveryModelAsAChildProcessComparesThemAndLeavesNoChild() throws Exception {
        int code = bench("--impl", "all", "--clients", "4", "--warmup", "0", "--duration", "1s",
                "--results", results.toString());
        assertEquals(0, code, () -> out + "\n" + err);
        List<Long> pids = childPids(err.toString());
        assertEquals(ServerKind.values().length, pids.size(), err.toString());
        for (long pid : pids) assertGone(pid);
        try (Stream<Path> dirs = Files.list(results)) {
            List<String> names = dirs.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(ServerKind.values().length + 1, names.size(), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.endsWith("-all-c4-echo")), names.toString());
            for (ServerKind kind : ServerKind.values()) {
                Path dir = results.resolve(names.stream().filter(n -> n.endsWith("-" + kind.cliName() + "-c4-echo")).findFirst().orElseThrow());
                Summary s = Summary.read(dir);
                assertEquals(0, s.errors().total(), kind + " errors");
                assertTrue(s.throughput().requests() > 0, kind + " requests");
                assertTrue(s.server().counters().accepted() >= 1, kind + " counters from the stopped line");
            }
        }
    }

    @Test
    void aServerThatCannotStartIsExit2WithItsStderr() {
        int code = bench("--impl", "thread", "--bind", "192.0.2.1", "--warmup", "0", "--duration", "1s",
                "--results", results.toString());
        assertEquals(2, code, () -> out + "\n" + err);
        assertTrue(err.toString().contains("exited before it was ready"), err.toString());
        assertTrue(err.toString().contains("192.0.2.1"), "the child's own error message: " + err);
    }

    @Test
    void unwritableResultsAreExit2AndTheChildIsGone() throws Exception {
        Path file = Files.writeString(results.resolve("not-a-directory"), "x");
        int code = bench("--impl", "virtual", "--clients", "2", "--warmup", "0", "--duration", "1s",
                "--results", file.toString());
        assertEquals(2, code, () -> out + "\n" + err);
        assertTrue(err.toString().contains("could not write the results"), err.toString());
        for (long pid : childPids(err.toString())) assertGone(pid);
    }

    @Test
    void interruptingTheClientStopsTheChildServer() throws Exception {
        assertChildDiesWithClient(client -> new ProcessBuilder("kill", "-INT", Long.toString(client.pid())).start().waitFor());
    }

    @Test
    void killingTheClientOutrightStopsTheChildServer() throws Exception {
        assertChildDiesWithClient(client -> client.destroyForcibly().waitFor()); // SIGKILL: no hook runs; stdin EOF does it
    }

    interface Signal {
        void send(Process client) throws Exception;
    }

    /** Starts a long run as a separate client process, waits for its child server, signals the client. */
    void assertChildDiesWithClient(Signal signal) throws Exception {
        Process client = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BenchCli.class.getName(),
                "run", "--impl", "thread", "--clients", "2", "--warmup", "0", "--duration", "60s",
                "--results", results.toString()).redirectErrorStream(true).start();
        CompletableFuture<Long> childPid = new CompletableFuture<>();
        StringBuilder output = new StringBuilder();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(client.getInputStream()))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    Matcher m = CHILD_PID.matcher(line);
                    if (m.find()) childPid.complete(Long.parseLong(m.group(1)));
                }
            } catch (Exception ignored) {
                // the client is gone
            }
            childPid.complete(-1L);
        });
        try {
            long pid = childPid.get(30, TimeUnit.SECONDS);
            assertTrue(pid > 0, () -> "no child server started: " + output);
            assertTrue(ProcessHandle.of(pid).orElseThrow().isAlive());
            Thread.sleep(500); // load is running
            signal.send(client);
            assertTrue(client.waitFor(20, TimeUnit.SECONDS), "client ended");
            assertGone(pid);
        } finally {
            client.destroyForcibly();
        }
    }
}
