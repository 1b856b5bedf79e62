package dev.loombench.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The lifecycle the four blocking models share, so that each model's own file holds only its
 * threading: one blocking listener, the connections it admitted ({@link BlockingConnections}),
 * every thread the model started ({@link ServingThreads}), and start/close around them.
 *
 * <p>Contract for subclasses: {@link #startServing} starts the model's threads, at least one of
 * which accepts from {@link #listener} until it is closed; threads the model cannot do without
 * (acceptor, pool workers) are started as essential, so their early end is the server's
 * {@link #failure}. {@link #close} closes the listener, lets the model {@link #refuseUnserved}
 * what it admitted but never served (connections waiting in a queue), closes every connection,
 * joins every thread, then calls {@link #refuseUnserved} once more for any left behind.
 */
abstract class BlockingServer implements Server {

    protected final ServerConfig config;
    protected final ServerStats stats = new ServerStats();
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
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

    /**
     * Refuses, as the protocol says (ERROR 4 for {@code time}), the connections the model admitted
     * but never served. Called as the server closes: once before the connections are closed, so
     * the refusal reaches the clients, and once after every thread ended, for any admitted meanwhile.
     */
    protected void refuseUnserved() {}

    @Override
    public final synchronized void start() throws IOException {
        if (listener != null || closed) throw new IllegalStateException("start() may be called once");
        listener = BlockingConnections.listen(config);
        threads = new ServingThreads(kind, listener.getLocalPort(), stats, failure);
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
    public final CompletionStage<Throwable> failure() {
        return failure.minimalCompletionStage();
    }

    @Override
    public final synchronized void close() {
        if (closed) return;
        closed = true;
        if (listener == null) return;
        if (threads != null) threads.closing(); // the acceptor ends as the listener closes: no failure
        try {
            listener.close();
        } catch (IOException e) {
            // closed is closed
        }
        refuseUnserved();
        if (connections != null) connections.close(); // null only if start() failed half-way
        if (threads != null) threads.stopAll();
        refuseUnserved();
    }
}
