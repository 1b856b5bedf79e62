package dev.loombench.protocol;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Shared test fixtures: a fixed clock and host name, hex helpers and a wire-format frame splitter. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2024-05-06T07:08:09.123456789Z");
    /** Not ASCII, so NAME shows that the host name travels as UTF-8. */
    static final String HOST = "bench-hôte";
    static final int MAX_FRAME = 64 * 1024;
    static final InetAddress LOOPBACK_V4 = address("127.0.0.1");
    static final InetAddress LOOPBACK_V6 = address("::1");

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private Fixtures() {}

    static ServerContext context() {
        return context(MAX_FRAME, Duration.ZERO, NOW);
    }

    static ServerContext context(int maxFrame, Duration think, Instant now) {
        return new ServerContext(maxFrame, SimulatedWork.of(think, Duration.ZERO), Clock.fixed(now, ZoneOffset.UTC), HOST, new ClientRegistry());
    }

    /** Bytes from hex digits; spaces are ignored, so a frame can be written field by field. */
    static byte[] bytes(String hex) {
        return HEX.parseHex(hex.replace(" ", ""));
    }

    static ByteBuffer buffer(String hex) {
        return ByteBuffer.wrap(bytes(hex));
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** The remaining bytes of {@code buffer}, consuming them. */
    static byte[] take(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    static String hex(ByteBuffer buffer) {
        return hex(take(buffer));
    }

    static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) all.put(part);
        return all.array();
    }

    static byte[] concat(ByteBuffer... frames) {
        return concat(java.util.Arrays.stream(frames).map(Fixtures::take).toArray(byte[][]::new));
    }

    /** One frame as a test sees it: its type and its body in hex, so frames compare by value. */
    record Frame(int type, String body) {
        ByteBuffer bodyBuffer() {
            return ByteBuffer.wrap(bytes(body));
        }

        /** The code of an ERROR frame. */
        int errorCode() {
            if (type != TimeFrames.ERROR) throw new AssertionError("not an ERROR frame: " + this);
            return bodyBuffer().getShort() & 0xFFFF;
        }

        @Override
        public String toString() {
            return TimeFrames.typeName(type) + "[" + body + "]";
        }
    }

    static Frame frame(ByteBuffer encoded) {
        List<Frame> frames = frames(take(encoded));
        if (frames.size() != 1) throw new AssertionError("expected one frame, got " + frames);
        return frames.getFirst();
    }

    /**
     * Splits a server's output into frames, independently of {@link FrameDecoder}; fails on a
     * trailing partial frame, so a reply written short is caught.
     */
    static List<Frame> frames(byte[] wire) {
        ByteBuffer in = ByteBuffer.wrap(wire);
        List<Frame> frames = new ArrayList<>();
        while (in.hasRemaining()) {
            if (in.remaining() < 5) throw new AssertionError("partial frame header: " + hex(take(in)));
            int length = in.getInt();
            if (length < 1 || length > in.remaining()) {
                throw new AssertionError("bad frame length " + Integer.toUnsignedString(length) + " with " + in.remaining() + " bytes left");
            }
            int type = in.get() & 0xFF;
            byte[] body = new byte[length - 1];
            in.get(body);
            frames.add(new Frame(type, hex(body)));
        }
        return frames;
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
