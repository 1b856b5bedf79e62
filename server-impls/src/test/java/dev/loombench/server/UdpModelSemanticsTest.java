package dev.loombench.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.protocol.Protocol;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What each UDP model does differently: who holds a datagram, and where one is dropped. */
@Timeout(60)
class UdpModelSemanticsTest {

    /** A busy pool drops what its queue cannot hold, and counts it: UDP has no "server full". */
    @Test
    void poolDropsAndCountsWhatItsQueueCannotHold() throws Exception {
        ServerConfig config = UdpContractTest.udp(Protocol.ECHO).withPool(1, 1).withThink(Duration.ofMillis(500));
        try (Server server = TestServers.start(ServerKind.POOL, config); UdpTestClient client = UdpTestClient.to(server)) {
            for (int i = 0; i < 10; i++) client.send(EchoContractTest.pattern(32, i));
            await(() -> server.stats().snapshot().datagramsIn() == 10, "10 datagrams in");
            int replies = 0;
            while (client.receive(Duration.ofSeconds(2)) != null) replies++;
            ServerStats.Snapshot s = server.stats().snapshot();
            assertEquals(replies, s.datagramsOut(), "every reply sent arrived");
            assertEquals(10, s.datagramsOut() + s.datagramsDropped(), "each datagram answered or dropped: " + s);
            // one worker busy for 500 ms with one waiting: the burst finds no room for the rest
            assertTrue(s.datagramsDropped() >= 7, "dropped " + s.datagramsDropped());
        }
    }

    /** A peer's thread starts on its first datagram and ends after the idle timeout; the peer is served again later. */
    @Test
    void threadPerPeerEndsAnIdlePeersThreadAndStartsAnotherWhenItReturns() throws Exception {
        ServerConfig config = UdpContractTest.udp(Protocol.ECHO).withTimeouts(Duration.ofMillis(200), Duration.ofSeconds(10));
        try (Server server = TestServers.start(ServerKind.THREAD, config)) {
            try (UdpTestClient a = UdpTestClient.to(server); UdpTestClient b = UdpTestClient.to(server)) {
                a.exchange(new byte[] {1}, UdpTestClient.TIMEOUT);
                b.exchange(new byte[] {2}, UdpTestClient.TIMEOUT);
                assertEquals(2, server.stats().snapshot().peakConnections(), "one thread per peer");
                await(() -> server.stats().liveConnections() == 0, "idle peers' threads ended");
                assertArrayEquals(new byte[] {3}, a.exchange(new byte[] {3}, UdpTestClient.TIMEOUT), "served again");
                assertEquals(3, server.stats().snapshot().accepted(), "a returning peer gets a new thread");
            }
        }
    }

    /** Past --max-connections live peers, a new peer's datagrams are dropped and counted as rejected. */
    @Test
    void threadPerPeerDropsNewPeersPastTheLimit() throws Exception {
        ServerConfig config = UdpContractTest.udp(Protocol.ECHO).withMaxConnections(1);
        try (Server server = TestServers.start(ServerKind.THREAD, config);
             UdpTestClient first = UdpTestClient.to(server); UdpTestClient second = UdpTestClient.to(server)) {
            first.exchange(new byte[] {1}, UdpTestClient.TIMEOUT);
            second.send(new byte[] {2});
            await(() -> server.stats().snapshot().rejected() == 1, "the second peer refused");
            assertEquals(null, second.receive(Duration.ofMillis(300)), "no reply to a refused peer");
            assertEquals(1, server.stats().snapshot().datagramsDropped());
            assertArrayEquals(new byte[] {3}, first.exchange(new byte[] {3}, UdpTestClient.TIMEOUT), "the first peer is still served");
        }
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + UdpTestClient.TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError("not within " + UdpTestClient.TIMEOUT + ": " + what);
            Thread.sleep(10);
        }
    }
}
