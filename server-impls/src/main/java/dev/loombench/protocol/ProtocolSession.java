package dev.loombench.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Server-side logic of one protocol for one connection: fed bytes, it writes replies to its
 * {@link Connection}. Pure protocol: no sockets, no threads of its own.
 *
 * <p>Threading: not thread-safe. The model calls {@link #open}, then {@link #onInput} any
 * number of times, then {@link #close} exactly once, all from the thread that owns the
 * connection at the time (a worker or the event loop), with happens-before between calls.
 */
public interface ProtocolSession {

    /**
     * Called once after the connection was accepted and admitted; may send a greeting. The model
     * calls it with the connection's output held: a {@link Connection#deliver} from another thread
     * waits until it returns, so the greeting is always the first thing on the wire.
     *
     * @return true to keep the connection open, false to close it once the output is flushed
     */
    boolean open() throws IOException;

    /**
     * Consumes every remaining byte of {@code input} and writes the replies it calls for. A
     * request cut short by the end of {@code input} is kept inside the session and completed by
     * the next call, so the model may reuse {@code input} as soon as this returns.
     *
     * @return true to keep reading, false to close the connection once the output is flushed
     */
    boolean onInput(ByteBuffer input) throws IOException;

    /** Called exactly once when the connection ends, for any reason; frees shared state. */
    void close();
}
