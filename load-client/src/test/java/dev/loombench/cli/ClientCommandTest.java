package dev.loombench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertLinesMatch;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.protocol.Protocol;
import dev.loombench.server.Server;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code bench client} as the CLI runs it: arguments, commands piped into stdin, exit codes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void runsCommandsPipedIntoStdinAndExitsZero(ServerKind kind) throws Exception {
        try (Server server = start(kind)) {
            int code = run("time\nlist\nexit\n", "client", "127.0.0.1:" + server.localAddress().getPort());

            assertEquals(0, code, () -> out + "\n" + err);
            assertLinesMatch(List.of("connected to .* as client \\d+", "time: .+", "clients \\(1\\): .* \\(you\\)"), lines());
        }
    }

    @Test
    void exitsZeroAtEndOfInputWithoutConnecting() {
        assertEquals(0, run("help\n", "client"));
        assertTrue(out.toString().startsWith("commands:"), out::toString);
    }

    @Test
    void exitsOneWhenTheServerIsUnreachable() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        int code = run("exit\n", "client", "127.0.0.1:" + port);

        assertEquals(1, code);
        assertLinesMatch(List.of("error: cannot connect to 127.0.0.1:" + port + ": Connection refused"), lines());
    }

    @Test
    void exitsTwoOnAnAddressThatIsNotHostPort() {
        assertEquals(2, run("", "client", "localhost:http"));
        assertTrue(err.toString().contains("'localhost:http' is not HOST:PORT"), err::toString);
    }

    @Test
    void helpDocumentsExitCodes() {
        assertEquals(0, run("", "client", "--help"));
        assertTrue(out.toString().contains("  1  a connection failed during the session"), out::toString);
    }

    private int run(String stdin, String... args) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return BenchCli.start(new PrintWriter(out, true), new PrintWriter(err, true), args);
        } finally {
            System.setIn(original);
        }
    }

    private List<String> lines() {
        return out.toString().lines().toList();
    }

    private static Server start(ServerKind kind) throws Exception {
        ServerConfig config = ServerConfig.defaults().withProtocol(Protocol.TIME);
        Server server = kind.create(config);
        server.start();
        return server;
    }
}
