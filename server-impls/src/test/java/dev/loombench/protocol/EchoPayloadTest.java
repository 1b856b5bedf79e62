package dev.loombench.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EchoPayloadTest {

    /** The reply bytes as the engine sees them (direct) and as blocking clients do (heap). */
    static ByteBuffer wire(byte[] bytes, boolean direct) {
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(bytes.length) : ByteBuffer.allocate(bytes.length);
        return b.put(bytes).flip();
    }

    @Test
    void requestCarriesConnectionIdAndSequenceThenTheFillPattern() {
        byte[] request = new EchoPayload(64).request(7, 42);
        ByteBuffer b = ByteBuffer.wrap(request);
        assertEquals(7, b.getLong());
        assertEquals(42, b.getLong());
        for (int i = 16; i < 64; i++) assertEquals(EchoPayload.fill(i), request[i], "byte " + i);
    }

    @Test
    void requestsOf8To15BytesCarryAShortHeader() {
        EchoPayload payload = new EchoPayload(10);
        assertEquals(EchoPayload.SHORT_HEADER, payload.headerLength());
        ByteBuffer b = ByteBuffer.wrap(payload.request(7, 42));
        assertEquals(7, b.getInt());
        assertEquals(42, b.getInt());
        assertNotEquals(ByteBuffer.wrap(payload.request(7, 42)), ByteBuffer.wrap(payload.request(7, 43)), "sequence differs");
        assertNotEquals(ByteBuffer.wrap(payload.request(7, 42)), ByteBuffer.wrap(payload.request(8, 42)), "connection differs");
    }

    @Test
    void requestsUnder8BytesArePlainPattern() {
        EchoPayload payload = new EchoPayload(7);
        assertEquals(0, payload.headerLength());
        assertArrayEquals(payload.request(1, 1), payload.request(2, 99));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void exactReplyMatchesInAnySplit(boolean direct) {
        EchoPayload payload = new EchoPayload(100);
        byte[] header = new byte[16];
        payload.header(3, 5, header);
        ByteBuffer reply = wire(payload.request(3, 5), direct);
        for (int split = 0; split <= 100; split++) {
            assertEquals(-1, payload.mismatch(header, 0, reply, 0, split));
            assertEquals(-1, payload.mismatch(header, split, reply, split, 100 - split));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aFlippedByteAnywhereIsFoundAtItsPosition(boolean direct) {
        EchoPayload payload = new EchoPayload(100);
        byte[] header = new byte[16];
        payload.header(3, 5, header);
        for (int at = 0; at < 100; at++) {
            byte[] bytes = payload.request(3, 5);
            bytes[at] ^= 0x40;
            ByteBuffer reply = wire(bytes, direct);
            assertEquals(at, payload.mismatch(header, 0, reply, 0, 100));
            // and when the reply arrives in two pieces around the flipped byte
            int cut = at / 2;
            int first = payload.mismatch(header, 0, reply, 0, cut);
            int second = payload.mismatch(header, cut, reply, cut, 100 - cut);
            assertEquals(at, first >= 0 ? first : second);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 15, 16, 64})
    void staleAndForeignRepliesDiffer(int size) {
        EchoPayload payload = new EchoPayload(size);
        byte[] header = new byte[16];
        payload.header(3, 5, header);
        assertNotEquals(-1, payload.mismatch(header, 0, wire(payload.request(3, 4), true), 0, size), "stale reply");
        assertNotEquals(-1, payload.mismatch(header, 0, wire(payload.request(4, 5), true), 0, size), "other connection");
    }

    @Test
    void copyStreamsARequestInPiecesOfAnySize() {
        EchoPayload payload = new EchoPayload(1000);
        byte[] header = new byte[16];
        payload.header(9, 1, header);
        for (int piece : new int[] {1, 7, 16, 333, 1000}) {
            ByteBuffer out = ByteBuffer.allocate(1000);
            for (int pos = 0; pos < 1000; pos += piece) payload.copy(header, pos, Math.min(piece, 1000 - pos), out);
            assertArrayEquals(payload.request(9, 1), out.array(), "pieces of " + piece);
        }
    }
}
