package dev.loombench.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertLinesMatch;

import dev.loombench.protocol.Protocol;
import dev.loombench.server.Server;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import dev.loombench.protocol.TimeFrames;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code bench client}'s command loop against every server model, driven through piped input.
 * Output lines are matched whole; variable parts (ids, ports, times) by pattern.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientShellTest {

    private static final String ADDRESS = "127\\.0\\.0\\.1:\\d+";

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void answersEachPipedCommandInOrder(ServerKind kind) throws Exception {
        try (Server server = start(kind, timeServer())) {
            ShellDriver.Result result = ShellDriver.script(address(server), "time", "name", "list", "disconnect", "exit");

            assertLinesMatch(List.of(
                    "connected to " + ADDRESS + " as client \\d+",
                    "time: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z",
                    "name: .+",
                    "clients \\(1\\): \\d+ " + ADDRESS + " \\(you\\)",
                    "disconnected from " + ADDRESS), result.lines());
            assertEquals(ClientShell.EXIT_OK, result.exitCode());
        }
    }

    /** {@code single} serves one client at a time, so two clients cannot talk there. */
    @ParameterizedTest
    @EnumSource(value = ServerKind.class, mode = EnumSource.Mode.EXCLUDE, names = "SINGLE")
    void printsMessageSentByAnotherClient(ServerKind kind) throws Exception {
        try (Server server = start(kind, timeServer())) {
            ShellDriver receiver = ShellDriver.start(address(server));
            String receiverId = receiver.await("connected to " + ADDRESS + " as client (\\d+)").group(1);

            ShellDriver.Result sender = ShellDriver.script(address(server), "send " + receiverId + " hello  there", "exit");
            String senderId = idIn(sender.lines().getFirst());

            assertEquals("sent to " + receiverId, sender.lines().get(1));
            receiver.await("message from " + senderId + ": hello  there");
            receiver.type("exit");
            assertEquals(ClientShell.EXIT_OK, receiver.end());
        }
    }

    /** The other side of the exclusions above: under {@code single} a second client is not served yet. */
    @Test
    void secondClientOfTheSingleModelIsToldTheServerIsBusy() throws Exception {
        try (Server server = start(ServerKind.SINGLE, timeServer())) {
            ShellDriver first = ShellDriver.start(address(server));
            first.await("connected to .*");

            ShellDriver.Result second = ShellDriver.script(Duration.ofMillis(300), address(server), "exit");

            assertLinesMatch(List.of("error: cannot connect to " + ADDRESS + ": " + Pattern.quote(
                    "no WELCOME within 300ms (the server may be busy serving other clients); gave up the connection")),
                    second.lines());
            assertEquals(ClientShell.EXIT_CONNECTION_FAILED, second.exitCode());
            first.type("exit");
            assertEquals(ClientShell.EXIT_OK, first.end());
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void burstCountsEveryPipelinedReply(ServerKind kind) throws Exception {
        try (Server server = start(kind, timeServer())) {
            ShellDriver.Result result = ShellDriver.script(address(server), "burst 100", "time");

            assertLinesMatch(List.of(
                    "connected to .*",
                    "burst 100: 100 replies in \\d+\\.\\d ms",
                    "time: .+"), result.lines());
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void reportsUnknownClientIdAndStaysConnected(ServerKind kind) throws Exception {
        try (Server server = start(kind, timeServer())) {
            ShellDriver.Result result = ShellDriver.script(address(server), "send 99999 hello", "time");

            assertLinesMatch(List.of(
                    "connected to .*",
                    "error: no connected client 99999 \\(code 3\\)",
                    "time: .+"), result.lines());
            assertEquals(ClientShell.EXIT_OK, result.exitCode());
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void printsUsageForMalformedCommandsAndStaysConnected(ServerKind kind) throws Exception {
        try (Server server = start(kind, timeServer())) {
            ShellDriver.Result result = ShellDriver.script(address(server), "send abc", "send 2", "burst many", "frobnicate", "time");

            assertLinesMatch(List.of(
                    "connected to .*",
                    "usage: send ID MESSAGE, .*",
                    "usage: send ID MESSAGE, .*",
                    "usage: burst N, .*",
                    "error: unknown command 'frobnicate'; type help for the commands",
                    "time: .+"), result.lines());
            assertEquals(ClientShell.EXIT_OK, result.exitCode());
        }
    }

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, mode = EnumSource.Mode.EXCLUDE, names = "SINGLE")
    void reportsServerFull(ServerKind kind) throws Exception {
        try (Server server = start(kind, timeServer().withMaxConnections(1))) {
            ShellDriver first = ShellDriver.start(address(server));
            first.await("connected to .*");

            ShellDriver.Result second = ShellDriver.script(address(server), "time", "exit");

            assertLinesMatch(List.of(
                    "error: cannot connect to " + ADDRESS + ": server full \\(code 4\\)",
                    "error: not connected; only connect, help and exit work now .*"), second.lines());
            assertEquals(ClientShell.EXIT_CONNECTION_FAILED, second.exitCode());
            first.type("exit");
            assertEquals(ClientShell.EXIT_OK, first.end());
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void reportsServerClosingTheConnection(ServerKind kind) throws Exception {
        ShellDriver client;
        try (Server server = start(kind, timeServer())) {
            client = ShellDriver.start(address(server));
            client.await("connected to .*");
        }
        client.await("error: (server closed the connection|connection to the server failed: .+)");
        client.type("time");
        client.await("error: not connected; .*");
        assertEquals(ClientShell.EXIT_CONNECTION_FAILED, client.end());
    }

    @Test
    void refusesCommandsBeforeConnect() {
        ShellDriver.Result result = ShellDriver.script(null, "time", "send 1 hi", "help", "exit");

        assertEquals("error: not connected; only connect, help and exit work now (connect HOST:PORT)", result.lines().get(0));
        assertEquals(result.lines().get(0), result.lines().get(1));
        assertEquals("commands:", result.lines().get(2));
        assertEquals(ClientShell.EXIT_OK, result.exitCode());
    }

    @Test
    void reportsUnreachableServer() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // free now, and nothing listens once closed
        }
        ShellDriver.Result result = ShellDriver.script(null, "connect 127.0.0.1:" + port, "exit");

        assertLinesMatch(List.of("error: cannot connect to 127.0.0.1:" + port + ": Connection refused"), result.lines());
        assertEquals(ClientShell.EXIT_CONNECTION_FAILED, result.exitCode());
    }

    @Test
    void givesUpAConnectionWhoseServerSendsNoWelcome() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ShellDriver.Result result = ShellDriver.script(Duration.ofMillis(200), address(silent), "time");

            assertLinesMatch(List.of(
                    "error: cannot connect to " + ADDRESS + ": " + Pattern.quote(
                            "no WELCOME within 200ms (the server may be busy serving other clients); gave up the connection"),
                    "error: not connected; .*"), result.lines());
            assertEquals(ClientShell.EXIT_CONNECTION_FAILED, result.exitCode());
        }
    }

    @Test
    void givesUpAConnectionWhoseReplyDoesNotCome() throws IOException {
        try (ServerSocket mute = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofPlatform().daemon().start(() -> { // says WELCOME, then never answers
                try (Socket s = mute.accept()) {
                    s.getOutputStream().write(TimeFrames.welcome(7).array());
                    s.getInputStream().transferTo(OutputStream.nullOutputStream());
                } catch (IOException ignored) {
                    // the test is over
                }
            });
            ShellDriver.Result result = ShellDriver.script(Duration.ofMillis(200), address(mute), "time", "time");

            assertLinesMatch(List.of(
                    "connected to " + ADDRESS + " as client 7",
                    "error: no TIME_OK within 200ms; gave up the connection",
                    "error: not connected; .*"), result.lines());
            assertEquals(ClientShell.EXIT_CONNECTION_FAILED, result.exitCode());
        }
    }

    @Test
    void dropsAServerThatAnswersOutOfTurn() throws IOException {
        try (ServerSocket liar = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofPlatform().daemon().start(() -> { // says WELCOME, then answers TIME with NAME_OK
                try (Socket s = liar.accept()) {
                    s.getOutputStream().write(TimeFrames.welcome(7).array());
                    s.getInputStream().readNBytes(5);
                    s.getOutputStream().write(TimeFrames.nameOk("host").array());
                    s.getInputStream().transferTo(OutputStream.nullOutputStream());
                } catch (IOException ignored) {
                    // the test is over
                }
            });
            ShellDriver.Result result = ShellDriver.script(address(liar), "time", "time");

            assertLinesMatch(List.of(
                    "connected to " + ADDRESS + " as client 7",
                    "error: the server broke the protocol: NAME_OK in reply to TIME",
                    "error: not connected; .*"), result.lines());
            assertEquals(ClientShell.EXIT_CONNECTION_FAILED, result.exitCode());
        }
    }

    private static InetSocketAddress address(ServerSocket socket) {
        return new InetSocketAddress("127.0.0.1", socket.getLocalPort());
    }

    static ServerConfig timeServer() {
        return ServerConfig.defaults().withProtocol(Protocol.TIME);
    }

    static Server start(ServerKind kind, ServerConfig config) throws IOException {
        Server server = kind.create(config);
        server.start();
        return server;
    }

    static InetSocketAddress address(Server server) {
        return new InetSocketAddress("127.0.0.1", server.localAddress().getPort());
    }

    private static String idIn(String connectedLine) {
        Matcher m = Pattern.compile(".* as client (\\d+)").matcher(connectedLine);
        if (!m.matches()) throw new AssertionError("not a connected line: " + connectedLine);
        return m.group(1);
    }
}
