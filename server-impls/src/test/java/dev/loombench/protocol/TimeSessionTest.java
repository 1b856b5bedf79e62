package dev.loombench.protocol;

import static dev.loombench.protocol.Fixtures.bytes;
import static dev.loombench.protocol.Fixtures.concat;
import static dev.loombench.protocol.Fixtures.frames;
import static dev.loombench.protocol.Fixtures.hex;
import static dev.loombench.protocol.TimeFrames.empty;
import static dev.loombench.protocol.TimeFrames.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.protocol.Fixtures.Frame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeSessionTest {

    private static final byte[] TIME = Fixtures.take(empty(TimeFrames.TIME));
    private static final Frame TIME_OK = Fixtures.frame(TimeFrames.timeOk(Fixtures.NOW));

    private ServerContext context = Fixtures.context();

    @Test
    void welcomesClientsWithIdsCountingFromOne() throws IOException {
        assertEquals("00000005C000000001", hex(open().connection.wire()));
        assertEquals("00000005C000000002", hex(open().connection.wire()));
        assertEquals("00000005C000000003", hex(open().connection.wire()));
    }

    @Test
    void answersTimeWithTheClockInstant() throws IOException {
        // 2024-05-06T07:08:09.123456789Z: epochSecond 1714979289, nano 123456789
        assertEquals("0000000D81" + "00000000663881D9" + "075BCD15", hex(open().feed(TIME)));
    }

    @Test
    void answersNameWithTheHostNameInUtf8() throws IOException {
        assertEquals("0000000C82" + "62656E63682D68C3B47465", hex(open().feed(empty(TimeFrames.NAME))));
    }

    @Test
    void listsEveryConnectedClientInIdOrderWithPortAndAddress() throws Exception {
        open(new InetSocketAddress(Fixtures.LOOPBACK_V4, 40_001));
        Peer second = open(new InetSocketAddress(Fixtures.LOOPBACK_V6, 40_002));
        open(new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 1, 2, 3}), 40_003));

        List<Frame> reply = frames(second.feed(empty(TimeFrames.LIST)));

        assertEquals(1, reply.size());
        assertEquals(TimeFrames.LIST_OK, reply.getFirst().type());
        assertEquals(List.of("1 40001 127.0.0.1", "2 40002 0:0:0:0:0:0:0:1", "3 40003 10.1.2.3"),
                TimeFrames.decodeListOk(reply.getFirst().bodyBuffer()).stream()
                        .map(e -> e.id() + " " + e.address().getPort() + " " + e.address().getHostString())
                        .toList());
    }

    @Test
    void forwardsSendToTheTargetAsMessageAndRepliesSendOk() throws IOException {
        Peer target = open();
        Peer sender = open();

        assertEquals("0000000184", hex(sender.feed(send(1, "hé"))));
        assertEquals(List.of("00000008C4" + "00000002" + "68C3A9"), target.deliveries());
    }

    @Test
    void forwardsAnEmptyMessage() throws IOException {
        Peer target = open();
        Peer sender = open();

        assertEquals("0000000184", hex(sender.feed(send(1, ""))));
        assertEquals(List.of("00000005C4" + "00000002"), target.deliveries());
    }

    @Test
    void sendToAnAbsentClientIsError3AndKeepsTheConnection() throws IOException {
        Peer sender = open();
        List<Frame> replies = frames(sender.feed(concat(send(99, "hi")), TIME));
        assertEquals(2, replies.size());
        assertEquals(TimeFrames.ERR_NO_SUCH_CLIENT, replies.get(0).errorCode());
        assertEquals(TIME_OK, replies.get(1));
    }

    @Test
    void sendToAClientThatRefusesDeliveryIsError3() throws IOException {
        Peer closing = open();
        Peer sender = open();
        closing.connection.refuseDeliveries();

        List<Frame> replies = frames(sender.feed(send(1, "hi")));

        assertEquals(1, replies.size());
        assertEquals(TimeFrames.ERR_NO_SUCH_CLIENT, replies.getFirst().errorCode());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x06, 0x7F, 0x81, 0xC0, 0xC4, 0xFF})
    void unknownTypeIsError1AndKeepsTheConnection(int type) throws IOException {
        Peer peer = open();
        List<Frame> replies = frames(peer.feed(Fixtures.take(TimeFrames.frame(type, bytes("0102"))), TIME));
        assertEquals(2, replies.size());
        assertEquals(TimeFrames.ERR_UNKNOWN_TYPE, replies.get(0).errorCode());
        assertEquals(TIME_OK, replies.get(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000000", "00010001", "80000000", "FFFFFFFF"})
    void badFrameLengthIsError2AndCloses(String length) throws IOException {
        Peer peer = open();
        peer.connection.clear();
        ByteBuffer input = Fixtures.buffer(length + "01 00000001 01");

        assertFalse(peer.session.onInput(input));

        assertFalse(input.hasRemaining(), "input consumed, as onInput promises");
        List<Frame> replies = frames(peer.connection.wire());
        assertEquals(1, replies.size(), "nothing after the bad frame is answered");
        assertEquals(TimeFrames.ERR_BAD_LENGTH, replies.getFirst().errorCode());
    }

    @Test
    void servesAFrameOfExactlyMaxFrame() throws IOException {
        context = Fixtures.context(64, Duration.ZERO, Fixtures.NOW);
        Peer peer = open();
        // length 64 = type + target id + 59 bytes of text, to an absent client
        List<Frame> replies = frames(peer.feed(send(2, "x".repeat(59))));
        assertEquals(TimeFrames.ERR_NO_SUCH_CLIENT, replies.getFirst().errorCode());

        assertFalse(peer.session.onInput(send(2, "x".repeat(60))));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "00000002 01 00",              // TIME with a body
            "00000002 02 00",              // NAME with a body
            "00000002 03 00",              // LIST with a body
            "00000002 05 00",              // BYE with a body
            "00000001 04",                 // SEND without a target id
            "00000004 04 000001",          // SEND with a 3-byte target id
            "00000007 04 00000001 C080",   // SEND with an overlong encoding
            "00000008 04 00000001 EDA080"}) // SEND with a lone surrogate
    void malformedBodyIsError5AndKeepsTheConnection(String request) throws IOException {
        Peer peer = open(); // client 1, the target of the SENDs
        List<Frame> replies = frames(peer.feed(bytes(request), TIME));
        assertEquals(2, replies.size());
        assertEquals(TimeFrames.ERR_MALFORMED, replies.get(0).errorCode());
        assertEquals(TIME_OK, replies.get(1));
        assertEquals(List.of(), peer.deliveries(), "nothing malformed is forwarded");
    }

    @Test
    void byeIsAnsweredAndCloses() throws IOException {
        Peer peer = open();
        peer.connection.clear();
        ByteBuffer input = ByteBuffer.wrap(concat(Fixtures.take(empty(TimeFrames.BYE)), TIME));

        assertFalse(peer.session.onInput(input));

        assertEquals("0000000185", hex(peer.connection.wire()), "BYE_OK and nothing after it");
        assertFalse(input.hasRemaining(), "input consumed, as onInput promises");
    }

    @Test
    void givesIdenticalOutputWhereverTheRequestsAreSplit() throws IOException {
        byte[] script = concat(
                TIME,
                Fixtures.take(empty(TimeFrames.NAME)),
                Fixtures.take(empty(TimeFrames.LIST)),
                Fixtures.take(send(1, "hé")),
                bytes("00000001 7E"),
                bytes("00000002 01 00"),
                Fixtures.take(send(99, "x")),
                Fixtures.take(empty(TimeFrames.BYE)));
        String whole = conversation(script, new int[0]);
        assertTrue(whole.endsWith("00000008C40000000268C3A9"), "client 1 got the MESSAGE: " + whole);

        for (int cut = 1; cut < script.length; cut++) {
            assertEquals(whole, conversation(script, new int[] {cut}), "split at " + cut);
        }
        int[] everyByte = new int[script.length - 1];
        Arrays.setAll(everyByte, i -> i + 1);
        assertEquals(whole, conversation(script, everyByte), "byte by byte");
    }

    @Test
    void answersPipelinedRequestsInOrder() throws IOException {
        Peer target = open();
        Peer peer = open();
        List<byte[]> requests = new ArrayList<>();
        List<String> expectedReplies = new ArrayList<>();
        List<String> expectedDeliveries = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            switch (i % 5) {
                case 0 -> requests.add(TIME);
                case 1 -> requests.add(Fixtures.take(empty(TimeFrames.NAME)));
                case 2 -> requests.add(Fixtures.take(empty(TimeFrames.LIST)));
                case 3 -> requests.add(bytes("00000001 7E"));
                default -> {
                    requests.add(Fixtures.take(send(1, "m" + i)));
                    expectedDeliveries.add(hex(TimeFrames.message(2, StandardCharsets.UTF_8.encode("m" + i))));
                }
            }
            expectedReplies.add(List.of("TIME_OK", "NAME_OK", "LIST_OK", "ERROR", "SEND_OK").get(i % 5));
        }

        List<Frame> replies = frames(peer.feed(requests.toArray(byte[][]::new)));

        assertEquals(expectedReplies, replies.stream().map(f -> TimeFrames.typeName(f.type())).toList());
        assertEquals(expectedDeliveries, target.deliveries());
    }

    @Test
    void closeUnregistersTheClient() throws Exception {
        Peer leaving = open();
        Peer staying = open();

        leaving.session.close();

        List<Frame> list = frames(staying.feed(empty(TimeFrames.LIST)));
        assertEquals(List.of(2), TimeFrames.decodeListOk(list.getFirst().bodyBuffer()).stream().map(ClientRegistry.Entry::id).toList());
        assertEquals(TimeFrames.ERR_NO_SUCH_CLIENT, frames(staying.feed(send(1, "hi"))).getFirst().errorCode());
        assertEquals("00000005C000000003", hex(open().connection.wire()), "ids are not reused");
    }

    /**
     * The id is published before WELCOME is written, so a client holding its WELCOME is in every
     * LIST. (That no MESSAGE overtakes the WELCOME is the models' part: they call open() with the
     * connection's output held, and deliver() waits for it.)
     */
    @Test
    void aClientIsListedBeforeItsWelcomeIsWritten() throws Exception {
        Peer other = open();
        FakeConnection newcomer = new FakeConnection();
        List<Frame> listDuringWelcome = new ArrayList<>();
        newcomer.beforeWrite(() -> {
            newcomer.beforeWrite(() -> {});
            try {
                listDuringWelcome.addAll(frames(other.feed(empty(TimeFrames.LIST))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertTrue(Protocol.TIME.newSession(context, newcomer).open());

        assertEquals("00000005C000000002", hex(newcomer.wire()), "WELCOME alone on the newcomer's wire");
        assertEquals(List.of(1, 2), TimeFrames.decodeListOk(listDuringWelcome.getFirst().bodyBuffer()).stream()
                .map(ClientRegistry.Entry::id).toList());
    }

    /** The one place a lower bound on elapsed time is the behaviour: think time is slept per request. */
    @Test
    void thinksForTheConfiguredTimeOnEveryRequest() throws IOException {
        context = Fixtures.context(Fixtures.MAX_FRAME, Duration.ofMillis(20), Fixtures.NOW);
        Peer peer = open();

        long start = System.nanoTime();
        List<Frame> replies = frames(peer.feed(TIME, TIME, TIME));
        long elapsed = System.nanoTime() - start;

        assertEquals(List.of(TIME_OK, TIME_OK, TIME_OK), replies);
        assertTrue(elapsed >= Duration.ofMillis(60).toNanos(), "3 requests x 20 ms, slept " + elapsed / 1_000_000 + " ms");
    }

    /** Plays {@code script} to client 2, cut at {@code cuts}, and returns what client 2 and client 1 saw. */
    private String conversation(byte[] script, int[] cuts) throws IOException {
        context = Fixtures.context();
        Peer other = open();
        Peer peer = open();
        int from = 0;
        for (int cut : cuts) {
            assertTrue(peer.session.onInput(ByteBuffer.wrap(Arrays.copyOfRange(script, from, cut))));
            from = cut;
        }
        assertFalse(peer.session.onInput(ByteBuffer.wrap(Arrays.copyOfRange(script, from, script.length))), "closes after BYE");
        return hex(peer.connection.wire()) + " / " + hex(other.connection.wire());
    }

    private Peer open() throws IOException {
        return open(new InetSocketAddress(Fixtures.LOOPBACK_V4, 40_000));
    }

    private Peer open(InetSocketAddress address) throws IOException {
        FakeConnection connection = new FakeConnection(address);
        ProtocolSession session = Protocol.TIME.newSession(context, connection);
        assertTrue(session.open());
        return new Peer(session, connection);
    }

    /** A session under test and the fake connection it writes to. */
    private record Peer(ProtocolSession session, FakeConnection connection) {

        /** Feeds the requests in one buffer, expects the session to go on, and returns only what it wrote for them. */
        byte[] feed(byte[]... requests) throws IOException {
            connection.clear();
            ByteBuffer input = ByteBuffer.wrap(concat(requests));
            assertTrue(session.onInput(input), "stays open");
            assertFalse(input.hasRemaining(), "consumes all input");
            return connection.wire();
        }

        byte[] feed(ByteBuffer request) throws IOException {
            return feed(Fixtures.take(request));
        }

        List<String> deliveries() {
            return connection.deliveries().stream().map(Fixtures::hex).toList();
        }
    }
}
