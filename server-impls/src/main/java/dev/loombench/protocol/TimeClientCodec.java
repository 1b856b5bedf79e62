package dev.loombench.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The {@code time} protocol, client side (PROTOCOL.md §2), for any client: it encodes requests and
 * cuts the reply stream into events — the WELCOME (or the ERROR 4 that replaces it), the reply to
 * each request in request order, and MESSAGE indications, which may come between replies and are
 * never taken for one. What a client then checks in a reply is its own business:
 * {@link TimeLoadCodec} verifies every reply of a load run; the interactive client prints them.
 *
 * <p>It enforces what holds for every client: nothing but WELCOME or ERROR comes first; a reply
 * answers the oldest outstanding request ({@code type | 0x80}, or ERROR); nothing arrives that was
 * not asked for; frames and bodies are well formed. Any breach is a {@link BadReplyException}.
 *
 * <p>Threading: not thread-safe; one per connection.
 *
 * @see TimeSession the server side
 */
public final class TimeClientCodec {

    /** Largest frame a client accepts: a LIST_OK of many clients is large (max-frame bounds only requests). */
    public static final int MAX_REPLY = 16 * 1024 * 1024;

    /** What the stream says, in order. Bodies are valid only during the call. */
    public interface Events {
        /** The server greeted this connection with its client id. */
        void welcome(int clientId) throws BadReplyException;

        /**
         * The reply to the oldest outstanding request of type {@code requestType}: {@code replyType}
         * is {@code requestType | 0x80}, or {@link TimeFrames#ERROR}. {@code frameBytes} counts the
         * whole frame with its length field.
         */
        void reply(int requestType, int replyType, ByteBuffer body, int frameBytes) throws BadReplyException;

        /** A MESSAGE from another client. */
        void message(int fromId, String text) throws BadReplyException;

        /**
         * The server sent {@code error} instead of WELCOME (code 4: server full); the codec throws
         * right after (REJECTED for code 4, else PROTOCOL). For a client that shows the server's words.
         */
        default void refused(TimeFrames.ErrorReply error) {}
    }

    /**
     * The "request type" of bytes that are no frame at all (a bad length, garbage) given to
     * {@link #expectReply}: only an ERROR can answer them.
     */
    public static final int NO_FRAME = 0x100;

    private final FrameDecoder decoder = new FrameDecoder(MAX_REPLY);
    private int[] outstanding;   // ring of request types awaiting their reply
    private int head;
    private int count;
    private int clientId;        // 0 until WELCOME
    private boolean fresh = true;
    private Events events;       // valid during onInput

    /** @param expectedInFlight requests usually outstanding at once (the ring grows past it) */
    public TimeClientCodec(int expectedInFlight) {
        this.outstanding = new int[Math.max(1, expectedInFlight)];
    }

    /** True once WELCOME has arrived. */
    public boolean welcomed() {
        return clientId != 0;
    }

    /** The id from WELCOME; 0 before it. */
    public int clientId() {
        return clientId;
    }

    /** Requests sent and not yet answered. */
    public int outstanding() {
        return count;
    }

    /** True until the first byte from the server has arrived. */
    public boolean fresh() {
        return fresh;
    }

    /** True while part of a frame has arrived but not all of it: a close now cuts it short. */
    public boolean hasPartialFrame() {
        return decoder.hasPartialFrame();
    }

    /** Encodes a request without a body (TIME, NAME, LIST, BYE) into {@code out} and expects its reply. */
    public void request(int type, ByteBuffer out) {
        out.putInt(1).put((byte) type);
        expect(type);
    }

    /** Encodes SEND of {@code utf8Text[0, length)} to {@code targetId} into {@code out} and expects SEND_OK. */
    public void send(int targetId, byte[] utf8Text, int length, ByteBuffer out) {
        out.putInt(1 + Integer.BYTES + length).put((byte) TimeFrames.SEND).putInt(targetId).put(utf8Text, 0, length);
        expect(TimeFrames.SEND);
    }

