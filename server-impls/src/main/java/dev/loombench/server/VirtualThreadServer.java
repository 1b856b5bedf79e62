package dev.loombench.server;

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
 * <p>Errors: past {@code maxConnections} a new connection is refused as server full; so is one
 * whose virtual thread cannot be started, and the acceptor pauses briefly. {@link #close} closes the listener and every connection, then joins every thread, virtual
 * ones included.
 *
 * @see SingleThreadedServer
 * @see ThreadPerClientServer
 * @see FixedPoolServer
 * @see NioSelectorServer
 */
final class VirtualThreadServer extends BlockingServer {

    VirtualThreadServer(ServerConfig config, SessionFactory sessions) {
        super(ServerKind.VIRTUAL, config, sessions);
    }

    @Override
    protected void startServing() {
        // The acceptor is virtual too: no platform thread serves connections in this model, and its
        // parked accept() initialises the JDK's virtual-thread I/O poller now, while file
        // descriptors are plentiful (a poller that fails to start under EMFILE never recovers).
        threads.startEssential(Thread.ofVirtual(), "acceptor", this::acceptLoop);
    }

    private void acceptLoop() {
        long clients = 0;
        while (!listener.isClosed()) {
            BlockingConnection connection = connections.accept(listener);
            if (connection == null) continue;
            String role = "client-" + ++clients;
            // a virtual thread that cannot start (out of memory) costs its connection, refused, not the acceptor
            connections.startServing(connection, () -> threads.start(Thread.ofVirtual(), role, connection::serve));
        }
    }
}
