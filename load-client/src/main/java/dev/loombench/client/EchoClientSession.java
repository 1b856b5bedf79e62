package dev.loombench.client;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Echo, client side: request {@code n} of a connection is {@link EchoPayload#request
 * payload.request(connectionId, n)}; the reply stream must be exactly the concatenation of the
 * requests sent, in order. Any differing byte, or a byte beyond what was sent, is a mismatch.
 */
final class EchoClientSession implements ClientSession {

    private final EchoPayload payload;
    private final long connectionId;
    private final byte[] sendHeader = new byte[EchoPayload.HEADER];
    private final byte[] expectedHeader = new byte[EchoPayload.HEADER];
    private long nextSeq;   // of the next request to send
    private long replySeq;  // of the request whose reply is being read
    private int replyPos;   // bytes of that reply read so far
    private boolean fresh = true;

    EchoClientSession(EchoPayload payload, long connectionId) {
        this.payload = payload;
        this.connectionId = connectionId;
    }

    @Override
    public boolean canSend() {
        return true;
    }

    @Override
    public void sendRequest(RequestWriter out) throws IOException {
        int head = payload.headerLength();
        payload.header(connectionId, nextSeq++, sendHeader);
        out.write(sendHeader, head, payload.template(), head, payload.size() - head);
    }

    @Override
    public void onInput(ByteBuffer input, Replies replies) throws Failure {
        if (input.hasRemaining()) fresh = false;
        byte[] bytes = input.array();
        while (input.hasRemaining()) {
            if (replySeq == nextSeq) {
                throw new Failure(ErrorClass.MISMATCH, input.remaining() + " bytes arrived beyond the " + nextSeq + " requests sent");
            }
            if (replyPos == 0) payload.header(connectionId, replySeq, expectedHeader);
            int n = Math.min(input.remaining(), payload.size() - replyPos);
            int at = payload.mismatch(expectedHeader, replyPos, bytes, input.arrayOffset() + input.position(), n);
            if (at >= 0) {
                throw new Failure(ErrorClass.MISMATCH, "reply to request " + replySeq + " differs at byte " + at);
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
