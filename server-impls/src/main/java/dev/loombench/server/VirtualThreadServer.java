package dev.loombench.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * {@code virtual}: an acceptor thread starts a new virtual thread for every connection; that
 * thread serves it to the end with the same blocking code as {@link ThreadPerClientServer}.
 * The one line that differs is {@code Thread.ofVirtual()}: a blocked read unmounts the virtual
 * thread from its carrier, so connections cost a small heap object instead of a kernel thread.
 *
 * <p>Threading: the acceptor ({@code loombench-virtual-<port>-acceptor}), a virtual thread
 * too, only accepts and admits; each connection is owned by its virtual thread
 * ({@code ...-client-<n>}); virtual threads are invisible to {@link Thread#getAllStackTraces}
 * but counted in the stats. The only platform thread of the model is the write watchdog
 * ({@code ...-watchdog}), which closes connections whose writes stall.
 * {@code --think} parks the virtual thread, so simulated work does not hold a carrier.
 *
 * <p>Errors: past {@code maxConnections} a new connection is refused as server full.
 * {@link #close} closes the listener and every connection, then joins every thread, virtual
 * ones included.
 *
 * @see SingleThreadedServer
 * @see ThreadPerClientServer
 * @see FixedPoolServer
 * @see NioSelectorServer
 */
final class VirtualThreadServer implements Server {

    private final ServerConfig config;
    private final ServerStats stats = new ServerStats();
    private ServerSocket listener;
    private ServingThreads threads;
    private BlockingConnections connections;
    private boolean closed;

    VirtualThreadServer(ServerConfig config) {
        this.config = config;
    }

    @Override
    public synchronized void start() throws IOException {
        if (listener != null || closed) throw new IllegalStateException("start() may be called once");
        listener = BlockingConnections.listen(config);
        threads = new ServingThreads(ServerKind.VIRTUAL, listener.getLocalPort(), stats);
        connections = new BlockingConnections(config, stats, threads);
        // The acceptor is virtual too: no platform thread serves connections in this model, and its
        // parked accept() initialises the JDK's virtual-thread I/O poller now, while file
        // descriptors are plentiful (a poller that fails to start under EMFILE never recovers).
        threads.start(Thread.ofVirtual(), "acceptor", this::acceptLoop);
    }

    private void acceptLoop() {
        long clients = 0;
        while (!listener.isClosed()) {
            BlockingConnection connection = connections.accept(listener);
            if (connection != null) threads.start(Thread.ofVirtual(), "client-" + ++clients, connection::serve);
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
