package dev.loombench.client;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The client side of one protocol on one open connection: it makes the requests and checks the
 * replies, byte by byte, whatever way the stream was cut into reads. It knows nothing of time
 * or sockets; the connection loop ({@link StreamConnection}) does the I/O and the timing.
 *
 * <p>Threading: not thread-safe; used by its connection's thread only.
 */
interface ClientSession {

    /** What the session reports for each request, in request order. */
    interface Replies {
        /** The oldest outstanding request got its reply and it was verified correct. */
        void ok(int replyBytes);

        /** The oldest outstanding request failed but the connection stays usable (time: ERROR 3 to a SEND). */
        void failed(ErrorClass kind);
    }

    /** Where a request goes: {@code head} then {@code body}, as one unit on the wire. */
    interface RequestWriter {
        void write(byte[] head, int headLength, byte[] body, int bodyOffset, int bodyLength) throws IOException;
    }

    /** False while a greeting is due (time: WELCOME); requests wait for it. */
    boolean canSend();

    /** Encodes the next request, hands it to {@code out} and remembers the reply it expects. */
    void sendRequest(RequestWriter out) throws IOException;

    /**
     * Consumes every byte of {@code input} and reports each reply it completes.
     *
     * @throws Failure on bytes that are not the expected reply ({@code mismatch}), that break the
     *                 protocol ({@code protocol}), or a refusal ({@code rejected}); the connection
     *                 must then be closed, since the stream cannot be trusted any more
     */
    void onInput(ByteBuffer input, Replies replies) throws Failure;

    /** True until the first byte of any reply or greeting has arrived. */
    boolean fresh();

    /** True when the protocol refuses a connection by closing it (echo, rfc868), false when it says so (time). */
    boolean silentRejection();
}
