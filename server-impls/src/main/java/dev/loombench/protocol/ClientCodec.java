package dev.loombench.protocol;

import java.nio.ByteBuffer;

/**
 * The client side of one protocol on one connection, beside the server side ({@link ProtocolSession}):
 * it encodes requests and verifies the replies byte for byte, however the stream was cut into reads.
 * Pure protocol: no sockets, no clocks for timing, no threads. The load engine, the fault suite, the
 * interactive client and the JMH clients all drive the same codecs.
 *
 * <p>Requests: {@link #nextRequest()} starts one (the codec now expects its reply), then
 * {@link #encode} copies its bytes into an output buffer, as many as fit, until it returns true.
 * A request may be larger than any buffer (echo up to 64 MiB): it is streamed, never copied whole.
 *
 * <p>Replies come in request order; {@link #onInput} reports each completed reply to {@link Replies}
 * and throws {@link BadReplyException} on bytes that are not the expected reply: the connection
 * must then be closed, since the stream cannot be trusted any more.
 *
 * <p>Threading: not thread-safe; one codec per connection, used by the thread that owns it.
 */
public interface ClientCodec {

    /** What the codec reports for each request, in request order. */
    interface Replies {
        /** The oldest outstanding request got its reply, and it was verified correct. */
        void ok(int replyBytes);

        /** The oldest outstanding request failed, but the connection stays usable (time: ERROR 3 to a SEND). */
        void failed(BadReplyException.Kind kind);
    }

    /** False while a greeting is due (time: WELCOME): requests wait for it. */
    boolean canSend();

    /** Starts the next request: from now on its reply is expected. Its bytes come from {@link #encode}. */
    void nextRequest();

    /**
     * Copies the next bytes of the current request into {@code out}, as many as fit.
     *
     * @return true once every byte of the current request has been copied (a request with no bytes,
     *         such as RFC 868's, is complete at once)
     */
    boolean encode(ByteBuffer out);

    /** Consumes every remaining byte of {@code input} and reports each reply it completes. */
    void onInput(ByteBuffer input, Replies replies) throws BadReplyException;

    /**
     * The server closed the connection. RFC 868 replies end that way: the end completes the
     * reply (reported to {@code replies}) and this returns true. For the other protocols, and
     * for an RFC 868 reply cut short, it returns false and the caller classifies the end of
     * stream from {@link #fresh()} and {@link #silentRejection()}.
     */
    default boolean onEndOfStream(Replies replies) throws BadReplyException {
        return false;
    }

    /** True until the first byte of any reply or greeting has arrived. */
    boolean fresh();

    /** True when the protocol refuses a connection by closing it (echo, rfc868), false when it says so (time). */
    boolean silentRejection();
}
