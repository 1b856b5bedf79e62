package dev.loombench.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 868, client side: four bytes near our clock, then the close, is one verified reply. */
class Rfc868ClientCodecTest {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    final List<String> outcomes = new ArrayList<>();
    final ClientCodec.Replies replies = new ClientCodec.Replies() {
        public void ok(int bytes) { outcomes.add("ok " + bytes); }
        public void failed(BadReplyException.Kind kind) { outcomes.add(kind.name()); }
    };

    static Rfc868ClientCodec codec() {
        Rfc868ClientCodec codec = new Rfc868ClientCodec(Clock.fixed(NOW, ZoneOffset.UTC));
        codec.nextRequest();
        assertTrue(codec.encode(ByteBuffer.allocate(0)), "the connection is the request: no bytes");
        return codec;
    }

    static ByteBuffer value(Instant t) {
        return ByteBuffer.allocate(4).putInt((int) Rfc868Session.secondsSince1900(t)).flip();
    }

    @Test
    void fourBytesThenTheCloseIsOneReply() throws Exception {
        Rfc868ClientCodec codec = codec();
        ByteBuffer reply = value(NOW.plusSeconds(2));
        codec.onInput(reply.slice(0, 1), replies);
        codec.onInput(reply.slice(1, 3), replies);
        assertTrue(codec.onEndOfStream(replies));
        assertEquals(List.of("ok 4"), outcomes);
        assertEquals(Rfc868Session.secondsSince1900(NOW.plusSeconds(2)), codec.secondsSince1900());
    }

    @Test
    void aCloseBeforeFourBytesIsLeftToTheCaller() throws Exception {
        Rfc868ClientCodec codec = codec();
        assertTrue(codec.fresh());
        assertFalse(codec.onEndOfStream(replies), "no byte: refused (server full)");
        codec.onInput(value(NOW).slice(0, 2), replies);
        assertFalse(codec.fresh());
        assertFalse(codec.onEndOfStream(replies), "cut short");
        assertTrue(outcomes.isEmpty());
    }

    @Test
    void aFifthByteBreaksTheProtocolAndAFarClockIsAMismatch() throws Exception {
        Rfc868ClientCodec longer = codec();
        longer.onInput(value(NOW), replies);
        assertEquals(BadReplyException.Kind.PROTOCOL,
                assertThrows(BadReplyException.class, () -> longer.onInput(ByteBuffer.allocate(1), replies)).kind());
        Rfc868ClientCodec far = codec();
        far.onInput(value(NOW.minusSeconds(60)), replies);
        assertEquals(BadReplyException.Kind.MISMATCH, assertThrows(BadReplyException.class, () -> far.onEndOfStream(replies)).kind());
    }

    @Test
    void theSkewSurvivesTheWrapOf2036() {
        long wrapped = Rfc868ClientCodec.skewSeconds(3, 4_294_967_296L - 2_208_988_800L + 1);
        assertEquals(2, wrapped);
    }
}
