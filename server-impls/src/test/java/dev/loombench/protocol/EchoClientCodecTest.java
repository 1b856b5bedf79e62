package dev.loombench.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The echo client codec: requests streamed through buffers of any size, replies checked byte for byte. */
class EchoClientCodecTest {

    final List<String> outcomes = new ArrayList<>();
    final ClientCodec.Replies replies = new ClientCodec.Replies() {
        public void ok(int bytes) { outcomes.add("ok " + bytes); }
        public void failed(BadReplyException.Kind kind) { outcomes.add(kind.name()); }
    };

    /** Starts a request and encodes it whole through an output buffer of {@code chunk} bytes. */
    static byte[] request(ClientCodec codec, int chunk) {
        codec.nextRequest();
        ByteBuffer all = ByteBuffer.allocate(1 << 16);
        ByteBuffer out = ByteBuffer.allocate(chunk);
        boolean done;
        do {
            done = codec.encode(out.clear());
            all.put(out.flip());
        } while (!done);
        byte[] bytes = new byte[all.flip().remaining()];
        all.get(bytes);
        return bytes;
    }

    @Test
    void requestsAreThePayloadsInSequenceWhateverTheBufferSize() {
        EchoPayload payload = new EchoPayload(100);
        EchoClientCodec codec = new EchoClientCodec(payload, 9);
        assertArrayEquals(payload.request(9, 0), request(codec, 7));
        assertArrayEquals(payload.request(9, 1), request(codec, 100));
        assertArrayEquals(payload.request(9, 2), request(codec, 4096));
    }

    @Test
    void countsRepliesSplitAnyWayAndRejectsExtraBytes() throws Exception {
        EchoPayload payload = new EchoPayload(20);
        EchoClientCodec codec = new EchoClientCodec(payload, 9);
        ByteBuffer wire = ByteBuffer.allocateDirect(60);
        for (int i = 0; i < 3; i++) wire.put(request(codec, 64));
        wire.flip();
        assertTrue(codec.fresh());
        codec.onInput(wire.slice(0, 7), replies);
        assertFalse(codec.fresh());
        codec.onInput(wire.slice(7, 40), replies);
        assertEquals(List.of("ok 20", "ok 20"), outcomes);
        codec.onInput(wire.slice(47, 13), replies);
        assertEquals(3, outcomes.size());
        BadReplyException extra = assertThrows(BadReplyException.class, () -> codec.onInput(ByteBuffer.allocate(1), replies));
        assertEquals(BadReplyException.Kind.MISMATCH, extra.kind());
    }

    @Test
    void aReplyInOtherOrderIsAMismatch() throws Exception {
        EchoPayload payload = new EchoPayload(32);
        EchoClientCodec codec = new EchoClientCodec(payload, 1);
        byte[] first = request(codec, 64);
        byte[] second = request(codec, 64);
        BadReplyException e = assertThrows(BadReplyException.class, () -> codec.onInput(ByteBuffer.wrap(second), replies));
        assertEquals(BadReplyException.Kind.MISMATCH, e.kind());
        assertTrue(e.getMessage().contains("request 0"), e.getMessage());
        assertEquals(32, first.length);
    }

    @Test
    void theEndOfTheStreamIsLeftToTheCallerToClassify() throws Exception {
        EchoClientCodec codec = new EchoClientCodec(new EchoPayload(16), 1);
        assertFalse(codec.onEndOfStream(replies));
        assertTrue(codec.silentRejection(), "echo refuses by closing");
    }
}
