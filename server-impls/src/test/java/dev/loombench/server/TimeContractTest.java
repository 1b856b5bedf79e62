package dev.loombench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.protocol.ClientRegistry;
import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.TimeFrames;
import dev.loombench.server.TestClient.Frame;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code time} protocol, the same contract for every model. Tests that need two clients
 * served at once exclude {@code single}, which by design never does that.
 */
@Timeout(60)
class TimeContractTest {

    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#all")
    void welcomesEveryClientWithAUniqueIdStartingAtOne(Model model) throws Exception {
        try (Server server = TestServers.start(model, Protocol.TIME)) {
            Set<Integer> ids = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                try (TestClient client = TestClient.connect(server)) {
                    ids.add(client.welcome());
                }
            }
            assertEquals(Set.of(1, 2, 3, 4, 5), ids);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#all")
    void answersTimeNameAndListForTheCaller(Model model) throws Exception {
        try (Server server = TestServers.start(model, Protocol.TIME); TestClient client = TestClient.connect(server)) {
            int id = client.welcome();

            Instant before = Instant.now();
            Instant time = client.time();
            assertTrue(Duration.between(before, time).abs().compareTo(Duration.ofSeconds(1)) <= 0, "TIME " + time + " vs now " + before);

            Frame name = client.request(TimeFrames.empty(TimeFrames.NAME));
            assertEquals(TimeFrames.NAME_OK, name.type());
            assertEquals(InetAddress.getLocalHost().getHostName(), StandardCharsets.UTF_8.decode(name.body()).toString());

            Frame list = client.request(TimeFrames.empty(TimeFrames.LIST));
            assertEquals(TimeFrames.LIST_OK, list.type());
            List<ClientRegistry.Entry> clients = TimeFrames.decodeListOk(list.body());
            assertEquals(1, clients.size());
            assertEquals(id, clients.getFirst().id());
            assertEquals(client.localPort(), clients.getFirst().address().getPort());
            assertEquals("127.0.0.1", clients.getFirst().address().getHostString());

            assertEquals(TimeFrames.BYE_OK, client.request(TimeFrames.empty(TimeFrames.BYE)).type());
            client.assertEof();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#exceptSingle")
    void sendReachesTheTargetAsMessageAndTheSenderGetsSendOk(Model model) throws Exception {
        try (Server server = TestServers.start(model, Protocol.TIME);
             TestClient alice = TestClient.connect(server); TestClient bob = TestClient.connect(server)) {
            int aliceId = alice.welcome();
            int bobId = bob.welcome();

            Frame list = alice.request(TimeFrames.empty(TimeFrames.LIST));
            assertEquals(Set.of(aliceId, bobId), Set.copyOf(TimeFrames.decodeListOk(list.body()).stream().map(ClientRegistry.Entry::id).toList()));

            assertEquals(TimeFrames.SEND_OK, alice.request(TimeFrames.send(bobId, "hello, Bob — ünïcode ✓")).type());
            Frame message = bob.readFrame();
            assertEquals(TimeFrames.MESSAGE, message.type());
            assertEquals(new TimeFrames.Message(aliceId, "hello, Bob — ünïcode ✓"), TimeFrames.decodeMessage(message.body()));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#all")
    void errorsThatKeepTheConnectionOpen(Model model) throws Exception {
        try (Server server = TestServers.start(model, Protocol.TIME); TestClient client = TestClient.connect(server)) {
            int id = client.welcome();
            assertEquals(TimeFrames.ERR_UNKNOWN_TYPE, client.request(TimeFrames.empty(0x42)).error().code());
            assertEquals(TimeFrames.ERR_NO_SUCH_CLIENT, client.request(TimeFrames.send(id + 1000, "anyone?")).error().code());
            assertEquals(TimeFrames.ERR_MALFORMED, client.request(TimeFrames.frame(TimeFrames.TIME, new byte[] {1})).error().code());
            assertEquals(TimeFrames.ERR_MALFORMED, client.request(TimeFrames.frame(TimeFrames.SEND, new byte[] {0, 1})).error().code());
            ByteBuffer invalidUtf8 = ByteBuffer.allocate(6).putInt(id).put((byte) 0xC3).put((byte) 0x28).flip();
            assertEquals(TimeFrames.ERR_MALFORMED, client.request(TimeFrames.frame(TimeFrames.SEND, invalidUtf8)).error().code());
            client.time(); // still served after every error
        }
    }

    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#all")
    void zeroLengthFrameGetsErrorTwoAndTheServerCloses(Model model) throws Exception {
        try (Server server = TestServers.start(model, Protocol.TIME); TestClient client = TestClient.connect(server)) {
            client.welcome();
            client.send(new byte[] {0, 0, 0, 0});
            assertEquals(TimeFrames.ERR_BAD_LENGTH, client.readFrame().error().code());
            client.assertEof();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#all")
    void oversizeFrameGetsErrorTwoAndTheServerCloses(Model model) throws Exception {
        try (Server server = TestServers.start(model, Protocol.TIME); TestClient client = TestClient.connect(server)) {
            client.welcome();
            client.send(ByteBuffer.allocate(4).putInt(64 * 1024 + 1).flip());
            assertEquals(TimeFrames.ERR_BAD_LENGTH, client.readFrame().error().code());
            client.assertEof();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#exceptSingle")
    void serverFullSendsErrorFourInsteadOfWelcomeAndCloses(Model model) throws Exception {
        try (Server server = TestServers.start(model, TestServers.config(Protocol.TIME).withMaxConnections(2));
             TestClient first = TestClient.connect(server); TestClient second = TestClient.connect(server)) {
            first.welcome();
            second.welcome();
            try (TestClient third = TestClient.connect(server)) {
                assertEquals(TimeFrames.ERR_SERVER_FULL, third.readFrame().error().code());
                third.assertEof();
            }
            first.close();
            TestClient.awaitTrue("the first client is counted closed", () -> server.stats().snapshot().closed() == 1);
            try (TestClient fourth = TestClient.connect(server)) {
                fourth.welcome(); // a place came free
            }
            TestClient.awaitTrue("every connection is counted closed", () -> server.stats().snapshot().closed() == 2);
            ServerStats.Snapshot stats = server.stats().snapshot();
            assertEquals(4, stats.accepted());
            assertEquals(1, stats.rejected());
            assertEquals(2, stats.peakConnections());
            assertEquals(1, stats.liveConnections());
        }
    }

    /**
     * Both clients pipeline 2000 SENDs to each other while reading in their own thread: the
     * server writes each MESSAGE from the sender's thread into the target's socket while the
     * target's own thread writes its SEND_OKs there. No deadlock, no torn frame, nothing lost.
     */
    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#exceptSingle")
    void twoClientsSendingToEachOtherAtFullSpeedGetEveryFrameWhole(Model model) throws Exception {
        int count = 2000;
        try (Server server = TestServers.start(model, Protocol.TIME);
             TestClient alice = TestClient.connect(server); TestClient bob = TestClient.connect(server)) {
            int aliceId = alice.welcome();
            int bobId = bob.welcome();
            Future<Void> aliceWrites = TestClient.inBackground(() -> sendMany(alice, bobId, "alice", count));
            Future<Void> bobWrites = TestClient.inBackground(() -> sendMany(bob, aliceId, "bob", count));
            Future<Void> aliceReads = TestClient.inBackground(() -> receiveMany(alice, bobId, "bob", count));
            Future<Void> bobReads = TestClient.inBackground(() -> receiveMany(bob, aliceId, "alice", count));
            for (Future<Void> f : List.of(aliceWrites, bobWrites, aliceReads, bobReads)) {
                f.get(TestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    private static String text(String from, int i) {
        return from + " #" + i + " " + "x".repeat(i % 200);
    }

    private static void sendMany(TestClient client, int target, String from, int count) throws Exception {
        for (int i = 0; i < count; i++) client.send(TimeFrames.send(target, text(from, i)));
    }

    /** Expects {@code count} SEND_OKs and {@code count} MESSAGEs in order, interleaved in any way. */
    private static void receiveMany(TestClient client, int fromId, String from, int count) throws Exception {
        int sendOks = 0;
        int messages = 0;
        while (sendOks < count || messages < count) {
            Frame frame = client.readFrame();
            if (frame.type() == TimeFrames.SEND_OK) {
                assertEquals(0, frame.body().remaining());
                sendOks++;
            } else {
                assertEquals(TimeFrames.MESSAGE, frame.type(), "frame type " + TimeFrames.typeName(frame.type()));
                assertEquals(new TimeFrames.Message(fromId, text(from, messages)), TimeFrames.decodeMessage(frame.body()));
                messages++;
            }
        }
    }
}
