package dev.loombench.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class EchoPayloadTest {

    @Test
    void requestCarriesConnectionIdAndSequenceThenTheFillPattern() {
        byte[] request = new EchoPayload(64).request(7, 42);
        ByteBuffer b = ByteBuffer.wrap(request);
        assertEquals(7, b.getLong());
        assertEquals(42, b.getLong());
        for (int i = 16; i < 64; i++) assertEquals(EchoPayload.fill(i), request[i], "byte " + i);
    }

    @Test
    void requestsUnder16BytesArePlainPattern() {
        EchoPayload payload = new EchoPayload(10);
        assertEquals(0, payload.headerLength());
        assertArrayEquals(payload.request(1, 1), payload.request(2, 99));
    }

    @Test
    void exactReplyMatchesInAnySplit() {
        EchoPayload payload = new EchoPayload(100);
        byte[] header = new byte[16];
        payload.header(3, 5, header);
        byte[] reply = payload.request(3, 5);
        for (int split = 0; split <= 100; split++) {
            assertEquals(-1, payload.mismatch(header, 0, reply, 0, split));
            assertEquals(-1, payload.mismatch(header, split, reply, split, 100 - split));
        }
    }

    @Test
    void aFlippedByteAnywhereIsFoundAtItsPosition() {
        EchoPayload payload = new EchoPayload(100);
        byte[] header = new byte[16];
        payload.header(3, 5, header);
        for (int at = 0; at < 100; at++) {
            byte[] reply = payload.request(3, 5);
            reply[at] ^= 0x40;
            assertEquals(at, payload.mismatch(header, 0, reply, 0, 100));
            // and when the reply arrives in two pieces around the flipped byte
            int cut = at / 2;
            int first = payload.mismatch(header, 0, reply, 0, cut);
            int second = payload.mismatch(header, cut, reply, cut, 100 - cut);
            assertEquals(at, first >= 0 ? first : second);
        }
    }

    @Test
    void aReplyOfAnotherRequestOrConnectionDiffers() {
        EchoPayload payload = new EchoPayload(64);
        byte[] header = new byte[16];
        payload.header(3, 5, header);
        assertNotEquals(-1, payload.mismatch(header, 0, payload.request(3, 4), 0, 64), "stale reply");
        assertNotEquals(-1, payload.mismatch(header, 0, payload.request(4, 5), 0, 64), "other connection");
    }

    @Test
    void sessionCountsRepliesSplitAnyWayAndRejectsExtraBytes() throws Exception {
        EchoPayload payload = new EchoPayload(20);
        EchoClientSession session = new EchoClientSession(payload, 9);
        ByteBuffer wire = ByteBuffer.allocate(60);
        for (int i = 0; i < 3; i++) session.sendRequest((head, hl, body, off, len) -> wire.put(head, 0, hl).put(body, off, len));
        int[] ok = {0};
        ClientSession.Replies replies = new ClientSession.Replies() {
            public void ok(int bytes) { ok[0]++; }
            public void failed(ErrorClass kind) { throw new AssertionError(kind); }
        };
        byte[] all = wire.array();
        assertEquals(true, session.fresh());
        session.onInput(ByteBuffer.wrap(all, 0, 7), replies);
        assertEquals(false, session.fresh());
        session.onInput(ByteBuffer.wrap(all, 7, 40), replies);
        assertEquals(2, ok[0]);
        session.onInput(ByteBuffer.wrap(all, 47, 13), replies);
        assertEquals(3, ok[0]);
        Failure extra = org.junit.jupiter.api.Assertions.assertThrows(Failure.class,
                () -> session.onInput(ByteBuffer.wrap(new byte[1]), replies));
        assertEquals(ErrorClass.MISMATCH, extra.kind());
    }
}
