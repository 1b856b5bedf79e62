package dev.loombench.protocol;

import java.nio.ByteBuffer;

/**
 * Echo, client side (PROTOCOL.md §1): request {@code n} of a connection is
 * {@link EchoPayload#request payload.request(connectionId, n)}; the reply stream must be exactly
 * the concatenation of the requests sent, in order. Any differing byte, or a byte beyond what was
 * sent, is a mismatch. Never allocates per request.
 *
 * @see EchoSession the server side
 */
public final class EchoClientCodec implements ClientCodec {

    private final EchoPayload payload;
    private final long connectionId;
    private final byte[] sendHeader = new byte[EchoPayload.HEADER];
    private final byte[] expectedHeader = new byte[EchoPayload.HEADER];
    private long nextSeq;   // of the next request to start
    private int encoded;    // bytes of the current request copied out so far
    private long replySeq;  // of the request whose reply is being read
    private int replyPos;   // bytes of that reply read so far
    private boolean fresh = true;

    public EchoClientCodec(EchoPayload payload, long connectionId) {
        this.payload = payload;
        this.connectionId = connectionId;
        this.encoded = payload.size();
    }

    @Override
    public boolean canSend() {
        return true;
    }

    @Override
    public void nextRequest() {
        payload.header(connectionId, nextSeq++, sendHeader);
        encoded = 0;
    }

    @Override
    public boolean encode(ByteBuffer out) {
        int n = Math.min(out.remaining(), payload.size() - encoded);
        payload.copy(sendHeader, encoded, n, out);
        encoded += n;
        return encoded == payload.size();
    }

    @Override
    public void onInput(ByteBuffer input, Replies replies) throws BadReplyException {
        if (input.hasRemaining()) fresh = false;
        while (input.hasRemaining()) {
            if (replySeq == nextSeq) {
                throw new BadReplyException(BadReplyException.Kind.MISMATCH,
                        input.remaining() + " bytes arrived beyond the " + nextSeq + " requests sent");
            }
            if (replyPos == 0) payload.header(connectionId, replySeq, expectedHeader);
            int n = Math.min(input.remaining(), payload.size() - replyPos);
            int at = payload.mismatch(expectedHeader, replyPos, input, input.position(), n);
            if (at >= 0) {
                throw new BadReplyException(BadReplyException.Kind.MISMATCH, "reply to request " + replySeq + " differs at byte " + at);
            }
            input.position(input.position() + n);
            replyPos += n;
            if (replyPos == payload.size()) {
                replyPos = 0;
                replySeq++;
                replies.ok(payload.size());
            }
        }
    }

    @Override
    public boolean fresh() {
        return fresh;
    }

    @Override
    public boolean silentRejection() {
        return true;
    }
}
