package dev.loombench.protocol;

import java.nio.ByteBuffer;

/**
 * The client side of one protocol over UDP (PROTOCOL.md §4), beside the server side
 * ({@link DatagramResponder}): it writes request datagrams and tells, for a reply datagram, which
 * request it claims to answer and whether it is exactly the right reply. Deciding what a reply
 * <em>is</em> — the answer, a duplicate, late, reordered — needs the client's record of what it
 * sent and got, so that is the load engine's; the codec knows only bytes.
 * Pure protocol: no sockets, no clocks for timing, no threads; nothing allocated per datagram.
 *
 * <p>Threading: not thread-safe; one codec per client, used by the thread that owns it.
 */
public interface DatagramClientCodec {

    /** {@link #sequenceOf}: the reply belongs to no request of this client (too short, another client's id). */
    long UNKNOWN = -1;
    /** {@link #sequenceOf}: the protocol's replies carry no id (rfc868); the reply answers the oldest request waiting. */
    long OLDEST = -2;

    /** Writes request number {@code seq} into {@code out} from its position; {@code out} has room for any datagram. */
    void encode(long seq, ByteBuffer out);

    /**
     * The sequence number of the request {@code reply} (position to limit) claims to answer, from its
     * header; {@link #UNKNOWN} or {@link #OLDEST}. Leaves {@code reply}'s position alone.
     */
    long sequenceOf(ByteBuffer reply);

    /**
     * True if {@code reply} (position to limit) is exactly the reply to request {@code seq}: echo,
     * the whole request byte for byte and not one byte more; rfc868, four bytes near the client's
     * clock. Leaves {@code reply}'s position alone.
     */
    boolean intact(ByteBuffer reply, long seq);
}
