package dev.loombench.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Cuts a byte stream into {@code time} frames ({@code length:u32 type:u8 body}), whatever way the
 * stream was split into reads. Used by the server sessions and by the clients alike.
 *
 * <p>Frames that lie whole inside one input buffer are handed over as slices of it, without
 * copying; a frame split across reads is gathered into a buffer of exactly its size. Not
 * thread-safe: one decoder per connection direction.
 */
public final class FrameDecoder {

    /** Receives decoded frames. */
    @FunctionalInterface
    public interface FrameHandler {
        /**
         * One whole frame. {@code body} is valid only during the call.
         *
         * @return true to go on decoding, false to stop (the rest of the input is left unread)
         */
        boolean onFrame(int type, ByteBuffer body) throws IOException;
    }

    private final int maxFrame;
    private final ByteBuffer header = ByteBuffer.allocate(Integer.BYTES);
    private ByteBuffer split; // the frame being gathered across reads, or null

    public FrameDecoder(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    /**
     * Decodes every frame completed by {@code input}, consuming it, and keeps a trailing
     * incomplete frame for the next call.
     *
     * @return false if the handler asked to stop
     * @throws BadFrameException on a length of 0 or above max-frame; the decoder is then unusable
     */
    public boolean feed(ByteBuffer input, FrameHandler handler) throws IOException {
        while (input.hasRemaining()) {
            if (split == null) {
                long length;
                if (header.position() == 0 && input.remaining() >= Integer.BYTES) {
                    length = Integer.toUnsignedLong(input.getInt());
                } else {
                    copy(input, header);
                    if (header.hasRemaining()) return true;
                    length = Integer.toUnsignedLong(header.getInt(0));
                    header.clear();
                }
                if (length == 0 || length > maxFrame) throw new BadFrameException(length, maxFrame);
                if (input.remaining() >= length) {
                    ByteBuffer frame = input.slice(input.position(), (int) length);
                    input.position(input.position() + (int) length);
                    if (!dispatch(frame, handler)) return false;
                    continue;
                }
                split = ByteBuffer.allocate((int) length);
            }
            copy(input, split);
            if (split.hasRemaining()) return true;
            ByteBuffer frame = split.flip();
            split = null;
            if (!dispatch(frame, handler)) return false;
        }
        return true;
    }

    /** True while part of a frame has been read but not yet handed over. */
    public boolean hasPartialFrame() {
        return split != null || header.position() > 0;
    }

    private static boolean dispatch(ByteBuffer frame, FrameHandler handler) throws IOException {
        int type = Byte.toUnsignedInt(frame.get());
        return handler.onFrame(type, frame.slice());
    }

    private static void copy(ByteBuffer from, ByteBuffer to) {
        int n = Math.min(from.remaining(), to.remaining());
        to.put(to.position(), from, from.position(), n);
        to.position(to.position() + n);
        from.position(from.position() + n);
    }
}
