package dev.loombench.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The time load codec checks every frame; MESSAGEs are never taken for replies. */
class TimeLoadCodecTest {

    static final int[] TIME = {TimeFrames.TIME};
    static final int[] LIST = {TimeFrames.LIST};
    static final int[] SEND = {TimeFrames.SEND};

    final List<String> outcomes = new ArrayList<>();
    final ClientCodec.Replies replies = new ClientCodec.Replies() {
        public void ok(int bytes) { outcomes.add("ok"); }
        public void failed(BadReplyException.Kind kind) { outcomes.add(kind.name().toLowerCase(java.util.Locale.ROOT)); }
    };
    final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    long[] messages = {0};

    TimeLoadCodec session(int[] cycle) throws BadReplyException {
        TimeLoadCodec s = new TimeLoadCodec(cycle, 4, n -> messages[0] += n, 1);
        assertFalse(s.canSend(), "waits for WELCOME");
        s.onInput(TimeFrames.welcome(7), replies);
        assertTrue(s.canSend());
        return s;
    }

    /** Starts the next request and puts its bytes on the "wire". */
    void send(TimeLoadCodec s) {
        s.nextRequest();
        ByteBuffer out = ByteBuffer.allocate(3); // smaller than a frame: encoding streams
        boolean done;
        do {
            done = s.encode(out.clear());
            sent.write(out.array(), 0, out.position());
        } while (!done);
    }

    static ByteBuffer concat(ByteBuffer... frames) {
        ByteBuffer all = ByteBuffer.allocate(frames.length * 64 + 256);
        for (ByteBuffer f : frames) all.put(f);
        return all.flip();
    }

    static ByteBuffer list(int... ids) {
        List<ClientRegistry.Entry> entries = new ArrayList<>();
        for (int id : ids) entries.add(new ClientRegistry.Entry(id, new InetSocketAddress("127.0.0.1", 40000 + id)));
        return TimeFrames.listOk(entries);
    }

    @Test
    void serverFullInsteadOfWelcomeIsRejected() {
        TimeLoadCodec s = new TimeLoadCodec(TIME, 1, n -> {}, 1);
        BadReplyException f = assertThrows(BadReplyException.class,
                () -> s.onInput(TimeFrames.error(TimeFrames.ERR_SERVER_FULL, "full"), replies));
        assertEquals(BadReplyException.Kind.REJECTED, f.kind());
    }

    @Test
    void repliesSplitAcrossReadsAreCheckedInOrder() throws Exception {
        TimeLoadCodec s = session(TIME);
        send(s);
        send(s);
        assertEquals(List.of(TimeFrames.TIME, TimeFrames.TIME), types(sent.toByteArray()));
        ByteBuffer both = concat(TimeFrames.timeOk(Instant.now()), TimeFrames.timeOk(Instant.now()));
        byte[] bytes = new byte[both.remaining()];
        both.get(bytes);
        for (int i = 0; i < bytes.length; i++) s.onInput(ByteBuffer.wrap(bytes, i, 1), replies);
        assertEquals(List.of("ok", "ok"), outcomes);
    }

    @Test
    void messagesBetweenRepliesAreVerifiedAndNeverTakenForReplies() throws Exception {
        TimeLoadCodec s = session(SEND);
        send(s); // no peer known yet: a LIST first
        s.onInput(list(3, 7), replies);
        send(s); // now a SEND to 3
        assertEquals(List.of(TimeFrames.LIST, TimeFrames.SEND), types(sent.toByteArray()));
        ByteBuffer message = TimeFrames.message(3, ByteBuffer.wrap("lb 3 7 12".getBytes(StandardCharsets.UTF_8)));
        s.onInput(concat(message, TimeFrames.empty(TimeFrames.SEND_OK)), replies);
        assertEquals(List.of("ok", "ok"), outcomes);
        assertEquals(1, messages[0]);
    }

