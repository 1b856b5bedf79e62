package dev.loombench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.Transport;
import dev.loombench.report.ResultWriter;
import dev.loombench.report.Summary;
import dev.loombench.server.Server;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The load client against every real server model (in-process, started through
 * {@link ServerKind}), echo and time: short runs, every reply verified, no error, result files
 * written and readable. The child-process path is covered by {@code RunCommandTest}.
 */
class EveryModelTest {

    static final LoadConfig LOAD = LoadConfig.defaults().withClients(20).withPhases(Duration.ofMillis(200), Duration.ofSeconds(2));

    @TempDir
    Path results;

    static RunResult run(ServerKind kind, ServerConfig config, LoadConfig load) throws Exception {
        try (Server server = kind.create(config)) {
            server.start();
            RunResult r = new LoadGenerator(load, server.localAddress(), null, null).run(kind.cliName(), load, Map.of());
            return r.withServerCounters(server.stats().snapshot());
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void echoIsServedWithoutErrorAndWritten(ServerKind kind) throws Exception {
        RunResult r = run(kind, ServerConfig.defaults(), LOAD);
        assertClean(kind, r);
        assertWritten(r);
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void timeMixIsServedWithoutError(ServerKind kind) throws Exception {
        RunResult r = run(kind, ServerConfig.defaults().withProtocol(Protocol.TIME),
                LOAD.withProtocol(Protocol.TIME).withOp(TimeOp.MIX));
        assertClean(kind, r);
    }

    /**
     * Over UDP every model serves every client, {@code single} and {@code pool} included: there is no
     * connection to hold a thread. Closed loop keeps at most one datagram per client in flight, far
     * below any socket buffer, so nothing may be lost, duplicated, reordered or corrupted.
     */
    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = "ASYNC", mode = EnumSource.Mode.EXCLUDE)
    void echoAndRfc868OverUdpServeEveryClientWithoutLoss(ServerKind kind) throws Exception {
        for (Protocol protocol : new Protocol[] {Protocol.ECHO, Protocol.RFC868}) {
            ServerConfig config = ServerConfig.defaults().withProtocol(protocol).withTransport(Transport.UDP, 0);
            RunResult r = run(kind, config, LOAD.withClients(8).withProtocol(protocol).withTransport(Transport.UDP));
            assertEquals(0, r.totalErrors(), () -> kind + " " + protocol + ": " + r.errors());
            assertEquals(8, r.fairness().served(), () -> kind + " " + protocol + ": " + java.util.Arrays.toString(r.requestsPerClient()));
            DatagramCounts d = r.datagrams();
            assertEquals(0, d.lost() + d.late() + d.duplicated() + d.reordered() + d.corrupted(), () -> kind + " " + protocol + ": " + d);
            assertEquals(r.totalRequests(), d.received());
            // sent in the warm-up and received in the phase, or still in flight at its end: one per client at most
            assertTrue(Math.abs(d.sent() - d.received()) <= 8, () -> kind + " " + protocol + ": " + d);
            assertTrue(r.serverCounters().datagramsIn() >= d.received(), () -> r.serverCounters().toString());
            assertEquals(0, d.clientSocketDrops(), "the client never drops its own replies");
            assertEquals(r.totalRequests() + r.censored(), r.latency().getTotalCount());
        }
    }

    @Test
    void poolOfFourServesExactlyFourOfTenLongLivedClients() throws Exception {
        RunResult r = run(ServerKind.POOL, ServerConfig.defaults().withPool(4, ServerConfig.UNBOUNDED),
                LOAD.withClients(10).withPhases(Duration.ofMillis(200), Duration.ofSeconds(1)));
        assertEquals(0, r.totalErrors(), () -> r.errors().toString());
        assertEquals(4, r.fairness().served(), () -> java.util.Arrays.toString(r.requestsPerClient()));
        assertTrue(r.fairness().jainIndex() <= 0.4 + 1e-9, "4 of 10 served: Jain at most 4/10, was " + r.fairness().jainIndex());
    }

    /**
     * No error, and exactly the clients the model can serve with long-lived connections: one for
     * single (the rest wait in the backlog), the pool size for pool (the rest wait in its queue), all
     * for the others. Every request of the phase is in the latency figures: verified, or censored (at
     * most one in flight per client at the end).
     */
    static void assertClean(ServerKind kind, RunResult r) {
        assertEquals(0, r.totalErrors(), () -> kind + ": " + r.errors());
        assertTrue(r.totalRequests() > 0, kind + ": no requests");
        assertEquals(r.totalRequests() + r.censored(), r.latency().getTotalCount());
        assertTrue(r.censored() <= r.clients(), kind + ": censored " + r.censored());
        int expected = switch (kind) {
            case SINGLE -> 1;
            case POOL -> Math.min(ServerConfig.defaults().poolSize(), r.clients());
            default -> r.clients();
        };
        assertEquals(expected, r.fairness().served(), () -> kind + ": " + java.util.Arrays.toString(r.requestsPerClient()));
        assertTrue(r.serverCounters().accepted() >= expected, kind + ": the model accepted those it served");
    }

    void assertWritten(RunResult r) throws Exception {
        Path dir = ResultWriter.write(r, results);
        for (String file : ResultWriter.FILES.values()) assertTrue(Files.size(dir.resolve(file)) > 0, file);
        Summary summary = Summary.read(dir);
        assertEquals(r.totalRequests(), summary.throughput().requests());
        assertEquals(0, summary.errors().total());
        Map<String, Integer> perTag = new java.util.TreeMap<>();
        try (FileInputStream in = new FileInputStream(dir.resolve("latency.hlog").toFile())) {
            HistogramLogReader reader = new HistogramLogReader(in);
            for (org.HdrHistogram.EncodableHistogram h; (h = reader.nextIntervalHistogram()) != null; ) perTag.merge(h.getTag(), 1, Integer::sum);
        }
        int n = r.intervals().size();
        assertEquals(Map.of("censored", n, "connect", n, "latency", n, "service", n), perTag, "one histogram per tag and interval");
        assertEquals(r.intervals().size() + 1, Files.readAllLines(dir.resolve("timeseries.csv")).size(), "header + one row per interval");
    }
}
