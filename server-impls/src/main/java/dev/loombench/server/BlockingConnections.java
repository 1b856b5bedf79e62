package dev.loombench.server;

import dev.loombench.protocol.ServerContext;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The admitted connections of one blocking server, and what the four blocking models share
 * around them: binding the listener, accepting with a back-off on errors, refusing past
 * {@code maxConnections}, the write watchdog, and closing every connection on shutdown.
 *
 * <p>The write watchdog is one daemon platform thread per server ({@code ...-watchdog}, counted
 * in the stats). Blocking socket writes cannot time out by themselves, so every tick it closes
 * the connections whose current write passed its deadline ({@code writeTimeout} after it
 * started): a client that never reads costs its connection, not a thread forever.
 *
 * <p>Threading: {@link #accept} and {@link #startServing} are called by the one acceptor thread; {@link #forget} by any
 * connection's thread; {@link #close} by the thread closing the server.
 */
final class BlockingConnections implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BlockingConnections.class.getName());

    private final ServerConfig config;
    private final ServerStats stats;
    private final ServerContext context;
    private final SessionFactory sessions;
    private final AcceptBackoff backoff;
    /** Admitted and not yet closed: being served, or (pool) waiting for a worker. */
    private final Set<BlockingConnection> live = ConcurrentHashMap.newKeySet();
    private boolean closed; // guarded by this: no admission after close()

    /** Starts the watchdog thread in {@code threads}. */
    BlockingConnections(ServerConfig config, SessionFactory sessions, ServerStats stats, ServingThreads threads) {
        this.config = config;
        this.sessions = sessions;
        this.stats = stats;
        this.context = config.newContext();
        this.backoff = new AcceptBackoff(threads.prefix() + "acceptor");
        threads.startEssential(Thread.ofPlatform().daemon(true), "watchdog", this::watchWrites);
    }

    /** Binds a listening socket as configured (SO_REUSEADDR, so a restarted server gets its port back at once). */
    static ServerSocket listen(ServerConfig config) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(config.bind(), config.port()), config.backlog());
            return listener;
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    /**
     * Blocks for the next connection and admits it, or refuses it as server full when
     * {@code maxConnections} are live (or the server is closing).
     *
     * @return the admitted connection, or null if it was refused, the listener is closed, or
     *         accept failed (then after a short pause, so an error like EMFILE cannot spin)
     */
    BlockingConnection accept(ServerSocket listener) {
        Socket socket;
        BlockingConnection connection;
        try {
            socket = listener.accept();
        } catch (IOException e) {
            if (!listener.isClosed()) backoff.pause("accept failed", e);
            return null;
        }
        try {
            connection = new BlockingConnection(socket, config, context, sessions, stats, this);
        } catch (Throwable e) { // reset before we could even set its options; or an Error setting it up
            if (!(e instanceof IOException)) ServingThreads.log(LOG, Level.WARNING, "setting up a connection failed; closing it", e);
            closeQuietly(socket);
            return null;
        }
        stats.accepted();
        synchronized (this) {
            int max = config.maxConnections();
            if (!closed && (max == 0 || live.size() < max)) {
                live.add(connection);
                return connection;
            }
        }
        connection.refuse();
        return null;
    }

    /**
     * Hands an admitted connection to the thread that will serve it: {@code start} starts that
     * thread. If none can be started (the JVM or the OS is out of threads or memory), the
     * connection is refused as server full and the acceptor pauses briefly: an admitted
     * connection is never left unserved, and the acceptor never ends for it. Acceptor thread only.
     */
    void startServing(BlockingConnection connection, Runnable start) {
        try {
            start.run();
        } catch (RuntimeException | Error e) { // "unable to create native thread": the thread-per-client models' limit
            connection.refuse();
            backoff.pause("cannot start a thread for a client", e);
        }
    }

    /** The connection was closed or refused; it no longer counts against {@code maxConnections}. */
    void forget(BlockingConnection connection) {
        live.remove(connection);
    }

    /** Stops admitting and closes every live connection; their threads then end by themselves. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        live.forEach(BlockingConnection::close);
    }

    private void watchWrites() {
        Duration tick = Duration.ofNanos(Math.clamp(config.writeTimeout().toNanos() / 4,
                Duration.ofMillis(10).toNanos(), Duration.ofSeconds(1).toNanos()));
        try {
            while (true) {
                Thread.sleep(tick);
                long now = System.nanoTime();
                live.forEach(connection -> connection.closeIfWriteStalled(now));
            }
        } catch (InterruptedException e) {
            // the server is closing
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
