package dev.loombench.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.loombench.protocol.Protocol;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 862 echo, the same contract for every model. */
@Timeout(60)
class EchoContractTest {

    /** Bytes whose value depends on their offset and a seed, so any loss, duplicate or reorder shows. */
    static byte[] pattern(int size, int seed) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) bytes[i] = (byte) (i * 31 + (i >>> 8) * 7 + seed);
        return bytes;
    }

    /** Writes in a separate thread, so a large request cannot deadlock on full socket buffers. */
    static byte[] roundTrip(TestClient client, byte[] request) throws Exception {
        Future<Void> writer = TestClient.inBackground(() -> client.send(request));
        byte[] reply = client.readExactly(request.length);
        writer.get(TestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return reply;
    }

    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#all")
    void echoesEverySizeFromOneByteToOneMebibyte(Model model) throws Exception {
        try (Server server = TestServers.start(model, Protocol.ECHO); TestClient client = TestClient.connect(server)) {
            for (int size : new int[] {1, 2, 15, 16, 100, 16 * 1024 - 1, 16 * 1024 + 1, 64 * 1024, 1024 * 1024}) {
                byte[] request = pattern(size, size);
                assertArrayEquals(request, roundTrip(client, request), "echo of " + size + " bytes");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#all")
    void echoesPipelinedRequestsInOrder(Model model) throws Exception {
        try (Server server = TestServers.start(model, Protocol.ECHO); TestClient client = TestClient.connect(server)) {
            ByteBuffer requests = ByteBuffer.allocate(200 * 1000);
            for (int seq = 0; seq < 200; seq++) requests.put(pattern(1000, seq));
            assertArrayEquals(requests.array(), roundTrip(client, requests.array()));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#all")
    void echoesForTwentyClientsAtOnce(Model model) throws Exception {
        try (Server server = TestServers.start(model, Protocol.ECHO);
             ExecutorService clients = Executors.newFixedThreadPool(20)) {
            List<Future<?>> results = new ArrayList<>();
            for (int c = 0; c < 20; c++) {
                int seed = c;
                results.add(clients.submit(() -> {
                    try (TestClient client = TestClient.connect(server)) {
                        for (int i = 0; i < 10; i++) {
                            byte[] request = pattern(4096, seed * 100 + i);
                            assertArrayEquals(request, roundTrip(client, request));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) result.get(TestClient.TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
            TestClient.awaitTrue("all 20 connections are counted closed", () -> server.stats().snapshot().closed() == 20);
            assertEquals(20, server.stats().snapshot().accepted());
        }
    }

    /**
     * The client writes 16 MiB before it reads a byte: the server must stop reading rather than
     * buffer without bound (blocking models block in write; {@code nio} clears OP_READ above its
     * high-water mark, or it would exceed its 1 MiB output bound and close), then deliver all.
     */
    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#all")
    void echoesEverythingToAClientThatStartsReadingLate(Model model) throws Exception {
        try (Server server = TestServers.start(model, Protocol.ECHO); TestClient client = TestClient.connect(server)) {
            byte[] request = pattern(16 * 1024 * 1024, 7);
            Future<Void> writer = TestClient.inBackground(() -> client.send(request));
            Thread.sleep(300); // let both directions fill up before reading starts; not a timing assertion
            assertArrayEquals(request, client.readExactly(request.length));
            writer.get(TestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** {@code nc -N} style: the client sends, shuts its output, then reads; the server echoes everything before closing. */
    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#all")
    void echoesEverythingBeforeClosingWhenTheClientHalfCloses(Model model) throws Exception {
        try (Server server = TestServers.start(model, Protocol.ECHO); TestClient client = TestClient.connect(server)) {
            byte[] request = pattern(4 * 1024 * 1024, 11);
            Future<Void> writer = TestClient.inBackground(() -> {
                client.send(request);
                client.socket.shutdownOutput();
            });
            assertArrayEquals(request, client.readExactly(request.length));
            writer.get(TestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            client.assertEof();
        }
    }
}
