package dev.loombench.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The bytes of echo requests and the check of their replies (PROTOCOL.md §1). A request carries
 * the connection id and its sequence number in a header, so that a lost, duplicated, reordered or
 * stale reply differs from what is expected; the rest is a fill pattern of period 251 (so a
 * shifted stream differs too):
 * <ul>
 *   <li>16 bytes and more: a 16-byte header, id and sequence as two big-endian longs;</li>
 *   <li>8 to 15 bytes: an 8-byte header, the low 32 bits of each (the sequence wraps after 2<sup>32</sup>
 *       requests, far beyond any run);</li>
 *   <li>under 8 bytes: fill pattern only. Then a reply from another connection or a reordered
 *       reply cannot be told apart; a lost one is caught only by the timeout, and a duplicated one
 *       only as bytes beyond what was sent.</li>
 * </ul>
 *
 * <p>Immutable and shared by every connection of a run: the fill pattern is built once, and
 * replies are compared against it in bulk, which keeps 64 MiB requests cheap to check.
 */
public final class EchoPayload {

    /** Header bytes of requests of at least this size: id and sequence as longs. */
    public static final int HEADER = 16;
    /** Header bytes of requests of 8 to 15 bytes: id and sequence as ints. */
    public static final int SHORT_HEADER = 8;
    private static final int VECTORIZED_FROM = 256;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final int size;
    private final int headerLength;
    private final byte[] template;
    private final ByteBuffer templateView; // absolute reads only, so it may be shared

    public EchoPayload(int size) {
        if (size < 1) throw new IllegalArgumentException("echo size must be >= 1, was " + size);
        this.size = size;
        this.headerLength = size >= HEADER ? HEADER : size >= SHORT_HEADER ? SHORT_HEADER : 0;
        this.template = new byte[size];
        for (int i = headerLength; i < size; i++) template[i] = fill(i);
        this.templateView = ByteBuffer.wrap(template).asReadOnlyBuffer();
    }

    /** The fill byte at position {@code i} of every request. */
    static byte fill(int i) {
        return (byte) (i % 251);
    }

    public int size() {
        return size;
    }

    /** 16, 8, or 0 when requests are too small to carry an id. */
    public int headerLength() {
        return headerLength;
    }

    /** Writes the header of request {@code seq} of {@code connection} into {@code dst[0, headerLength)}. */
    public void header(long connection, long seq, byte[] dst) {
        if (headerLength == HEADER) {
            LONGS.set(dst, 0, connection);
            LONGS.set(dst, Long.BYTES, seq);
        } else if (headerLength == SHORT_HEADER) {
            INTS.set(dst, 0, (int) connection);
            INTS.set(dst, Integer.BYTES, (int) seq);
        }
    }

    /** A fresh copy of the whole request (tests, and anything not on the hot path). */
    public byte[] request(long connection, long seq) {
        byte[] request = template.clone();
        header(connection, seq, request);
        return request;
    }

    /**
     * Copies request bytes {@code [pos, pos + n)} into {@code out}: the header part from
     * {@code header} (as written by {@link #header}), the rest from the fill pattern.
     */
    public void copy(byte[] header, int pos, int n, ByteBuffer out) {
        int end = pos + n;
        if (pos < headerLength) {
            int to = Math.min(end, headerLength);
            out.put(header, pos, to - pos);
            pos = to;
        }
        if (pos < end) out.put(template, pos, end - pos);
    }

    /**
     * Compares {@code len} reply bytes of {@code got}, from its absolute index {@code at}, with the
     * request's bytes from position {@code pos} on; the request's header is {@code expectedHeader}.
     * Works on heap and direct buffers alike and leaves {@code got}'s position alone.
     *
     * @return the position in the request of the first byte that differs, or -1 if all match
     */
    public int mismatch(byte[] expectedHeader, int pos, ByteBuffer got, int at, int len) {
        if (pos < 0 || len < 0 || pos + len > size) throw new IndexOutOfBoundsException("pos " + pos + " len " + len + " size " + size);
        int end = pos + len;
        int i = pos;
        if (i < headerLength) {
            int to = Math.min(end, headerLength);
            for (; i < to; i++) { // by longs where a whole one fits, then bytes
                int g = at + (i - pos);
                if (to - i >= Long.BYTES && (long) LONGS.get(expectedHeader, i) == got.getLong(g)) {
                    i += Long.BYTES - 1;
                } else if (expectedHeader[i] != got.get(g)) {
                    return i;
                }
            }
        }
        if (i < end) {
            int m = got.hasArray()
                    ? Arrays.mismatch(template, i, end, got.array(), got.arrayOffset() + at + (i - pos), got.arrayOffset() + at + len)
                    : mismatch(templateView, i, got, at + (i - pos), end - i);
            if (m >= 0) return i + m;
        }
        return -1;
    }

    /**
     * Index (relative) of the first of {@code n} bytes that differ between {@code a} at {@code ai}
     * and {@code b} at {@code bi}, or -1. Long stretches go to the JDK's vectorized
     * {@link ByteBuffer#mismatch} (two slice objects per call are nothing beside kilobytes of
     * bytes); short ones, the common echo reply, are compared by longs without allocating.
     */
    private static int mismatch(ByteBuffer a, int ai, ByteBuffer b, int bi, int n) {
        if (n >= VECTORIZED_FROM) return a.slice(ai, n).mismatch(b.slice(bi, n));
        int i = 0;
        for (; i + Long.BYTES <= n; i += Long.BYTES) {
            if (a.getLong(ai + i) != b.getLong(bi + i)) break;
        }
        for (; i < n; i++) {
            if (a.get(ai + i) != b.get(bi + i)) return i;
        }
        return -1;
    }
}
