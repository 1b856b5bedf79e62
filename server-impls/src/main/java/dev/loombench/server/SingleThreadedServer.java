package dev.loombench.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * {@code single}: one thread accepts one connection, serves it to the end, then accepts the
 * next. Every other client waits, connected but unserved, in the kernel's listen backlog (and
 * past {@code backlog}, its connect waits or fails). The baseline every other model improves on.
 *
 * <p>Threading: the acceptor thread ({@code loombench-single-<port>-acceptor}) owns the listener
 * and the one live connection; the write watchdog ({@code ...-watchdog}) may close that
 * connection when a write stalls. {@code maxConnections} is moot: at most one is ever live.
 *
 * <p>Errors: a failing connection ends only itself and the acceptor takes the next one; a
 * failing accept pauses briefly and retries. {@link #close} closes the listener and the live
 * connection, then joins both threads.
 *
 * @see ThreadPerClientServer
 * @see FixedPoolServer
 * @see VirtualThreadServer
 * @see NioSelectorServer
 */
final class SingleThreadedServer implements Server {

    private final ServerConfig config;
    private final ServerStats stats = new ServerStats();
    private ServerSocket listener;
    private ServingThreads threads;
    private BlockingConnections connections;
    private boolean closed;

    SingleThreadedServer(ServerConfig config) {
        this.config = config;
    }

    @Override
    public synchronized void start() throws IOException {
        if (listener != null || closed) throw new IllegalStateException("start() may be called once");
        listener = BlockingConnections.listen(config);
        threads = new ServingThreads(ServerKind.SINGLE, listener.getLocalPort(), stats);
        connections = new BlockingConnections(config, stats, threads);
        threads.start(Thread.ofPlatform(), "acceptor", this::acceptAndServe);
    }

    private void acceptAndServe() {
        while (!listener.isClosed()) {
            BlockingConnection connection = connections.accept(listener);
            if (connection != null) connection.serve(); // the next client waits until this one is done
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        if (listener == null) throw new IllegalStateException("not started");
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    @Override
    public ServerStats stats() {
        return stats;
    }

    @Override
    public synchronized void close() {
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
    }
}
