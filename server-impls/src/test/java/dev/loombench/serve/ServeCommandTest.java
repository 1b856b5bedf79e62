package dev.loombench.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
            assertTrue(stopped.contains("\"bytesIn\":5,\"bytesOut\":5}}"), stopped);
            assertEquals(null, lines.readLine(), "nothing after the stopped line");
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBadOptionValueIsExitTwoWithTheReason() {
        assertEquals(2, serve("serve", "--impl", "nio", "--buffer", "8"));
        assertEquals("loombench-server serve: buffer must be >= 16 bytes, was 8", err.toString().strip());
        assertEquals("", out.toString(), "no ready line");
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

    @Test
    void withoutACommandItListsServe() {
        assertEquals(0, serve());
        assertTrue(out.toString().contains("serve  Run one server model in the foreground"), out.toString());
    }

    @Test
    void optionsRoundTripThroughTheArgumentsTheLoadClientPasses() {
        ServerConfig config = ServerConfig.defaults().withPool(3, 7).withThink(Duration.ofMillis(15))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(1500)).withMaxConnections(9);
        ServerOptions options = new ServerOptions();
        new CommandLine(options).parseArgs(ServerOptions.toArgs(config).toArray(String[]::new));
        assertEquals(config, options.toConfig());
        assertEquals(List.of("--protocol", "echo"), ServerOptions.toArgs(config).subList(0, 2));
    }
}
