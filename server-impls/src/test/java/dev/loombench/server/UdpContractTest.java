package dev.loombench.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.Transport;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Echo and RFC 868 over UDP (PROTOCOL.md §4), the same contract for every model: echo sends every
 * datagram back to its sender byte for byte, whatever its size (empty and the largest included);
 * rfc868 answers any datagram with 4 bytes near now; each peer gets its own replies.
 */
@Timeout(60)
class UdpContractTest {

    static ServerConfig udp(Protocol protocol) {
        return TestServers.config(protocol).withTransport(Transport.UDP, 0);
    }

    /** Every model with a UDP form: all but {@code async}. */
    static java.util.stream.Stream<ServerKind> udpModels() {
        return java.util.Arrays.stream(ServerKind.values()).filter(ServerKind::servesUdp);
    }

    @Test
    void nettyCountsTheEmptyEchoItCannotSend() throws Exception {
        try (Server server = TestServers.start(ServerKind.NETTY, udp(Protocol.ECHO)); UdpTestClient client = UdpTestClient.to(server)) {
            client.send(new byte[0]);
            UdpModelSemanticsTest.await(() -> server.stats().snapshot().datagramsDropped() == 1, "the empty echo counted as dropped");
            assertEquals(null, client.receive(java.time.Duration.ofMillis(300)), "nothing came back");
            assertArrayEquals(new byte[] {7}, client.exchange(new byte[] {7}, UdpTestClient.TIMEOUT), "and the next datagram is served");
        }
    }

    @Test
    void asyncHasNoUdpFormAndSaysWhy() {
        assertFalse(ServerKind.ASYNC.servesUdp());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerKind.ASYNC.create(udp(Protocol.ECHO)));
        assertTrue(e.getMessage().contains("async model has no UDP form"), e.getMessage());
        assertEquals(List.of(ServerKind.ASYNC), java.util.Arrays.stream(ServerKind.values()).filter(k -> !k.servesUdp()).toList());
    }

    @ParameterizedTest
    @MethodSource("dev.loombench.server.UdpContractTest#udpModels")
    void echoesEveryDatagramByteForByteFromEmptyToTheLargest(ServerKind kind) throws Exception {
        // Netty sends no empty datagram (its datagram channels skip a zero-byte write): see nettyCountsTheEmptyEchoItCannotSend
        int[] sizes = kind == ServerKind.NETTY ? new int[] {1, 16, 1000, 16 * 1024 + 1, Transport.MAX_DATAGRAM}
                : new int[] {0, 1, 16, 1000, 16 * 1024 + 1, Transport.MAX_DATAGRAM};
        try (Server server = TestServers.start(kind, udp(Protocol.ECHO)); UdpTestClient client = UdpTestClient.to(server)) {
            for (int size : sizes) {
                byte[] request = EchoContractTest.pattern(size, size);
                assertArrayEquals(request, client.exchange(request, UdpTestClient.TIMEOUT), "echo of " + size + " bytes");
            }
            // a reply may arrive before its sender has counted it
            UdpModelSemanticsTest.await(() -> server.stats().snapshot().datagramsOut() == sizes.length, "datagrams out");
            assertEquals(sizes.length, server.stats().snapshot().datagramsIn(), "datagrams in");
            assertEquals(0, server.stats().snapshot().datagramsDropped());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.loombench.server.UdpContractTest#udpModels")
    void rfc868AnswersAnyDatagramWithFourBytesNearNow(ServerKind kind) throws Exception {
        try (Server server = TestServers.start(kind, udp(Protocol.RFC868)); UdpTestClient client = UdpTestClient.to(server)) {
            for (byte[] request : List.of(new byte[0], new byte[] {42}, EchoContractTest.pattern(1000, 7))) {
                long expected = (Instant.now().getEpochSecond() + 2_208_988_800L) & 0xFFFF_FFFFL;
                byte[] reply = client.exchange(request, UdpTestClient.TIMEOUT);
                assertEquals(4, reply.length, "RFC 868 reply length");
                long actual = Integer.toUnsignedLong(ByteBuffer.wrap(reply).getInt());
                long diff = Math.abs(actual - expected);
                assertTrue(Math.min(diff, (1L << 32) - diff) <= 2, "RFC 868 value " + actual + ", expected about " + expected);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.loombench.server.UdpContractTest#udpModels")
    void everyPeerGetsItsOwnDatagramsBack(ServerKind kind) throws Exception {
        try (Server server = TestServers.start(kind, udp(Protocol.ECHO))) {
            List<UdpTestClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) clients.add(UdpTestClient.to(server));
                for (int round = 0; round < 5; round++) {
                    for (int i = 0; i < clients.size(); i++) clients.get(i).send(EchoContractTest.pattern(100, i * 100 + round));
                    for (int i = 0; i < clients.size(); i++) {
                        assertArrayEquals(EchoContractTest.pattern(100, i * 100 + round), clients.get(i).receive(),
                                "peer " + i + ", round " + round);
                    }
                }
            } finally {
                clients.forEach(UdpTestClient::close);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.loombench.server.UdpContractTest#udpModels")
    void closeEndsEveryThreadAndFreesThePort(ServerKind kind) throws Exception {
        Server server = TestServers.start(kind, udp(Protocol.ECHO));
        int port = server.localAddress().getPort();
        try (UdpTestClient client = UdpTestClient.to(server)) {
            client.exchange(new byte[] {1, 2, 3}, UdpTestClient.TIMEOUT); // thread: a peer thread is live now
        } finally {
            server.close();
        }
        server.close(); // idempotent
        assertFalse(server.failure().toCompletableFuture().isDone(), "closing is not failing");
        assertEquals(0, server.stats().liveThreads(), "threads counted live after close()");
        assertEquals(List.of(), LifecycleTest.threadNames("loombench-" + kind.cliName() + "-" + port + "-"), "threads left after close()");
        try (DatagramChannel again = DatagramChannel.open()) {
            again.bind(new InetSocketAddress("127.0.0.1", port)); // the port is free at once
        }
    }

    @Test
    void timeHasNoUdpFormAndSaysWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> udp(Protocol.TIME));
        assertTrue(e.getMessage().contains("no UDP form"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TestServers.config(Protocol.ECHO).withTransport(Transport.TCP, 4096),
                "--rcvbuf is for UDP only");
    }

    @ParameterizedTest
    @MethodSource("dev.loombench.server.UdpContractTest#udpModels")
    void theReceiveBufferAskedForIsSetAndReported(ServerKind kind) throws Exception {
        try (Server server = TestServers.start(kind, TestServers.config(Protocol.ECHO).withTransport(Transport.UDP, 32 * 1024))) {
            assertEquals(32 * 1024, server.facts().get("receiveBufferBytes"), "granted SO_RCVBUF: " + server.facts());
        }
    }
}
