package dev.loombench.protocol;

import java.nio.ByteBuffer;

/**
 * Echo over UDP, client side (PROTOCOL.md §4): request {@code n} of client {@code id} is one
 * datagram of {@link EchoPayload#size()} bytes, {@link EchoPayload#request payload.request(id, n)}:
 * the client id and sequence number as two longs in the first 16 bytes, then the fill pattern. A
 * reply names the request it answers in that header; it is intact when it is the same datagram,
 * byte for byte, at the same length (a datagram arrives whole or not at all, so a shorter or longer
 * one was altered).
 *
 * @see DatagramResponder#echo the server side
 */
public final class EchoDatagramCodec implements DatagramClientCodec {

    private final EchoPayload payload;
    private final long clientId;
    private final byte[] header = new byte[EchoPayload.HEADER];

    /**
     * @throws IllegalArgumentException if the payload is smaller than the 16-byte header (a datagram
     *                                  that cannot name its request could not be told lost from late)
     */
    public EchoDatagramCodec(EchoPayload payload, long clientId) {
        if (payload.headerLength() != EchoPayload.HEADER) {
            throw new IllegalArgumentException("echo over UDP needs datagrams of at least " + EchoPayload.HEADER
                    + " bytes (client id and sequence number), was " + payload.size());
        }
        if (payload.size() > Transport.MAX_DATAGRAM) {
            throw new IllegalArgumentException("a UDP datagram carries at most " + Transport.MAX_DATAGRAM + " bytes, was " + payload.size());
        }
        this.payload = payload;
        this.clientId = clientId;
    }

    @Override
    public void encode(long seq, ByteBuffer out) {
        payload.header(clientId, seq, header);
        payload.copy(header, 0, payload.size(), out);
    }

    @Override
    public long sequenceOf(ByteBuffer reply) {
        int at = reply.position();
        if (reply.remaining() < EchoPayload.HEADER || reply.getLong(at) != clientId) return UNKNOWN;
        long seq = reply.getLong(at + Long.BYTES);
        return seq < 0 ? UNKNOWN : seq;
    }

    @Override
    public boolean intact(ByteBuffer reply, long seq) {
        if (reply.remaining() != payload.size()) return false;
        payload.header(clientId, seq, header);
        return payload.mismatch(header, 0, reply, reply.position(), payload.size()) < 0;
    }
}
