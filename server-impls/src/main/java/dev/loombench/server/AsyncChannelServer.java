package dev.loombench.server;

import dev.loombench.protocol.ServerContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.ShutdownChannelGroupException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code async}: the JDK's own asynchronous model. An {@link AsynchronousChannelGroup} of
 * {@code loops} threads ({@code loombench-async-<port>-loop-<n>}) runs every completion handler:
 * accepts, reads (which run the session) and writes. No thread owns a connection; whichever
 * group thread the completion lands on runs it, one completion per connection at a time.
 * {@code --think}/{@code --spin} hold that group thread, so with as many loops as cores and
 * blocking work, the model stalls like an event loop.
 *
 * <p>Per connection ({@link AsyncConnection}): one read and one (gathering) write in flight,
 * further output queued up to {@code maxOutputBytes}. Timeouts are checked every tick by a
 * watchdog thread ({@code ...-watchdog}, as in the blocking models), not by the group's timers:
 * a write that makes no progress for {@code writeTimeout}, or a connection silent for
 * {@code idleTimeout}, is closed. Past {@code maxConnections} a connection is refused as server
 * full ({@link ConnectionSlots}).
 *
 * <p>Errors: a failing connection is closed alone. A failing accept (EMFILE...) pauses the group
 * thread that saw it briefly ({@link AcceptBackoff}) before accepting again. {@link #close} closes
 * the listener and every connection, shuts the group down, interrupts and joins its threads (an
 * interrupt ends simulated work at once), then ends the sessions no completion reached.
 *
 * @see NioSelectorServer
 * @see NettyServer
 */
final class AsyncChannelServer implements Server {

    private final ServerConfig config;
    private final SessionFactory sessions;
    private final int loops;
    private final ServerStats stats = new ServerStats();
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    private final ServerContext context;
    private final ConnectionSlots slots;
    private final Set<AsyncConnection> live = ConcurrentHashMap.newKeySet();
    private final CompletionHandler<AsynchronousSocketChannel, Void> onAccept = new Acceptor();
    private ServingThreads threads;
    private AsynchronousChannelGroup group;
    private AsynchronousServerSocketChannel listener;
    private AcceptBackoff backoff;
    private InetSocketAddress address;
    private volatile boolean closing;
    private boolean started;
    private boolean closed;

    AsyncChannelServer(ServerConfig config, SessionFactory sessions) {
        this.config = config;
        this.sessions = sessions;
        this.loops = ServerKind.ASYNC.loops(config);
        this.context = config.newContext();
        this.slots = new ConnectionSlots(config.maxConnections());
    }

    @Override
    public synchronized void start() throws IOException {
        if (started || closed) throw new IllegalStateException("start() may be called once");
        started = true;
        threads = new ServingThreads(ServerKind.ASYNC, stats, failure);
        try {
            group = AsynchronousChannelGroup.withFixedThreadPool(loops, threads.essentialFactory("loop", Thread::new));
            listener = AsynchronousServerSocketChannel.open(group);
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(config.bind(), config.port()), config.backlog());
            address = (InetSocketAddress) listener.getLocalAddress();
            threads.bound(address.getPort());
            backoff = new AcceptBackoff(threads.prefix() + "acceptor");
            threads.startEssential(Thread.ofPlatform().daemon(true), "watchdog", this::watchTimeouts);
            acceptNext();
        } catch (IOException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private void acceptNext() {
        try {
            listener.accept(null, onAccept);
        } catch (ShutdownChannelGroupException e) {
            // the server is closing
        }
    }

    /** Runs on a group thread for each accepted connection: keeps accepting, then admits it or refuses it. */
    private final class Acceptor implements CompletionHandler<AsynchronousSocketChannel, Void> {
        @Override
        public void completed(AsynchronousSocketChannel channel, Void unused) {
            acceptNext();
            admit(channel);
        }

        @Override
        public void failed(Throwable error, Void unused) {
            if (closing || !listener.isOpen()) return;
            backoff.pause("accept failed", error); // EMFILE and the like: no spin, one group thread waits
            acceptNext();
        }
    }

    private void admit(AsynchronousSocketChannel channel) {
        stats.accepted();
        if (closing || !slots.tryAcquire()) {
            refuse(channel);
            return;
        }
        AsyncConnection connection;
        try {
            connection = new AsyncConnection(channel, config, context, sessions, stats, this::forget);
        } catch (IOException e) {
            slots.release(); // reset before it could be set up
            closeQuietly(channel);
            return;
        }
        live.add(connection);
        stats.connectionOpened();
        connection.open();
    }

    /** Server full: the protocol's rejection (it fits an empty socket buffer), then close. */
    private void refuse(AsynchronousSocketChannel channel) {
        stats.rejected();
        ByteBuffer rejection = config.protocol().rejection();
        if (!rejection.hasRemaining()) {
            closeQuietly(channel);
            return;
        }
        try {
            channel.write(rejection, null, new CompletionHandler<Integer, Void>() {
                @Override
                public void completed(Integer written, Void unused) {
                    closeQuietly(channel);
                }

                @Override
                public void failed(Throwable error, Void unused) {
                    closeQuietly(channel);
                }
            });
        } catch (RuntimeException e) {
            closeQuietly(channel); // the group is shutting down
        }
    }

    /** A connection ended: it no longer counts against {@code maxConnections}. */
    private void forget(AsyncConnection connection) {
        live.remove(connection);
        slots.release();
    }

    private void watchTimeouts() {
        Duration tick = config.timeoutTick();
        try {
            while (!closing) {
                Thread.sleep(tick);
                long now = System.nanoTime();
                live.forEach(connection -> connection.checkTimeouts(now));
            }
        } catch (InterruptedException e) {
            // the server is closing
        }
    }

    @Override
    public Map<String, Object> facts() {
        return Map.of("loops", loops);
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

    @Override
    public CompletionStage<Throwable> failure() {
        return failure.minimalCompletionStage();
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (!started) return;
        threads.closing();
        closing = true;
        if (listener != null) closeQuietly(listener);
        live.forEach(AsyncConnection::close);
        if (group != null) {
            try {
                group.shutdownNow(); // closes whatever channel is left and ends the group's threads
            } catch (IOException e) {
                // the channels are closed either way
            }
        }
        threads.stopAll(); // the interrupt ends a --think or --spin in progress
        live.forEach(AsyncConnection::endAfterShutdown); // sessions whose last completion never ran
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
