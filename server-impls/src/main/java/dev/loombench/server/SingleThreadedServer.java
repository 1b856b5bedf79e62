package dev.loombench.server;

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
final class SingleThreadedServer extends BlockingServer {

    SingleThreadedServer(ServerConfig config, SessionFactory sessions) {
        super(ServerKind.SINGLE, config, sessions);
    }

    @Override
    protected void startServing() {
        threads.startEssential(Thread.ofPlatform(), "acceptor", this::acceptAndServe);
    }

    private void acceptAndServe() {
        while (!listener.isClosed()) {
            BlockingConnection connection = connections.accept(listener);
            if (connection != null) connection.serve(); // the next client waits until this one is done
        }
    }
}
