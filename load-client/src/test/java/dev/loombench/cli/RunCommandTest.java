package dev.loombench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.report.HtmlChecks;
import dev.loombench.report.LatencyLog;
import dev.loombench.report.RepeatSet;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    /** Each bad usage with the reason the first line of stderr must give. */
    static Stream<Arguments> badUsages() {
        return Stream.of(
                Arguments.of("run --clients 2", "give either --impl MODELS or --target HOST:PORT"),
                Arguments.of("run --impl nio --target 127.0.0.1:7", "give either --impl MODELS or --target HOST:PORT"),
                Arguments.of("run --impl bogus", "Invalid value for option '--impl': unknown server model 'bogus'; expected one of "
                        + ServerKind.names() + ", or all"),
                Arguments.of("run --impl nio,bogus", "Invalid value for option '--impl': unknown server model 'bogus'; expected one of "
                        + ServerKind.names() + ", or all"),
                Arguments.of("run --impl nio --clients 100 --rate 5 --duration 10s", "the per-connection rate rounds to zero"),
                Arguments.of("run --impl nio --protocol time --op send --clients 1", "bench run: --op send needs --clients 2 or more"),
                Arguments.of("run --impl nio --protocol time --size 100", "bench run: --size applies to --protocol echo only"),
                Arguments.of("run --impl nio --op list", "bench run: --op applies to --protocol time only"),
                Arguments.of("run --impl nio --protocol rfc868 --pipeline 2", "bench run: --pipeline does not apply to rfc868"),
                Arguments.of("run --impl nio --size 65MiB", "bench run: --size must be 1 .. 67108864 bytes (64 MiB), was 68157440"),
                Arguments.of("run --impl nio --size lots", "Invalid value for option '--size': 'lots' is not a size; use e.g. 64, 16k, 64MiB"),
                Arguments.of("run --impl nio --duration soon",
                        "Invalid value for option '--duration': 'soon' is not a duration; use e.g. 0, 500us, 10ms, 2s, 1.5s, 5m"),
                Arguments.of("run --target nonsense",
                        "Invalid value for option '--target': 'nonsense' is not HOST:PORT: no :PORT, e.g. 127.0.0.1:7000 or [::1]:7000"),
                Arguments.of("run --target ::1:7000", "Invalid value for option '--target': '::1:7000' is not HOST:PORT: "
                        + "write an IPv6 address in brackets, e.g. 127.0.0.1:7000 or [::1]:7000"),
                Arguments.of("run --target 127.0.0.1:7 --clients 2 --processes 3", "bench run: --processes must be 1 .. --clients (2), was 3"),
                Arguments.of("run --impl nio --clients 4 --processes 2 --repeat 2", "bench run: --processes and --repeat together: not supported"),
                Arguments.of("run --target 127.0.0.1:7 --start-at yesterday", "Invalid value for option '--start-at': 'yesterday' is not a time"),
                Arguments.of("run --impl nio --server-pid 1", "bench run: --server-pid goes with --target and one process"),
                Arguments.of("run --impl nio --repeat 0", "--repeat must be at least 1, not 0"),
                Arguments.of("run --impl nio --repeat 2 --retries -1", "--retries cannot be negative"),
                Arguments.of("run --target 127.0.0.1:7 --repeat 2", "--repeat needs --impl: each repetition starts a fresh server"),
                Arguments.of("run --impl nio --transport udp --protocol time", "--protocol time has no UDP form"),
                Arguments.of("run --impl nio --transport udp --size 65508", "--size over UDP must be at most 65,507 bytes"),
                Arguments.of("run --impl nio --transport udp --size 15", "--size over UDP must be at least 16 bytes"),
                Arguments.of("run --impl nio --transport udp --pipeline 2", "--pipeline does not apply over UDP"),
                Arguments.of("run --impl nio --transport udp --rate 1000000 --timeout 5s", "lower --timeout"),
                Arguments.of("run --impl nio --rcvbuf 4096", "--rcvbuf applies to --transport udp"),
                Arguments.of("run --impl nio --transport quic", "unknown transport 'quic'; expected one of tcp, udp"),
                Arguments.of("run --impl async --transport udp", "--transport udp: async has no UDP form"),
                Arguments.of("run --impl thread --loops 2", "bench run: --loops applies to"),
                Arguments.of("run --impl virtual --poller-mode fibers", "it accepts"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUsages")
    void settingsThatCannotBeHonouredExitWith2AndSayWhy(String args, String reason) {
        assertEquals(2, bench(args.split(" ")), () -> out + "\n" + err);
        String firstLine = err.toString().lines().findFirst().orElse("");
        assertTrue(firstLine.contains(reason), () -> "expected '" + reason + "' in the first line of:\n" + err);
        assertTrue(childPids(err.toString()).isEmpty(), "no server was started");
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

    /** --target over UDP measures any RFC 862 echo server: here a plain DatagramSocket loop, not one of ours. */
    @Test
    void udpTargetRunAgainstAnyEchoServer() throws Exception {
        try (java.net.DatagramSocket echo = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            Thread server = Thread.ofPlatform().daemon().start(() -> {
                java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[65536], 65536);
                try {
                    while (true) {
                        p.setLength(65536);
                        echo.receive(p);
                        echo.send(p);
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            int code = bench("--target", "127.0.0.1:" + echo.getLocalPort(), "--transport", "udp", "--clients", "3",
                    "--warmup", "0", "--duration", "1s", "--results", results.toString());
            assertEquals(0, code, () -> out + "\n" + err);
            echo.close();
            server.join(5000);
        }
        try (Stream<Path> dirs = Files.list(results)) {
            Path dir = dirs.findFirst().orElseThrow();
            assertTrue(dir.getFileName().toString().endsWith("-target-c3-udp-echo"), dir.toString());
            Summary s = Summary.read(dir);
            assertTrue(s.datagrams().received() > 0, s.datagrams().toString());
            assertEquals(0, s.errors().total());
            assertEquals(null, s.datagrams().serverDropped(), "no server counters with --target");
            assertTrue(s.datagrams().serverSocketDrops() != null, "a target on this host: its socket's drops are known");
        }
    }

    /** Over UDP a datagram not back within a second is lost unless --timeout says otherwise; over TCP the timeout stays 5 s. */
    @Test
    void udpTimeoutDefaultsToOneSecond() {
        RunCommand udp = new RunCommand();
        new picocli.CommandLine(udp).parseArgs("--impl", "nio", "--transport", "udp");
        assertEquals(java.time.Duration.ofSeconds(1), udp.loadConfig().timeout());
        RunCommand tcp = new RunCommand();
        new picocli.CommandLine(tcp).parseArgs("--impl", "nio");
        assertEquals(java.time.Duration.ofSeconds(5), tcp.loadConfig().timeout());
        RunCommand given = new RunCommand();
        new picocli.CommandLine(given).parseArgs("--impl", "nio", "--transport", "udp", "--timeout", "250ms");
        assertEquals(java.time.Duration.ofMillis(250), given.loadConfig().timeout());
    }

    /** The size limit of a datagram is refused with its reason, before any server starts. */
    @Test
    void anOversizeDatagramIsRefusedWithTheReason() {
        assertEquals(2, bench("run", "--impl", "nio", "--transport", "udp", "--size", "65508"));
        assertTrue(err.toString().contains("at most 65,507 bytes: that is all a UDP datagram carries over IPv4"), err.toString());
        assertEquals(List.of(), childPids(err.toString()), "no server was started");
    }

    /** Over UDP a run against a child server writes its datagram figures; every model has a UDP form. */
    @Test
    void udpRunAgainstAChildServerReportsItsDatagrams() throws Exception {
        int code = bench("--impl", "nio", "--transport", "udp", "--clients", "3", "--rate", "300", "--timeout", "300ms",
                "--warmup", "0", "--duration", "1s", "--results", results.toString());
        assertEquals(0, code, () -> out + "\n" + err);
        for (long pid : childPids(err.toString())) assertGone(pid);
        try (Stream<Path> dirs = Files.list(results)) {
            Path dir = dirs.findFirst().orElseThrow();
            assertTrue(dir.getFileName().toString().endsWith("-nio-c3-udp-echo"), dir.toString());
            Summary s = Summary.read(dir);
            assertTrue(s.datagrams().sent() > 0 && s.datagrams().received() > 0, s.datagrams().toString());
            assertTrue(s.server().counters().datagramsIn() >= s.datagrams().received(), s.server().counters().toString());
        }
        assertTrue(out.toString().contains("nio / echo over udp / 3 clients"), out.toString());
        assertTrue(out.toString().contains("datagrams  sent "), out.toString());
    }

    @Test
    void threeProcessesSplitTheClientsAndTheMergedResultSumsTheirRequests() throws Exception {
        try (Server server = ServerKind.NIO.create(ServerConfig.defaults())) {
            server.start();
            int code = bench("--target", "127.0.0.1:" + server.localAddress().getPort(), "--processes", "3", "--clients", "4",
                    "--warmup", "0", "--duration", "1s", "--results", results.toString());
            assertEquals(0, code, () -> out + "\n" + err);
        }
        Path dir;
        try (Stream<Path> dirs = Files.list(results)) {
            dir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertTrue(dir.getFileName().toString().endsWith("-target-c4-echo-p3"), dir.toString());
        Summary merged = Summary.read(dir);
        long sum = 0;
        int clients = 0;
        for (int i = 0; i < 3; i++) {
            try (Stream<Path> input = Files.list(dir.resolve("inputs").resolve("p" + i))) {
                Summary s = Summary.read(input.findFirst().orElseThrow());
                sum += s.throughput().requests();
                clients += s.clients();
                assertEquals(List.of(2, 1, 1).get(i), s.clients(), "clients split as evenly as they go");
            }
        }
        assertEquals(4, clients);
        assertTrue(sum > 0);
        assertEquals(sum, merged.throughput().requests());
        assertEquals(4, merged.fairness().clients());
        assertEquals(0, merged.errors().total());
        assertEquals(merged.latency().roundTrip().count(), LatencyLog.sum(dir.resolve(LatencyLog.FILE), LatencyLog.LATENCY).getTotalCount(),
                "the merged hlog reads back to the merged latency");
        assertEquals(3, ((List<?>) ((Map<?, ?>) merged.config()).get("mergedFrom")).size());
    }

    @Test
    void targetTakesABracketedIpv6Address() throws Exception {
        ServerConfig d = ServerConfig.defaults();
        ServerConfig v6 = new ServerConfig(d.protocol(), "::1", 0, d.backlog(), d.bufferSize(), d.idleTimeout(), d.writeTimeout(),
                d.maxConnections(), d.poolSize(), d.queue(), d.think(), d.maxFrame(), d.maxOutputBytes());
        try (Server server = ServerKind.NIO.create(v6)) {
            server.start();
            int code = bench("--target", "[::1]:" + server.localAddress().getPort(), "--clients", "2",
                    "--warmup", "0", "--duration", "1s", "--results", results.toString());
            assertEquals(0, code, () -> out + "\n" + err);
            assertTrue(server.stats().snapshot().accepted() >= 2, "the clients reached the IPv6 server");
        }
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
    void repeatMakesEachRepetitionWithAFreshServerAndWritesTheSetWithItsSpread() throws Exception {
        int code = bench("--impl", "nio", "--clients", "2", "--warmup", "0", "--duration", "500ms", "--repeat", "2",
                "--results", results.toString());
        assertEquals(0, code, () -> out + "\n" + err);
        List<Long> pids = childPids(err.toString());
        assertEquals(2, pids.size(), "a fresh server per repetition: " + err);
        for (long pid : pids) assertGone(pid);
        assertTrue(err.toString().contains("bench: machine: "), "the machine's state at the start: " + err);
        Path set;
        try (Stream<Path> dirs = Files.list(results)) {
            set = dirs.filter(p -> p.getFileName().toString().endsWith("-nio-c2-echo-x2")).findFirst().orElseThrow();
        }
        RepeatSet rs = RepeatSet.read(set);
        assertEquals(2, rs.repeat());
        assertEquals(1, rs.groups().size());
        assertEquals(List.of(1, 2), rs.groups().get(0).repetitions().stream().map(RepeatSet.Repetition::round).toList());
        for (RepeatSet.Repetition r : rs.groups().get(0).repetitions()) {
            Summary s = Summary.read(set.resolve(r.dir()));
            assertTrue(s.noise() != null || !Files.isReadable(Path.of("/proc/stat")), "every repetition is judged");
        }
        assertEquals(2, rs.groups().get(0).figures().requestsPerSecond().n());
        HtmlChecks.assertShowsEverything(set);
        assertTrue(out.toString().contains("nio c2 echo"), out.toString());
        assertTrue(out.toString().contains("repetitions: " + set), out.toString());
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
        // a shell without job control starts background commands with SIGINT ignored, the JVMs it
        // starts inherit that, and a JVM leaves an ignored SIGINT ignored: then so does the client
        org.junit.jupiter.api.Assumptions.assumeFalse(sigintIgnoredHere(),
                "SIGINT is ignored in this process (started in the background?), so the client would ignore it too");
        assertChildDiesWithClient(client -> new ProcessBuilder("kill", "-INT", Long.toString(client.pid())).start().waitFor());
    }

    /** SigIgn of /proc/self/status has bit 1 (signal 2, SIGINT) set; false where there is no /proc. */
    static boolean sigintIgnoredHere() throws java.io.IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) return false;
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
                .anyMatch(l -> (Long.parseUnsignedLong(l.substring(7).trim(), 16) & 0x2) != 0);
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
