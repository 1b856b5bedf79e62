package dev.loombench.protocol;

import java.nio.ByteBuffer;
import java.time.Clock;

/**
 * RFC 868 over UDP, client side (PROTOCOL.md §4): the request is an empty datagram, as RFC 868
 * says; the reply is one datagram of exactly four bytes, seconds since 1900, within
 * {@link Rfc868ClientCodec#CLOCK_TOLERANCE_SECONDS} of the client's clock. A reply names no
 * request, so it answers the oldest one waiting ({@link #OLDEST}): with one request outstanding
 * (closed loop) that is exact; in open loop a duplicate cannot be told from the next reply, nor
 * can reordering be seen.
 *
 * @see DatagramResponder#rfc868 the server side
 */
public final class Rfc868DatagramCodec implements DatagramClientCodec {

    private final Clock clock;

    public Rfc868DatagramCodec(Clock clock) {
        this.clock = clock;
    }

    public Rfc868DatagramCodec() {
        this(Clock.systemUTC());
    }

    @Override
    public void encode(long seq, ByteBuffer out) {
        // the empty datagram is the request
    }

    @Override
    public long sequenceOf(ByteBuffer reply) {
        return OLDEST;
    }

    @Override
    public boolean intact(ByteBuffer reply, long seq) {
        if (reply.remaining() != Integer.BYTES) return false;
        long value = Integer.toUnsignedLong(reply.getInt(reply.position()));
        return Math.abs(Rfc868ClientCodec.skewSeconds(value, clock.millis() / 1000)) <= Rfc868ClientCodec.CLOCK_TOLERANCE_SECONDS;
    }
}
