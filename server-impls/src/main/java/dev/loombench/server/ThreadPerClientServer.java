package dev.loombench.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * {@code thread}: an acceptor thread starts a new platform thread for every connection; that
 * thread serves the connection to the end with blocking I/O and then ends. Simple code, but
 * each connection costs a kernel thread and its stack, so memory and scheduling grow with the
 * number of connections until the JVM or the OS cannot start another thread.
 *
 * <p>Threading: the acceptor ({@code loombench-thread-<port>-acceptor}) only accepts and admits;
 * each connection is owned by its own thread ({@code ...-client-<n>}) for its whole life; the
 * write watchdog ({@code ...-watchdog}) closes connections whose writes stall.
 *
 * <p>Errors: past {@code maxConnections} a new connection is refused as server full. If no
 * thread can be started (the OS limit), the connection is refused the same way and the acceptor
 * pauses briefly. {@link #close} closes the listener and every connection, then joins every
 * thread.
 *
 * @see SingleThreadedServer
 * @see FixedPoolServer
 * @see VirtualThreadServer
 * @see NioSelectorServer
 */
final class ThreadPerClientServer implements Server {

    private final ServerConfig config;
    private final ServerStats stats = new ServerStats();
    private ServerSocket listener;
    private ServingThreads threads;
    private BlockingConnections connections;
    private boolean closed;

    ThreadPerClientServer(ServerConfig config) {
        this.config = config;
    }

    @Override
    public synchronized void start() throws IOException {
        if (listener != null || closed) throw new IllegalStateException("start() may be called once");
        listener = BlockingConnections.listen(config);
        threads = new ServingThreads(ServerKind.THREAD, listener.getLocalPort(), stats);
        connections = new BlockingConnections(config, stats, threads);
        threads.start(Thread.ofPlatform(), "acceptor", this::acceptLoop);
    }

    private void acceptLoop() {
        long clients = 0;
        while (!listener.isClosed()) {
            BlockingConnection connection = connections.accept(listener);
            if (connection == null) continue;
            try {
                threads.start(Thread.ofPlatform(), "client-" + ++clients, connection::serve);
            } catch (OutOfMemoryError e) { // "unable to create native thread": this model's limit
                connection.refuse();
                connections.backOff("cannot start a thread per client", e);
            }
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
