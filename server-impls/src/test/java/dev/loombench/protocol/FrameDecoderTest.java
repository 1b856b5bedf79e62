package dev.loombench.protocol;

import static dev.loombench.protocol.Fixtures.bytes;
import static dev.loombench.protocol.Fixtures.concat;
import static dev.loombench.protocol.Fixtures.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.protocol.Fixtures.Frame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameDecoderTest {

    private static final int MAX = 300;

    /** Short frames, including a type-only frame and a body that looks like frame headers. */
    private static final byte[] SHORT_FRAMES = concat(
            bytes("00000001 05"),
            bytes("00000003 01 AB CD"),
            bytes("00000009 FF 00000000 00000001"),
            bytes("00000002 C4 00"));

    /** The short frames plus ones whose length needs two bytes, up to exactly max-frame. */
    private static final byte[] ALL_FRAMES = concat(SHORT_FRAMES, frame(0x83, 256), frame(0x7F, MAX - 1), bytes("00000001 02"));

    private final List<Frame> decoded = new ArrayList<>();
    private final FrameDecoder.FrameHandler collect = (type, body) -> decoded.add(new Frame(type, hex(Fixtures.take(body))));

    @Test
    void decodesManyFramesFromOneBuffer() throws IOException {
        List<Frame> expected = new ArrayList<>();
        ByteBuffer stream = ByteBuffer.allocate(1000 * 9);
        for (int i = 0; i < 1000; i++) {
            stream.putInt(5).put((byte) i).putInt(i);
            expected.add(new Frame(i & 0xFF, String.format("%08X", i)));
        }
        FrameDecoder decoder = new FrameDecoder(MAX);

        assertTrue(decoder.feed(stream.flip(), collect));

        assertEquals(expected, decoded);
        assertFalse(stream.hasRemaining());
        assertFalse(decoder.hasPartialFrame());
    }

    @Test
    void yieldsTheSameFramesWhereverTheStreamIsSplit() throws IOException {
        List<Frame> whole = decode(ALL_FRAMES);
        assertEquals(7, whole.size());
        for (int cut = 0; cut <= ALL_FRAMES.length; cut++) {
            assertEquals(whole, decode(ALL_FRAMES, cut), "split at " + cut);
        }
    }

    @Test
    void yieldsTheSameFramesWhereverTheStreamIsCutInThree() throws IOException {
        List<Frame> whole = decode(SHORT_FRAMES);
        for (int first = 0; first <= SHORT_FRAMES.length; first++) {
            for (int second = first; second <= SHORT_FRAMES.length; second++) {
                assertEquals(whole, decode(SHORT_FRAMES, first, second), "split at " + first + " and " + second);
            }
        }
    }

    @Test
    void yieldsTheSameFramesFedByteByByte() throws IOException {
        int[] everyByte = new int[ALL_FRAMES.length];
        Arrays.setAll(everyByte, i -> i);
        assertEquals(decode(ALL_FRAMES), decode(ALL_FRAMES, everyByte));
    }

    @Test
    void readsFromWhereverTheInputBufferIsPositioned() throws IOException {
        byte[] padded = concat(bytes("EEEEEE"), SHORT_FRAMES, bytes("EE"));
        FrameDecoder decoder = new FrameDecoder(MAX);

        decoder.feed(ByteBuffer.wrap(padded, 3, SHORT_FRAMES.length), collect);
        ByteBuffer direct = ByteBuffer.allocateDirect(SHORT_FRAMES.length).put(SHORT_FRAMES).flip();
        decoder.feed(direct, collect);

        List<Frame> once = decode(SHORT_FRAMES);
        List<Frame> twice = new ArrayList<>(once);
        twice.addAll(once);
        assertEquals(twice, decoded);
    }

    @Test
    void acceptsAFrameOfExactlyMaxFrame() throws IOException {
        byte[] frame = frame(0x01, MAX - 1);
        assertEquals(MAX, ByteBuffer.wrap(frame).getInt());

        assertEquals(1, decode(frame).size());
        assertEquals(decode(frame), decode(frame, 2));
        assertEquals(decode(frame), decode(frame, 4));
    }

    @Test
    void rejectsAFrameOneByteAboveMaxFrame() {
        FrameDecoder decoder = new FrameDecoder(MAX);
        BadFrameException e = assertThrows(BadFrameException.class,
                () -> decoder.feed(ByteBuffer.wrap(frame(0x01, MAX)), collect));
        assertEquals(MAX + 1, e.length());
        assertTrue(decoded.isEmpty());
    }

    @Test
    void rejectsABadLengthAsSoonAsItsHeaderIsComplete() throws IOException {
        FrameDecoder decoder = new FrameDecoder(MAX);
        ByteBuffer header = ByteBuffer.allocate(4).putInt(MAX + 1).flip();
        for (int i = 0; i < 3; i++) assertTrue(decoder.feed(header.slice(i, 1), collect));

        BadFrameException e = assertThrows(BadFrameException.class, () -> decoder.feed(header.slice(3, 1), collect));
        assertEquals(MAX + 1, e.length());
    }

    @Test
    void rejectsZeroLength() {
        FrameDecoder decoder = new FrameDecoder(MAX);
        BadFrameException e = assertThrows(BadFrameException.class,
                () -> decoder.feed(Fixtures.buffer("00000000 01"), collect));
        assertEquals(0, e.length());
        assertTrue(decoded.isEmpty());
    }

    /** With max-frame at its largest, a length read as a signed int would wrap negative and slip through. */
    @ParameterizedTest
    @ValueSource(strings = {"80000000", "80000001", "FFFFFFFF"})
    void rejectsLengthsWithTheHighBitSetAsHugeNotNegative(String length) {
        FrameDecoder decoder = new FrameDecoder(Integer.MAX_VALUE);
        BadFrameException e = assertThrows(BadFrameException.class,
                () -> decoder.feed(Fixtures.buffer(length + "01"), collect));
        assertEquals(Long.parseLong(length, 16), e.length());
    }

    @Test
    void stopsWhenTheHandlerSaysSoAndLeavesTheRestUnread() throws IOException {
        FrameDecoder decoder = new FrameDecoder(MAX);
        ByteBuffer input = Fixtures.buffer("00000001 01  00000002 02 AA  00000001 03");
        FrameDecoder.FrameHandler stopAfterSecond = (type, body) -> {
            collect.onFrame(type, body);
            return type != 0x02;
        };

        assertFalse(decoder.feed(input, stopAfterSecond));
        assertEquals(List.of(new Frame(1, ""), new Frame(2, "AA")), decoded);
        assertEquals(11, input.position(), "stops right after the frame the handler refused");
        assertFalse(decoder.hasPartialFrame());

        assertTrue(decoder.feed(input, stopAfterSecond));
        assertEquals(new Frame(3, ""), decoded.getLast());
    }

    @Test
    void stopsAfterAFrameGatheredAcrossReads() throws IOException {
        FrameDecoder decoder = new FrameDecoder(MAX);
        FrameDecoder.FrameHandler stop = (type, body) -> {
            collect.onFrame(type, body);
            return false;
        };
        assertTrue(decoder.feed(Fixtures.buffer("00000003 04 01"), stop));
        ByteBuffer rest = Fixtures.buffer("02 00000001 05");

        assertFalse(decoder.feed(rest, stop));
        assertEquals(List.of(new Frame(4, "0102")), decoded);
        assertEquals(1, rest.position());
        assertFalse(decoder.hasPartialFrame());
    }

    @Test
    void reportsAPartialFrameUntilItIsComplete() throws IOException {
        FrameDecoder decoder = new FrameDecoder(MAX);
        assertFalse(decoder.hasPartialFrame());
        byte[] frame = bytes("00000003 01 AA BB");
        for (int i = 0; i < frame.length - 1; i++) {
            decoder.feed(ByteBuffer.wrap(frame, i, 1), collect);
            assertTrue(decoder.hasPartialFrame(), "after byte " + i);
        }
        decoder.feed(ByteBuffer.wrap(frame, frame.length - 1, 1), collect);
        assertFalse(decoder.hasPartialFrame());

        decoder.feed(Fixtures.buffer("00000002"), collect);
        assertTrue(decoder.hasPartialFrame(), "a whole header is still a partial frame");
        assertEquals(1, decoded.size());
    }

    @Test
    void handsOverABodyOfExactlyTheFrameRemainder() throws IOException {
        FrameDecoder decoder = new FrameDecoder(MAX);
        List<Integer> sizes = new ArrayList<>();
        // The handler reads nothing: what it leaves must not leak into the next frame.
        decoder.feed(Fixtures.buffer("00000004 01 AABBCC  00000001 02  00000002 03 DD"), (type, body) -> {
            sizes.add(body.remaining());
            return true;
        });
        assertEquals(List.of(3, 0, 1), sizes);
    }

    @Test
    void emptyInputDecodesNothing() throws IOException {
        FrameDecoder decoder = new FrameDecoder(MAX);
        assertTrue(decoder.feed(ByteBuffer.allocate(0), collect));
        assertTrue(decoded.isEmpty());
        assertFalse(decoder.hasPartialFrame());
    }

    /** Decodes {@code stream} fed in pieces cut at {@code cuts} (ascending), with a fresh decoder. */
    private static List<Frame> decode(byte[] stream, int... cuts) throws IOException {
        FrameDecoder decoder = new FrameDecoder(MAX);
        List<Frame> frames = new ArrayList<>();
        FrameDecoder.FrameHandler handler = (type, body) -> frames.add(new Frame(type, hex(Fixtures.take(body))));
        int from = 0;
        for (int cut : cuts) {
            feedAndScribble(decoder, Arrays.copyOfRange(stream, from, cut), handler);
            from = cut;
        }
        feedAndScribble(decoder, Arrays.copyOfRange(stream, from, stream.length), handler);
        assertFalse(decoder.hasPartialFrame());
        return frames;
    }

    /** Feeds one piece, then overwrites it, as a server reusing its read buffer does. */
    private static void feedAndScribble(FrameDecoder decoder, byte[] piece, FrameDecoder.FrameHandler handler) throws IOException {
        ByteBuffer input = ByteBuffer.wrap(piece);
        assertTrue(decoder.feed(input, handler));
        assertFalse(input.hasRemaining());
        Arrays.fill(piece, (byte) 0xEE);
    }

    /** A frame of {@code type} with a body of {@code bodySize} counting bytes. */
    private static byte[] frame(int type, int bodySize) {
        ByteBuffer frame = ByteBuffer.allocate(5 + bodySize).putInt(1 + bodySize).put((byte) type);
        for (int i = 0; i < bodySize; i++) frame.put((byte) i);
        return frame.array();
    }
}
