package dev.loombench.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The lifecycle the four blocking models share, so that each model's own file holds only its
 * threading: one blocking listener, the connections it admitted ({@link BlockingConnections}),
 * every thread the model started ({@link ServingThreads}), and start/close around them.
 *
 * <p>Contract for subclasses: {@link #startServing} starts the model's threads, at least one of
 * which accepts from {@link #listener} until it is closed. {@link #close} closes the listener and
 * every connection, joins every thread, then calls {@link #afterClose} for what the model still
 * holds (connections waiting in a queue).
 */
abstract class BlockingServer implements Server {

    protected final ServerConfig config;
    protected final ServerStats stats = new ServerStats();
    private final ServerKind kind;
    private final SessionFactory sessions;
    protected ServerSocket listener;
    protected ServingThreads threads;
    protected BlockingConnections connections;
    private boolean closed;

    BlockingServer(ServerKind kind, ServerConfig config, SessionFactory sessions) {
        this.kind = kind;
        this.config = config;
        this.sessions = sessions;
    }

    /** Starts the model's threads; called once, with listener, threads and connections ready. */
    protected abstract void startServing();

    /** Frees what the model holds beyond the live connections; called once, after every thread ended. */
    protected void afterClose() {}

    @Override
    public final synchronized void start() throws IOException {
        if (listener != null || closed) throw new IllegalStateException("start() may be called once");
        listener = BlockingConnections.listen(config);
        threads = new ServingThreads(kind, listener.getLocalPort(), stats);
        connections = new BlockingConnections(config, sessions, stats, threads);
        startServing();
    }

    @Override
    public final InetSocketAddress localAddress() {
        if (listener == null) throw new IllegalStateException("not started");
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    @Override
    public final ServerStats stats() {
        return stats;
    }

    @Override
    public final synchronized void close() {
        if (closed) return;
        closed = true;
        if (listener == null) return;
        try {
            listener.close();
        } catch (IOException e) {
            // closed is closed
        }
        if (connections != null) connections.close(); // null only if start() failed half-way
        if (threads != null) threads.stopAll();
        afterClose();
    }
}