    @Test
    void aMessageMeantForAnotherClientIsAMismatch() throws Exception {
        TimeLoadCodec s = session(TIME);
        ByteBuffer misrouted = TimeFrames.message(3, ByteBuffer.wrap("lb 3 8 1".getBytes(StandardCharsets.UTF_8)));
        assertEquals(BadReplyException.Kind.MISMATCH, assertThrows(BadReplyException.class, () -> s.onInput(misrouted, replies)).kind());
    }

    @Test
    void sendToAClientThatLeftFailsThatRequestOnly() throws Exception {
        TimeLoadCodec s = session(SEND);
        send(s);
        s.onInput(list(3, 7), replies);
        send(s);
        s.onInput(TimeFrames.error(TimeFrames.ERR_NO_SUCH_CLIENT, "gone"), replies);
        assertEquals(List.of("ok", "protocol"), outcomes);
        send(s); // the only peer is gone: back to LIST
        assertEquals(TimeFrames.LIST, types(sent.toByteArray()).getLast());
    }

    @Test
    void wrongTypeWrongTimeAndListWithoutSelfFail() throws Exception {
        TimeLoadCodec time = session(TIME);
        send(time);
        assertEquals(BadReplyException.Kind.PROTOCOL,
                assertThrows(BadReplyException.class, () -> time.onInput(TimeFrames.nameOk("host"), replies)).kind());

        TimeLoadCodec late = session(TIME);
        send(late);
        assertEquals(BadReplyException.Kind.MISMATCH, assertThrows(BadReplyException.class,
                () -> late.onInput(TimeFrames.timeOk(Instant.now().minusSeconds(60)), replies)).kind());

        TimeLoadCodec lister = session(LIST);
        send(lister);
        assertEquals(BadReplyException.Kind.MISMATCH, assertThrows(BadReplyException.class, () -> lister.onInput(list(1, 2), replies)).kind());

        TimeLoadCodec idle = session(TIME);
        assertEquals(BadReplyException.Kind.PROTOCOL, assertThrows(BadReplyException.class,
                () -> idle.onInput(TimeFrames.timeOk(Instant.now()), replies)).kind(), "unsolicited reply");
    }

    @Test
    void theClientIdIsKnownOnceWelcomed() throws Exception {
        TimeLoadCodec s = new TimeLoadCodec(TIME, 1, n -> {}, 1);
        assertEquals(0, s.clientId());
        s.onInput(TimeFrames.welcome(7), replies);
        assertEquals(7, s.clientId());
    }

    @Test
    void aTimeOkIsVerifiedForItsNanosecondsAndItsClock() throws Exception {
        Instant now = Instant.now();
        assertEquals(now.getEpochSecond(), TimeLoadCodec.verifyTimeOk(body(TimeFrames.timeOk(now))).epochSecond());
        ByteBuffer badNanos = ByteBuffer.allocate(12).putLong(now.getEpochSecond()).putInt(1_000_000_000).flip();
        assertEquals(BadReplyException.Kind.PROTOCOL, assertThrows(BadReplyException.class, () -> TimeLoadCodec.verifyTimeOk(badNanos)).kind());
        assertEquals(BadReplyException.Kind.PROTOCOL,
                assertThrows(BadReplyException.class, () -> TimeLoadCodec.verifyTimeOk(ByteBuffer.allocate(11))).kind());
        assertEquals(BadReplyException.Kind.MISMATCH, assertThrows(BadReplyException.class,
                () -> TimeLoadCodec.verifyTimeOk(body(TimeFrames.timeOk(now.plusSeconds(TimeLoadCodec.CLOCK_TOLERANCE_SECONDS + 2))))).kind());
    }

    /** The body of a whole frame. */
    static ByteBuffer body(ByteBuffer frame) {
        return frame.position(frame.position() + 5).slice();
    }

    /** The request types in a client's output. */
    static List<Integer> types(byte[] wire) {
        List<Integer> types = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(wire);
        while (b.hasRemaining()) {
            int length = b.getInt();
            types.add(Byte.toUnsignedInt(b.get(b.position())));
            b.position(b.position() + length);
        }
        return types;
    }
}
