package dev.loombench.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.Transport;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.Server;
import dev.loombench.server.ServerKind;
import dev.loombench.server.ServerStats;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/** {@code serve} as a parent drives it (a child JVM, its two event lines, SIGTERM) and its bad usage. */
@Timeout(60)
class ServeCommandTest {

    private static final Pattern PORT = Pattern.compile("\"port\":(\\d+),");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int serve(String... args) {
        return ServerCli.start(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void aChildPrintsReadyServesAndPrintsItsCountersOnSigterm(ServerKind kind) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ServerCli.class.getName(),
                "serve", "--impl", kind.cliName(), "--port", "0").start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String ready = lines.readLine();
            assertTrue(ready.startsWith("{\"event\":\"ready\",\"port\":"), ready);
            assertTrue(ready.contains("\"impl\":\"" + kind.cliName() + "\",\"protocol\":\"echo\""), ready);
            assertTrue(ready.contains("\"facts\":{"), ready);
            if (kind.hasLoops()) assertTrue(ready.contains("\"loops\":" + kind.loops(ServerConfig.defaults())), ready);
            if (kind == ServerKind.NETTY) assertTrue(ready.matches(".*\"transport\":\"(epoll|nio)\".*"), ready);
            if (kind == ServerKind.VIRTUAL) assertTrue(ready.matches(".*\"pollerMode\":\"[A-Z_]+\".*"), ready);
            Matcher port = PORT.matcher(ready);
            assertTrue(port.find(), ready);
            try (Socket client = new Socket()) {
                client.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(port.group(1))), 10_000);
                client.setSoTimeout(10_000);
                client.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), client.getInputStream().readNBytes(5));
            }
            child.toHandle().destroy(); // SIGTERM
            String stopped = lines.readLine();
            assertTrue(stopped.startsWith("{\"event\":\"stopped\",\"counters\":{\"accepted\":1,"), stopped);
            assertTrue(stopped.contains("\"bytesIn\":5,\"bytesOut\":5,\"datagramsIn\":0,\"datagramsOut\":0,\"datagramsDropped\":0}}"), stopped);
            assertEquals(null, lines.readLine(), "nothing after the stopped line");
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A server that can no longer serve: a died line with the reason, the stopped line, exit 1; the reason on stderr too. */
    @Test
    void aServerThatDiesIsExitOneWithTheReasonBeforeTheStoppedLine() {
        ServerStats stats = new ServerStats();
        Server dying = new Server() {
            final CompletableFuture<Throwable> failure = new CompletableFuture<>();

            @Override
            public void start() {
                failure.complete(new IllegalStateException("loombench-nio-1-loop ended by java.lang.OutOfMemoryError: \"no\" memory"));
            }

            @Override
            public InetSocketAddress localAddress() {
                return new InetSocketAddress(InetAddress.getLoopbackAddress(), 4242);
            }

            @Override
            public ServerStats stats() {
                return stats;
            }

            @Override
            public CompletionStage<Throwable> failure() {
                return failure;
            }

            @Override
            public void close() {}
        };
        CommandLine serve = new CommandLine(new ServeCommand((kind, config) -> dying)).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        assertEquals(1, serve.execute("--impl", "nio"));
        List<String> lines = out.toString().lines().toList();
        assertEquals(3, lines.size(), out::toString);
        assertTrue(lines.get(0).startsWith("{\"event\":\"ready\",\"port\":4242,"), lines.get(0));
        assertEquals("{\"event\":\"died\",\"reason\":\"loombench-nio-1-loop ended by java.lang.OutOfMemoryError: \\\"no\\\" memory\"}",
                lines.get(1));
        assertTrue(lines.get(2).startsWith("{\"event\":\"stopped\",\"counters\":{"), lines.get(2));
        assertTrue(err.toString().contains("serve: the nio server died: loombench-nio-1-loop ended by java.lang.OutOfMemoryError"),
                err.toString());
    }

    @Test
    void aBadOptionValueIsExitTwoWithTheReason() {
        assertEquals(2, serve("serve", "--impl", "nio", "--buffer", "8"));
        assertEquals("loombench-server serve: buffer must be >= 16 bytes, was 8", err.toString().strip());
        assertEquals("", out.toString(), "no ready line");
    }

    @Test
    void loopsForAModelWithoutEventLoopsIsExitTwoNamingTheModelsThatHaveThem() {
        assertEquals(2, serve("serve", "--impl", "thread", "--loops", "2"));
        assertEquals("loombench-server serve: --loops applies to nio, netty, async; the thread model has no event loops",
                err.toString().strip());
        assertEquals("", out.toString(), "no ready line");
    }

    /** The poller reads -Djdk.pollerMode once per JVM, so the refusal is checked in a child JVM of its own. */
    @Test
    void aPollerModeTheJdkRefusesIsExitTwoWithTheJdksReason() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djdk.pollerMode=fibers", "-cp", System.getProperty("java.class.path"), ServerCli.class.getName(),
                "serve", "--impl", "virtual", "--port", "0").redirectErrorStream(true).start();
        child.getOutputStream().close();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, child.exitValue(), output);
        assertTrue(output.contains("serve: -Djdk.pollerMode=fibers is refused by this JDK"), output);
        assertTrue(!output.contains("\"event\":\"ready\""), output);
    }

    @Test
    void anUnknownModelIsExitTwoNamingTheModels() {
        assertEquals(2, serve("serve", "--impl", "fibers"));
        assertTrue(err.toString().contains("unknown server model 'fibers'; expected one of " + ServerKind.names()), err.toString());
    }

    @Test
    void aPortInUseIsExitTwoWithTheReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(2, serve("serve", "--impl", "thread", "--port", Integer.toString(taken.getLocalPort())));
            assertTrue(err.toString().startsWith("loombench-server serve: the thread server cannot listen on 127.0.0.1:"
                    + taken.getLocalPort() + ": "), err.toString());
        }
    }

    /** Over UDP the ready line says what SO_RCVBUF the kernel granted, and the stopped line counts datagrams. */
    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = "ASYNC", mode = EnumSource.Mode.EXCLUDE)
    void overUdpTheReadyLineHasTheReceiveBufferAndTheStoppedLineTheDatagrams(ServerKind kind) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ServerCli.class.getName(),
                "serve", "--impl", kind.cliName(), "--transport", "udp", "--rcvbuf", "65536").start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String ready = lines.readLine();
            assertTrue(ready.contains("\"receiveBufferBytes\":65536"), ready);
            assertTrue(ready.contains("\"transport\":\"UDP\",\"receiveBuffer\":65536"), ready);
            Matcher port = PORT.matcher(ready);
            assertTrue(port.find(), ready);
            try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                client.setSoTimeout(10_000);
                InetSocketAddress server = new InetSocketAddress("127.0.0.1", Integer.parseInt(port.group(1)));
                client.send(new DatagramPacket("hello".getBytes(StandardCharsets.US_ASCII), 5, server));
                DatagramPacket reply = new DatagramPacket(new byte[100], 100);
                client.receive(reply);
                assertEquals("hello", new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII));
            }
            child.toHandle().destroy(); // SIGTERM
            String stopped = lines.readLine();
            assertTrue(stopped.contains("\"bytesIn\":5,\"bytesOut\":5,\"datagramsIn\":1,\"datagramsOut\":1,\"datagramsDropped\":0}}"), stopped);
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void timeOverUdpAndRcvbufOverTcpAreExitTwoWithTheReason() {
        assertEquals(2, serve("serve", "--impl", "nio", "--protocol", "time", "--transport", "udp"));
        assertTrue(err.toString().contains("--protocol time has no UDP form"), err.toString());
        assertEquals(2, serve("serve", "--impl", "nio", "--rcvbuf", "4096"));
        assertTrue(err.toString().contains("--rcvbuf applies to --transport udp"), err.toString());
        assertEquals(2, serve("serve", "--impl", "async", "--transport", "udp"));
        assertTrue(err.toString().contains("the async model has no UDP form"), err.toString());
        assertEquals("", out.toString(), "no ready line");
    }

    @Test
    void withoutACommandItListsServe() {
        assertEquals(0, serve());
        assertTrue(out.toString().contains("serve  Run one server model in the foreground"), out.toString());
    }

    @Test
    void optionsRoundTripThroughTheArgumentsTheLoadClientPasses() {
        ServerConfig config = ServerConfig.defaults().withPool(3, 7).withThink(Duration.ofMillis(15))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(1500)).withMaxConnections(9)
                .withSpin(Duration.ofNanos(250_000)).withLoops(3);
        ServerOptions options = new ServerOptions();
        new CommandLine(options).parseArgs(ServerOptions.toArgs(config).toArray(String[]::new));
        assertEquals(config, options.toConfig());
        assertEquals(List.of("--protocol", "echo"), ServerOptions.toArgs(config).subList(0, 2));
        ServerConfig udp = ServerConfig.defaults().withProtocol(Protocol.RFC868).withTransport(Transport.UDP, 1 << 20);
        ServerOptions udpOptions = new ServerOptions();
        new CommandLine(udpOptions).parseArgs(ServerOptions.toArgs(udp).toArray(String[]::new));
        assertEquals(udp, udpOptions.toConfig());
    }
}