    /** Encodes SEND of {@code text} to {@code targetId} into {@code out} and expects SEND_OK. */
    public void send(int targetId, String text, ByteBuffer out) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        send(targetId, utf8, utf8.length, out);
    }

    /**
     * Expects the reply to a request the caller wrote itself rather than through {@link #request}
     * or {@link #send}: a fault injector's deliberately malformed frame of type {@code type}
     * (0-255), or {@link #NO_FRAME}. It is then answered like any request: by {@code type | 0x80}
     * or ERROR, in order.
     */
    public void expectReply(int type) {
        if (type < 0 || type > NO_FRAME) throw new IllegalArgumentException("not a frame type: " + type);
        expect(type);
    }

    /** Bytes a request without a body takes on the wire. */
    public static final int EMPTY_REQUEST_BYTES = Integer.BYTES + 1;

    /** Consumes every byte of {@code input} and reports what it completes, in order. */
    public void onInput(ByteBuffer input, Events events) throws BadReplyException {
        if (input.hasRemaining()) fresh = false;
        this.events = events;
        try {
            decoder.feed(input, this::onFrame);
        } catch (BadFrameException e) {
            throw new BadReplyException(BadReplyException.Kind.PROTOCOL, "bad frame from the server: " + e.getMessage());
        } catch (Carrier e) {
            throw e.failure;
        } catch (IOException e) {
            throw new IllegalStateException(e); // onFrame throws nothing else
        } finally {
            this.events = null;
        }
    }

    private void expect(int type) {
        if (count == outstanding.length) {
            int[] grown = new int[outstanding.length * 2];
            for (int i = 0; i < count; i++) grown[i] = outstanding[(head + i) % outstanding.length];
            outstanding = grown;
            head = 0;
        }
        outstanding[(head + count) % outstanding.length] = type;
        count++;
    }

    private boolean onFrame(int type, ByteBuffer body) throws Carrier {
        try {
            if (clientId == 0) {
                greeting(type, body);
            } else if (type == TimeFrames.MESSAGE) {
                TimeFrames.Message message = TimeFrames.decodeMessage(body);
                events.message(message.fromId(), message.text());
            } else {
                if (count == 0) throw bad(BadReplyException.Kind.PROTOCOL, "unsolicited " + TimeFrames.typeName(type));
                int request = outstanding[head];
                if (type != (request | 0x80) && type != TimeFrames.ERROR) {
                    throw bad(BadReplyException.Kind.PROTOCOL, TimeFrames.typeName(type) + " in reply to "
                            + (request == NO_FRAME ? "bytes that are no frame" : TimeFrames.typeName(request)));
                }
                head = (head + 1) % outstanding.length;
                count--;
                events.reply(request, type, body, Integer.BYTES + 1 + body.remaining());
            }
        } catch (TimeFrames.MalformedBodyException e) {
            throw new Carrier(bad(BadReplyException.Kind.PROTOCOL, "malformed " + TimeFrames.typeName(type) + ": " + e.getMessage()));
        } catch (BadReplyException e) {
            throw new Carrier(e);
        }
        return true;
    }

    private void greeting(int type, ByteBuffer body) throws TimeFrames.MalformedBodyException, BadReplyException {
        if (type == TimeFrames.WELCOME) {
            int id = TimeFrames.decodeWelcome(body);
            if (id == 0) throw bad(BadReplyException.Kind.PROTOCOL, "WELCOME with client id 0");
            clientId = id;
            events.welcome(id);
            return;
        }
        if (type == TimeFrames.ERROR) {
            TimeFrames.ErrorReply error = TimeFrames.decodeError(body);
            events.refused(error);
            throw bad(error.code() == TimeFrames.ERR_SERVER_FULL ? BadReplyException.Kind.REJECTED : BadReplyException.Kind.PROTOCOL,
                    "ERROR " + error.code() + " instead of WELCOME: " + error.text());
        }
        throw bad(BadReplyException.Kind.PROTOCOL, TimeFrames.typeName(type) + " before WELCOME");
    }

    private static BadReplyException bad(BadReplyException.Kind kind, String message) {
        return new BadReplyException(kind, message);
    }

    /** Carries a BadReplyException through FrameDecoder's handler, which may throw only IOException. */
    private static final class Carrier extends IOException {
        final BadReplyException failure;

        Carrier(BadReplyException failure) {
            super(failure.getMessage(), null);
            this.failure = failure;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
