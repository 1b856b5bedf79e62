package dev.loombench.fault;

import dev.loombench.protocol.BadReplyException;
import dev.loombench.protocol.TimeClientCodec;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * A {@link FaultClient} as a {@code time} client, through {@link TimeClientCodec}: requests are
 * encoded by the codec (or built wrong on purpose by a fault, and then announced to it), and what
 * the server sends is cut into {@link TimeEvent}s — WELCOME first, each reply matched to its
 * request in order, MESSAGEs apart. Anything else (a frame before WELCOME, an unsolicited or
 * mismatched reply, a malformed frame) is an {@link IOException} whose cause is the codec's
 * {@link BadReplyException}. Same thread as its client.
 */
final class TimeConnection {

    private final FaultClient client;
    private final TimeClientCodec codec = new TimeClientCodec(1);
    private final ArrayDeque<TimeEvent> events = new ArrayDeque<>();
    private final TimeClientCodec.Events queue = new TimeClientCodec.Events() {
        public void welcome(int clientId) {
            events.add(new TimeEvent.Welcome(clientId));
        }

        public void reply(int requestType, int replyType, ByteBuffer body, int frameBytes) {
            events.add(new TimeEvent.Reply(requestType, replyType, ByteBuffer.allocate(body.remaining()).put(body).flip()));
        }

        public void message(int fromId, String text) {
            events.add(new TimeEvent.Message(fromId, text));
        }
    };

    TimeConnection(FaultClient client) {
        this.client = client;
    }

    /** Encodes a request without a body (TIME, NAME, LIST, BYE) into {@code into}, for the fault to send as it likes; its reply is expected. */
    void encode(int type, ByteBuffer into) {
        codec.request(type, into);
    }

    /** Encodes a SEND into {@code into}; its reply is expected. */
    void encodeSend(int targetId, String text, ByteBuffer into) {
        codec.send(targetId, text, into);
    }

    /** Sends a request without a body. */
    void request(int type) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(TimeClientCodec.EMPTY_REQUEST_BYTES);
        encode(type, frame);
        client.send(frame.flip());
    }

    /** Sends a whole frame the fault built (its body wrong on purpose); the reply to its type is expected. */
    void sendFrame(ByteBuffer frame) throws IOException {
        codec.expectReply(Byte.toUnsignedInt(frame.get(frame.position() + Integer.BYTES)));
        client.send(frame);
    }

    /**
     * Sends {@code bytes} that end in something the server cannot cut into a frame (a bad length,
     * garbage), after any requests encoded into them before: only an ERROR can answer that.
     */
    void sendUnframed(ByteBuffer bytes) throws IOException {
        codec.expectReply(TimeClientCodec.NO_FRAME);
        client.send(bytes);
    }

    /** The next thing the server says, within {@code timeout}. */
    TimeEvent next(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events.isEmpty()) {
            ByteBuffer got = client.read(deadline, "nothing from the server in " + timeout.toMillis() + " ms");
            if (got == null) throw new EOFException("server closed the connection");
            try {
                codec.onInput(got, queue);
            } catch (BadReplyException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        return events.poll();
    }

    /** Reads the WELCOME a connection starts with and returns the client id (ERROR 4 instead: a REJECTED cause). */
    int welcome(Duration timeout) throws IOException {
        TimeEvent event = next(timeout);
        if (event instanceof TimeEvent.Welcome welcome) return welcome.clientId();
        throw new IOException("expected WELCOME, got " + event.describe());
    }

    /** The reply to the oldest outstanding request; a MESSAGE before it is an error. */
    TimeEvent.Reply reply(Duration timeout) throws IOException {
        TimeEvent event = next(timeout);
        if (event instanceof TimeEvent.Reply reply) return reply;
        throw new IOException("expected a reply, got " + event.describe());
    }
}
