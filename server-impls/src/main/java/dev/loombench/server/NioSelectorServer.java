package dev.loombench.server;

import dev.loombench.protocol.ServerContext;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;

/**
 * {@code nio}: one thread runs a {@link Selector} loop over non-blocking channels; it accepts,
 * reads, runs every session and writes. No thread per connection, so connections are cheap,
 * but all work happens on one core, and a session that blocks ({@code --think} sleeps right
 * here) stalls every connection: that head-of-line blocking is what this model shows.
 *
 * <p>Threading: the loop thread ({@code loombench-nio-<port>-loop}) owns the selector, the
 * listener and every connection; nothing else touches them. {@link #close} only sets a flag and
 * wakes the loop, which closes everything on its way out. Per-connection output, backpressure
 * and timeouts are in {@link NioConnection}; timeouts are checked every tick (a quarter of the
 * shortest timeout, 10 ms to 1 s).
 *
 * <p>Errors: a failing connection is closed alone. A failing accept (EMFILE...) stops
 * accepting for a short pause instead of spinning on a listener that stays ready. Past
 * {@code maxConnections} a new connection is refused as server full.
 *
 * @see SingleThreadedServer
 * @see ThreadPerClientServer
 * @see FixedPoolServer
 * @see VirtualThreadServer
 */
final class NioSelectorServer implements Server {

    private static final System.Logger LOG = System.getLogger(NioSelectorServer.class.getName());
    private static final int ACCEPTS_PER_WAKEUP = 64; // a flood of connects cannot starve the connected

    private final ServerConfig config;
    private final ServerStats stats = new ServerStats();
    private final ServerContext context;
    private final SessionFactory sessions;
    private final long tickNanos;
    private Selector selector;
    private ServerSocketChannel listener;
    private InetSocketAddress address;
    private SelectionKey listenerKey;
    private ServingThreads threads;
    private AcceptBackoff backoff;
    private ByteBuffer scratch; // the loop's one read buffer, shared by all connections
    private long acceptPausedUntil;
    private boolean acceptPaused;
    private volatile boolean closing;
    private boolean closed;

    NioSelectorServer(ServerConfig config, SessionFactory sessions) {
        this.config = config;
        this.sessions = sessions;
        this.context = config.newContext();
        long shortest = config.idleTimeout().isPositive()
                ? Math.min(config.idleTimeout().toNanos(), config.writeTimeout().toNanos())
                : config.writeTimeout().toNanos();
        this.tickNanos = Math.clamp(shortest / 4, Duration.ofMillis(10).toNanos(), Duration.ofSeconds(1).toNanos());
    }

    @Override
    public synchronized void start() throws IOException {
        if (selector != null || closed) throw new IllegalStateException("start() may be called once");
        selector = Selector.open();
        try {
            listener = ServerSocketChannel.open();
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(config.bind(), config.port()), config.backlog());
            listener.configureBlocking(false);
            listenerKey = listener.register(selector, SelectionKey.OP_ACCEPT);
            address = (InetSocketAddress) listener.getLocalAddress();
            threads = new ServingThreads(ServerKind.NIO, address.getPort(), stats);
            backoff = new AcceptBackoff(threads.prefix() + "loop");
            scratch = ByteBuffer.allocateDirect(config.bufferSize());
            threads.start(Thread.ofPlatform(), "loop", this::loop); // from here on, the loop closes everything
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly();
            threads = null;
            throw e;
        }
    }

    private void loop() {
        long nextTick = System.nanoTime() + tickNanos;
        try {
            while (!closing) {
                long wakeAt = acceptPaused ? Math.min(nextTick, acceptPausedUntil) : nextTick;
                selector.select(this::onReady, Math.max(1, (wakeAt - System.nanoTime()) / 1_000_000));
                long now = System.nanoTime();
                if (acceptPaused && now - acceptPausedUntil >= 0) {
                    acceptPaused = false;
                    listenerKey.interestOps(SelectionKey.OP_ACCEPT);
                }
                if (now - nextTick >= 0) {
                    for (SelectionKey key : selector.keys()) {
                        if (key.attachment() instanceof NioConnection connection) connection.checkTimeouts(now);
                    }
                    nextTick = now + tickNanos;
                }
            }
        } catch (IOException e) {
            ServingThreads.log(LOG, Level.ERROR, threads.prefix() + "loop: selector failed; closing the server", e);
        } finally {
            for (SelectionKey key : List.copyOf(selector.keys())) {
                if (key.attachment() instanceof NioConnection connection) connection.close();
            }
            closeQuietly();
        }
    }

    private void onReady(SelectionKey key) {
        if (!key.isValid()) return; // closed earlier in this round (e.g. by a SEND that overflowed it)
        if (key == listenerKey) {
            acceptSome();
        } else {
            ((NioConnection) key.attachment()).onReady(scratch);
        }
    }

    private void acceptSome() {
        for (int i = 0; i < ACCEPTS_PER_WAKEUP; i++) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                acceptPaused = true;
                acceptPausedUntil = System.nanoTime() + backoff.failed("accept failed", e).toNanos();
                listenerKey.interestOps(0);
                return;
            }
            if (channel == null) return;
            stats.accepted();
            int max = config.maxConnections();
            if (max > 0 && stats.liveConnections() >= max) {
                NioConnection.refuse(channel, config, stats);
                continue;
            }
            try {
                new NioConnection(channel, selector, config, context, sessions, stats).open();
            } catch (IOException e) {
                try {
                    channel.close(); // reset before it could be registered
                } catch (IOException ignored) {
                    // nothing left to release
                }
            }
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        if (address == null) throw new IllegalStateException("not started");
        return address;
    }

    @Override
    public ServerStats stats() {
        return stats;
    }

    /** Asks the loop to close everything and waits until it has. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (threads == null) return;
        closing = true;
        selector.wakeup();
        threads.stopAll();
    }

    private void closeQuietly() {
        try {
            if (listener != null) listener.close();
        } catch (IOException e) {
            // closed is closed
        }
        try {
            selector.close(); // also releases the listener's port, which stays held while registered
        } catch (IOException e) {
            // closed is closed
        }
    }
}
