package dev.loombench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.protocol.ClientRegistry;
import dev.loombench.protocol.TimeFrames;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The time client checks every frame; MESSAGEs are never taken for replies. */
class TimeClientSessionTest {

    final List<String> outcomes = new ArrayList<>();
    final ClientSession.Replies replies = new ClientSession.Replies() {
        public void ok(int bytes) { outcomes.add("ok"); }
        public void failed(ErrorClass kind) { outcomes.add(kind.label()); }
    };
    final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    final ClientSession.RequestWriter wire = (head, hl, body, off, len) -> { sent.write(head, 0, hl); sent.write(body, off, len); };
    long[] messages = {0};

    TimeClientSession session(TimeOp op) throws Failure {
        TimeClientSession s = new TimeClientSession(op, 4, n -> messages[0] += n);
        assertFalse(s.canSend(), "waits for WELCOME");
        s.onInput(TimeFrames.welcome(7), replies);
        assertTrue(s.canSend());
        return s;
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
        TimeClientSession s = new TimeClientSession(TimeOp.TIME, 1, n -> {});
        Failure f = assertThrows(Failure.class, () -> s.onInput(TimeFrames.error(TimeFrames.ERR_SERVER_FULL, "full"), replies));
        assertEquals(ErrorClass.REJECTED, f.kind());
    }

    @Test
    void repliesSplitAcrossReadsAreCheckedInOrder() throws Exception {
        TimeClientSession s = session(TimeOp.TIME);
        s.sendRequest(wire);
        s.sendRequest(wire);
        assertEquals(List.of(TimeFrames.TIME, TimeFrames.TIME), types(sent.toByteArray()));
        ByteBuffer both = concat(TimeFrames.timeOk(Instant.now()), TimeFrames.timeOk(Instant.now()));
        byte[] bytes = new byte[both.remaining()];
        both.get(bytes);
        for (int i = 0; i < bytes.length; i++) s.onInput(ByteBuffer.wrap(bytes, i, 1), replies);
        assertEquals(List.of("ok", "ok"), outcomes);
    }

    @Test
    void messagesBetweenRepliesAreVerifiedAndNeverTakenForReplies() throws Exception {
        TimeClientSession s = session(TimeOp.SEND);
        s.sendRequest(wire); // no peer known yet: a LIST first
        s.onInput(list(3, 7), replies);
        s.sendRequest(wire); // now a SEND to 3
        assertEquals(List.of(TimeFrames.LIST, TimeFrames.SEND), types(sent.toByteArray()));
        ByteBuffer message = TimeFrames.message(3, ByteBuffer.wrap("lb 3 7 12".getBytes(StandardCharsets.UTF_8)));
        s.onInput(concat(message, TimeFrames.empty(TimeFrames.SEND_OK)), replies);
        assertEquals(List.of("ok", "ok"), outcomes);
        assertEquals(1, messages[0]);
    }

    @Test
    void aMessageMeantForAnotherClientIsAMismatch() throws Exception {
        TimeClientSession s = session(TimeOp.TIME);
        ByteBuffer misrouted = TimeFrames.message(3, ByteBuffer.wrap("lb 3 8 1".getBytes(StandardCharsets.UTF_8)));
        assertEquals(ErrorClass.MISMATCH, assertThrows(Failure.class, () -> s.onInput(misrouted, replies)).kind());
    }

    @Test
    void sendToAClientThatLeftFailsThatRequestOnly() throws Exception {
        TimeClientSession s = session(TimeOp.SEND);
        s.sendRequest(wire);
        s.onInput(list(3, 7), replies);
        s.sendRequest(wire);
        s.onInput(TimeFrames.error(TimeFrames.ERR_NO_SUCH_CLIENT, "gone"), replies);
        assertEquals(List.of("ok", "protocol"), outcomes);
        s.sendRequest(wire); // the only peer is gone: back to LIST
        assertEquals(TimeFrames.LIST, types(sent.toByteArray()).getLast());
    }

    @Test
    void wrongTypeWrongTimeAndListWithoutSelfFail() throws Exception {
        TimeClientSession time = session(TimeOp.TIME);
        time.sendRequest(wire);
        assertEquals(ErrorClass.PROTOCOL,
                assertThrows(Failure.class, () -> time.onInput(TimeFrames.nameOk("host"), replies)).kind());

        TimeClientSession late = session(TimeOp.TIME);
        late.sendRequest(wire);
        assertEquals(ErrorClass.MISMATCH, assertThrows(Failure.class,
                () -> late.onInput(TimeFrames.timeOk(Instant.now().minusSeconds(60)), replies)).kind());

        TimeClientSession lister = session(TimeOp.LIST);
        lister.sendRequest(wire);
        assertEquals(ErrorClass.MISMATCH, assertThrows(Failure.class, () -> lister.onInput(list(1, 2), replies)).kind());

        TimeClientSession idle = session(TimeOp.TIME);
        assertEquals(ErrorClass.PROTOCOL, assertThrows(Failure.class,
                () -> idle.onInput(TimeFrames.timeOk(Instant.now()), replies)).kind(), "unsolicited reply");
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
