package dev.loombench.protocol;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A protocol's view of one connection. Each server model implements it; the protocol code
 * never sees a socket or a thread.
 *
 * <p>Threading: {@link #write} is called only by the thread that currently runs this
 * connection's {@link ProtocolSession} (its worker, or the event loop). {@link #deliver} may
 * be called by any thread (a SEND from another connection) and must be safe against
 * concurrent {@code write}s: the two never interleave parts of their bytes on the wire.
 */
public interface Connection {

    /** The peer's address, as LIST reports it. */
    InetSocketAddress remoteAddress();

    /**
     * Sends all remaining bytes of {@code bytes} as one unit, in order after earlier writes.
     * Consumes the buffer (its position moves to its limit); the caller may reuse it once this
     * returns. A model may block (blocking sockets) or copy into a bounded output buffer (NIO).
     *
     * @throws IOException if the connection failed or its output bound was exceeded; the
     *                     model then closes the connection
     */
    void write(ByteBuffer bytes) throws IOException;

    /**
     * Sends one whole frame on behalf of another connection (a forwarded MESSAGE). Safe to call
     * from any thread; never interleaves with {@link #write}; never blocks its caller for longer
     * than the server's write timeout and never throws.
     *
     * @return false if this connection is closed or closing and the frame was dropped
     */
    boolean deliver(ByteBuffer frame);
}
