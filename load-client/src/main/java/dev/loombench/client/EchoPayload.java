package dev.loombench.client;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes of echo requests and the check of their replies (PROTOCOL.md §1). A request of
 * {@code size} bytes carries the connection id and the request's sequence number in its first
 * 16 bytes (two big-endian longs), so that a lost, duplicated, reordered or stale reply differs
 * from what is expected; the rest is a fill pattern of period 251 (so a shifted stream differs
 * too). Requests under 16 bytes are fill pattern only.
 *
 * <p>Immutable and shared by every connection of a run: the fill pattern is built once, and
 * replies are compared against it in bulk ({@link Arrays#mismatch}), which keeps 64 MiB
 * requests cheap to check.
 */
public final class EchoPayload {

    /** Bytes of id and sequence number at the start of requests of at least this size. */
    public static final int HEADER = 16;

    private final int size;
    private final int headerLength;
    private final byte[] template;

    public EchoPayload(int size) {
        if (size < 1) throw new IllegalArgumentException("echo size must be >= 1, was " + size);
        this.size = size;
        this.headerLength = size >= HEADER ? HEADER : 0;
        this.template = new byte[size];
        for (int i = headerLength; i < size; i++) template[i] = fill(i);
    }

    /** The fill byte at position {@code i} of every request. */
    static byte fill(int i) {
        return (byte) (i % 251);
    }

    public int size() {
        return size;
    }

    /** 16, or 0 when requests are too small to carry an id. */
    public int headerLength() {
        return headerLength;
    }

    /** The whole request with its fill pattern; the header part ({@code [0, headerLength)}) is to be overwritten. Do not modify. */
    byte[] template() {
        return template;
    }

    /** Writes the header of request {@code seq} of {@code connection} into {@code dst[0, headerLength)}. */
    public void header(long connection, long seq, byte[] dst) {
        if (headerLength == 0) return;
        ByteBuffer.wrap(dst, 0, HEADER).putLong(connection).putLong(seq);
    }

    /** A fresh copy of the whole request (tests, and anything not on the hot path). */
    public byte[] request(long connection, long seq) {
        byte[] request = template.clone();
        header(connection, seq, request);
        return request;
    }

    /**
     * Compares reply bytes {@code got[off, off+len)}, which should be the request's bytes from
     * position {@code pos} on, with the request whose header is {@code expectedHeader}.
     *
     * @return the position in the request of the first byte that differs, or -1 if all match
     */
    public int mismatch(byte[] expectedHeader, int pos, byte[] got, int off, int len) {
        if (pos < 0 || len < 0 || pos + len > size) throw new IndexOutOfBoundsException("pos " + pos + " len " + len + " size " + size);
        int end = pos + len;
        int i = pos;
        if (i < headerLength) {
            int to = Math.min(end, headerLength);
            int m = Arrays.mismatch(expectedHeader, i, to, got, off, off + (to - i));
            if (m >= 0) return i + m;
            i = to;
        }
        if (i < end) {
            int m = Arrays.mismatch(template, i, end, got, off + (i - pos), off + len);
            if (m >= 0) return i + m;
        }
        return -1;
    }
}
