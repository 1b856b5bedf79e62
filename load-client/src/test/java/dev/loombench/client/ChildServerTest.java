package dev.loombench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.server.ServerStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The child server's lifecycle: ready, stopped with counters, and never left behind. */
class ChildServerTest {

    static List<String> fake(String mode) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), FakeServe.class.getName(), mode);
    }

    @Test
    void readyThenMeasuredThenStoppedWithItsCounters() throws Exception {
        ChildServer child = ChildServer.start(fake("ok"), Duration.ofSeconds(20));
        try (child) {
            assertTrue(child.port() > 0);
            ProcessHandle process = ProcessHandle.of(child.pid()).orElseThrow();
            LoadConfig config = LoadConfig.defaults().withClients(2).withPhases(Duration.ZERO, Duration.ofMillis(1100));
            RunResult r = new LoadGenerator(config, new java.net.InetSocketAddress("127.0.0.1", child.port()),
                    ProcessResources.of(child.pid()), null).run("fake", config, Map.of());
            assertTrue(r.totalRequests() > 0);
            assertNotNull(r.intervals().getFirst().server(), "the child's /proc was sampled");
            ServerStats.Snapshot counters = child.stop(Duration.ofSeconds(5));
            assertNotNull(counters);
            assertEquals(2, counters.accepted());
            assertFalse(process.isAlive());
        }
    }

    @Test
    void aServerThatDiesSaysWhyAndExitsNonZero() throws Exception {
        ChildServer child = ChildServer.start(fake("dies"), Duration.ofSeconds(20));
        try (child) {
            ProcessHandle.of(child.pid()).ifPresent(p -> p.onExit().join());
            child.stop(Duration.ofSeconds(5)); // reads what is left of its output
            assertEquals("loombench-fake-1-loop ended by java.lang.OutOfMemoryError", child.diedReason());
            assertEquals(1, child.exitCode());
        }
    }

    @Test
    void aChildThatDiesBeforeReadyIsReportedWithItsStderr() {
        ChildServer.ChildServerException e = assertThrows(ChildServer.ChildServerException.class,
                () -> ChildServer.start(fake("die"), Duration.ofSeconds(20)));
        assertTrue(e.getMessage().contains("exit code 3"), e.getMessage());
        assertTrue(e.getMessage().contains("Permission denied"), e.getMessage());
    }

    @Test
    void aChildNeverReadyIsKilledAfterTheReadyTimeout() {
        ChildServer.ChildServerException e = assertThrows(ChildServer.ChildServerException.class,
                () -> ChildServer.start(fake("silent"), Duration.ofSeconds(2)));
        assertTrue(e.getMessage().contains("not ready within"), e.getMessage());
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().arguments().map(a -> List.of(a).contains("silent")).orElse(false)
                && p.parent().map(pp -> pp.pid() == ProcessHandle.current().pid()).orElse(false)), "killed");
    }

    @Test
    void aChildIgnoringSigtermIsKilled() throws Exception {
        ChildServer child = ChildServer.start(fake("stubborn"), Duration.ofSeconds(20));
        ProcessHandle process = ProcessHandle.of(child.pid()).orElseThrow();
        assertNull(child.stop(Duration.ofMillis(500)), "no counters from a killed server");
        assertFalse(process.isAlive());
    }
}
