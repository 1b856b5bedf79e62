package dev.loombench.protocol;

import java.nio.ByteBuffer;
import java.time.Clock;

/**
 * RFC 868, client side (PROTOCOL.md §3): the request is the connection itself (no bytes); the reply
 * is exactly four bytes, seconds since 1900 as {@code u32}, then the server's close. The value must
 * be within {@link #CLOCK_TOLERANCE_SECONDS} of the client's clock (compared mod 2<sup>32</sup>, so
 * it survives 2036). One codec per connection, one request per connection.
 *
 * @see Rfc868Session the server side
 */
public final class Rfc868ClientCodec implements ClientCodec {

    /** How far the server's clock may be from ours. */
    public static final int CLOCK_TOLERANCE_SECONDS = 5;

    private final Clock clock;
    private final ByteBuffer reply = ByteBuffer.allocate(Integer.BYTES);

    public Rfc868ClientCodec(Clock clock) {
        this.clock = clock;
    }

    public Rfc868ClientCodec() {
        this(Clock.systemUTC());
    }

    @Override
    public boolean canSend() {
        return true;
    }

    @Override
    public void nextRequest() {
        reply.clear();
    }

    @Override
    public boolean encode(ByteBuffer out) {
        return true; // connecting is the request
    }

    @Override
    public void onInput(ByteBuffer input, Replies replies) throws BadReplyException {
        if (input.remaining() > reply.remaining()) {
            throw new BadReplyException(BadReplyException.Kind.PROTOCOL,
                    "rfc868 reply longer than 4 bytes (" + (reply.position() + input.remaining()) + " so far)");
        }
        reply.put(input);
    }

    @Override
    public boolean onEndOfStream(Replies replies) throws BadReplyException {
        if (reply.hasRemaining()) return false; // cut short (or refused: no byte at all)
        long skew = skewSeconds(Integer.toUnsignedLong(reply.getInt(0)), clock.millis() / 1000);
        if (Math.abs(skew) > CLOCK_TOLERANCE_SECONDS) {
            throw new BadReplyException(BadReplyException.Kind.MISMATCH, "rfc868 time is " + skew + " s off the client's clock");
        }
        replies.ok(Integer.BYTES);
        return true;
    }

    /** The time of the last verified reply, seconds since 1900 as {@code u32}; valid once {@link #onEndOfStream} returned true. */
    public long secondsSince1900() {
        return Integer.toUnsignedLong(reply.getInt(0));
    }

    /** Seconds from {@code epochSecond} to the RFC 868 value {@code secondsSince1900}, mod 2^32. */
    public static long skewSeconds(long secondsSince1900, long epochSecond) {
        long expected = (epochSecond + Rfc868Session.SECONDS_1900_TO_1970) & 0xFFFF_FFFFL;
        return (int) (secondsSince1900 - expected);
    }

    @Override
    public boolean fresh() {
        return reply.position() == 0;
    }

    @Override
    public boolean silentRejection() {
        return true;
    }
}
