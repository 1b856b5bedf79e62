package dev.loombench.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.Transport;
import dev.loombench.run.ModelRunner;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The suite has teeth: against servers that are broken in the ways a fault probes, the fault
 * fails, and says why. (That the real models pass is {@code FaultsCommandTest}.)
 */
@Timeout(60)
class FaultSuiteTest {

    /** A child running a {@link CarelessServers} mode, whatever model and settings it is asked for. */
    private static ServerUnderTest.Launcher broken(String mode) {
        return (kind, config) -> List.of(java(), "-cp", System.getProperty("java.class.path"), CarelessServers.class.getName(), mode);
    }

    /** A real {@code serve} child, started as {@code bench run} starts it. */
    static final ServerUnderTest.Launcher SERVE = (kind, config) -> ModelRunner.serveCommand(kind, config, List.of());

    @Test
    void fdExhaustionFailsAServerWhoseAcceptorSpinsOnEmfile() throws Exception {
        Fault fault = new FdExhaustionFault();
        ServerConfig config = fault.serverConfig(FaultSuite.serverConfig(Protocol.ECHO, true));
        try (ServerUnderTest server = ServerUnderTest.start(broken("spin"), ServerKind.THREAD, config, fault.fileLimit())) {
            FaultOutcome outcome = inject(fault, server, config);
            assertTrue(outcome.problems().stream().anyMatch(p -> p.contains("the acceptor spins")),
                    () -> "problems: " + outcome.problems() + ", figures: " + outcome.figures());
        }
    }

    @Test
    void halfDeadFailsAServerWithoutIdleTimeout() throws Exception {
        ServerConfig config = FaultSuite.serverConfig(Protocol.ECHO, true).withTimeouts(Duration.ZERO, Duration.ofSeconds(1));
        try (ServerUnderTest server = ServerUnderTest.start(SERVE, ServerKind.NIO, config, 0)) {
            FaultOutcome outcome = inject(new HalfDeadFault(), server, config);
            assertTrue(outcome.problems().stream().anyMatch(p -> p.contains("still open")), () -> "problems: " + outcome.problems());
        }
    }

    @Test
    void theSuiteFailsAServerThatLeaksTheConnectionsItWasReset(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        FaultSuite.Settings settings = new FaultSuite.Settings(List.of(ServerKind.VIRTUAL), List.of(Protocol.ECHO),
                List.of(new ResetFault()), true);
        FaultSuite.Result result = new FaultSuite(settings, broken("leak"), null).run();
        FaultResult reset = result.faults().getFirst();
        assertEquals(FaultResult.Status.FAIL, reset.status(), () -> "problems: " + reset.problems());
        assertTrue(reset.problems().stream().anyMatch(p -> p.contains("connections not reclaimed")), () -> "problems: " + reset.problems());
        assertEquals(1, result.exitCode());
        FaultReport.write(dir, result, settings, "test", List.of());
        assertTrue(java.nio.file.Files.readString(dir.resolve(FaultReport.README)).contains("**FAIL**"));
    }

    /** Over UDP too: a server that does not answer empty datagrams fails empty-datagram, and the report says why. */
    @Test
    void emptyDatagramFailsAUdpServerThatIgnoresThem() throws Exception {
        FaultSuite.Settings settings = new FaultSuite.Settings(List.of(ServerKind.NIO), List.of(Protocol.ECHO),
                List.of(new BadDatagramsFault(BadDatagramsFault.Kind.EMPTY)), true, List.of(Transport.UDP));
        FaultSuite.Result result = new FaultSuite(settings, broken("udp-no-empty"), null).run();
        FaultResult empty = result.faults().getFirst();
        assertEquals("udp-echo", empty.protocol());
        assertEquals(FaultResult.Status.FAIL, empty.status(), () -> "problems: " + empty.problems());
        assertTrue(empty.problems().stream().anyMatch(p -> p.contains("no reply to a 0-byte datagram")), () -> "problems: " + empty.problems());
    }

    private static FaultOutcome inject(Fault fault, ServerUnderTest server, ServerConfig config) throws Exception {
        FaultOutcome outcome = new FaultOutcome();
        fault.inject(new FaultTarget(server.kind(), config.protocol(), config, server.address(), true, server, 0), outcome);
        return outcome;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
