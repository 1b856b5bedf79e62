package dev.loombench.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.protocol.Protocol;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input over UDP (PROTOCOL.md, "Limits and bad input"): empty, largest and garbage datagrams
 * are answered as the protocol says; a flood from one source costs that source's datagrams, never
 * the server, which serves a fresh client afterwards and gives back its peer threads.
 */
@Timeout(120)
class UdpBadInputTest {

    @ParameterizedTest
    @MethodSource("dev.loombench.server.UdpContractTest#udpModels")
    void emptyLargestAndGarbageDatagramsAreAnsweredAsTheProtocolSays(ServerKind kind) throws Exception {
        byte[] garbage = new byte[777];
        new Random(42).nextBytes(garbage);
        try (Server echo = TestServers.start(kind, UdpContractTest.udp(Protocol.ECHO));
             Server time = TestServers.start(kind, UdpContractTest.udp(Protocol.RFC868));
             UdpTestClient toEcho = UdpTestClient.to(echo); UdpTestClient toTime = UdpTestClient.to(time)) {
            for (byte[] bad : new byte[][] {new byte[0], garbage, new byte[65_507]}) {
                if (bad.length > 0 || kind != ServerKind.NETTY) { // Netty sends no empty datagram (UdpContractTest)
                    assertArrayEquals(bad, toEcho.exchange(bad, UdpTestClient.TIMEOUT), "echo of " + bad.length + " bytes");
                }
                assertEquals(4, toTime.exchange(bad, UdpTestClient.TIMEOUT).length, "rfc868 reply to " + bad.length + " bytes");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.loombench.server.UdpContractTest#udpModels")
    void aFloodFromOneSourceCostsItsOwnDatagramsNotTheServer(ServerKind kind) throws Exception {
        ServerConfig config = UdpContractTest.udp(Protocol.ECHO).withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(10));
        try (Server server = TestServers.start(kind, config)) {
            long resting = switch (kind) { // the receiver or the loops (and the workers)
                case POOL -> config.poolSize() + 1;
                case NIO, NETTY -> kind.loops(config);
                default -> 1;
            };
            try (DatagramChannel flood = DatagramChannel.open()) {
                flood.connect(server.localAddress()); // never reads: its replies pile up and are dropped too
                ByteBuffer datagram = ByteBuffer.allocate(1400);
                for (int i = 0; i < 30_000; i++) flood.write(datagram.clear());
            }
            try (UdpTestClient fresh = UdpTestClient.to(server)) {
                byte[] request = EchoContractTest.pattern(100, 1);
                assertArrayEquals(request, fresh.exchange(request, Duration.ofMillis(200)), "a fresh client is served after the flood");
            }
            ServerStats.Snapshot s = server.stats().snapshot();
            assertTrue(s.datagramsIn() > 0 && s.datagramsOut() + s.datagramsDropped() <= s.datagramsIn(), s.toString());
            assertFalse(server.failure().toCompletableFuture().isDone(), "the server is alive");
            // thread: the flooding peer's thread ends once it is idle; no model keeps more threads than it started with
            UdpModelSemanticsTest.await(() -> server.stats().liveThreads() == resting, "threads back to " + resting);
        }
    }

    /** The server binds where it is told and nowhere else: loopback by default. */
    @ParameterizedTest
    @MethodSource("dev.loombench.server.UdpContractTest#udpModels")
    void bindsLoopbackByDefault(ServerKind kind) throws Exception {
        try (Server server = TestServers.start(kind, UdpContractTest.udp(Protocol.ECHO))) {
            InetSocketAddress address = server.localAddress();
            assertTrue(address.getAddress().isLoopbackAddress(), address.toString());
        }
    }
}
