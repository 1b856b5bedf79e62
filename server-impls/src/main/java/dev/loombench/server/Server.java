package dev.loombench.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * One running server model. Lifecycle: {@link #start} once, then {@link #close} (idempotent).
 *
 * <p>Contract shared by every model: one listening socket bound to the configured address;
 * each accepted connection is served with the configured protocol's session; a connection's
 * failure (bad input, reset, stalled writes, even an {@link Error} such as an
 * {@link OutOfMemoryError} while serving it) closes only that connection, and the thread that
 * served it goes on serving; {@code close()} stops accepting, closes every connection, frees
 * the port and returns when every thread the server started has ended, or after a bound of a
 * few seconds: a thread that ignores interrupts (a session stuck in an uninterruptible wait)
 * is then logged, left running and still counted in {@link ServerStats#liveThreads}, and keeps
 * what it holds (its connection; in {@code nio}, the loop with the listener) until it returns.
 *
 * <p>Over UDP ({@link ServerConfig#transport}) the listening socket is one bound datagram socket
 * and there are no connections: each datagram is answered on its own ({@code failure} and
 * {@code close} as above), and a datagram that cannot be served costs only itself, counted as
 * dropped.
 */
public interface Server extends AutoCloseable {

    /** Binds the listening socket and starts serving in the server's own threads; returns once bound. */
    void start() throws IOException;

    /** The bound address (the real port when the configured port was 0). Valid after {@link #start}. */
    InetSocketAddress localAddress();

    /**
     * What a user must know about this instance beyond its configuration, for the ready line and
     * results: e.g. the event loops in use, or Netty's transport. Valid after {@link #start}.
     */
    default Map<String, Object> facts() {
        return Map.of();
    }

    /** Live counters; safe to read from any thread at any time. */
    ServerStats stats();

    /**
     * Completes, with the reason, if the server can no longer serve as configured: a thread it
     * cannot do without (its acceptor, event loop, a pool worker, the write watchdog) ended while
     * the server was open. The server is then broken for good; its owner should close it and say
     * so ({@code serve} exits non-zero). Never completes for a server that is only closed.
     */
    CompletionStage<Throwable> failure();

    /** Stops the server: closes the listener and every connection, joins the server's threads (bounded). Idempotent. */
    @Override
    void close();
}
