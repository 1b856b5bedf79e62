package dev.loombench.server;

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
final class ThreadPerClientServer extends BlockingServer {

    ThreadPerClientServer(ServerConfig config, SessionFactory sessions) {
        super(ServerKind.THREAD, config, sessions);
    }

    @Override
    protected void startServing() {
        threads.startEssential(Thread.ofPlatform(), "acceptor", this::acceptLoop);
    }

    private void acceptLoop() {
        long clients = 0;
        while (!listener.isClosed()) {
            BlockingConnection connection = connections.accept(listener);
            if (connection == null) continue;
            String role = "client-" + ++clients;
            // no thread to be had ("unable to create native thread", this model's limit): refused as server full
            connections.startServing(connection, () -> threads.start(Thread.ofPlatform(), role, connection::serve));
        }
    }
}
