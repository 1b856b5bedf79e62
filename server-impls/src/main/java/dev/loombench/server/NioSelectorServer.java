package dev.loombench.server;

import dev.loombench.protocol.ServerContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code nio}: {@link Selector}-driven event loops over non-blocking channels ({@link NioLoop}).
 * With one loop (the default, {@code loombench-nio-<port>-loop}) a single thread accepts, reads,
 * runs every session and writes: no thread per connection, so connections are cheap, but all
 * work happens on one core, and a session that blocks ({@code --think} sleeps right there) stalls
 * every connection: that head-of-line blocking is what this model shows. With {@code --loops N}
 * it is a multi-reactor: an acceptor thread ({@code ...-acceptor}, blocking accept) hands
 * connections round robin to N loops ({@code ...-loop-1} ... {@code -N}), each owning its
 * connections for their lifetime, as Netty's worker loops do; N = the cores is the fair
 * comparison with {@code netty} and the thread-per-connection models.
 *
 * <p>Threading: a loop's thread owns its selector and connections; nothing else touches them. A
 * SEND to a connection of another loop is handed to that loop ({@link NioLoop#execute}), which
 * writes it. {@link #close} stops accepting and asks every loop to close everything on its way
 * out. Per-connection output, backpressure and timeouts are in {@link NioConnection}; timeouts are
 * checked every tick ({@link ServerConfig#timeoutTick}).
 *
 * <p>Errors: a failing connection is closed alone, whatever its session throws. A failing
 * accept (EMFILE...) pauses accepting briefly ({@link AcceptBackoff}) instead of spinning. Past
 * {@code maxConnections} a new connection is refused as server full ({@link ConnectionSlots}, so
 * the bound is exact across loops). If a selector fails, or a loop or the acceptor ends for any
 * reason while the server is open, the server reports its {@link #failure}.
 *
 * @see SingleThreadedServer
 * @see ThreadPerClientServer
 * @see FixedPoolServer
 * @see VirtualThreadServer
 * @see NettyServer
 */
final class NioSelectorServer implements Server, NioLoop.Handoff {

    private final ServerConfig config;
    private final ServerStats stats = new ServerStats();
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    private final ServerContext context;
    private final SessionFactory sessions;
    private final int loopCount;
    private final ConnectionSlots slots;
    private final List<NioLoop> loops = new ArrayList<>();
    private ServerSocketChannel listener;
    private InetSocketAddress address;
    private ServingThreads threads;
    private int next; // round robin over the loops; the accepting thread only
    private boolean started;
    private boolean closed;

    NioSelectorServer(ServerConfig config, SessionFactory sessions) {
        this.config = config;
        this.sessions = sessions;
        this.context = config.newContext();
        this.loopCount = ServerKind.NIO.loops(config);
        this.slots = new ConnectionSlots(config.maxConnections());
    }

    @Override
    public synchronized void start() throws IOException {
        if (started || closed) throw new IllegalStateException("start() may be called once");
        started = true;
        int running = 0;
        try {
            listener = ServerSocketChannel.open();
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(config.bind(), config.port()), config.backlog());
            address = (InetSocketAddress) listener.getLocalAddress();
            threads = new ServingThreads(ServerKind.NIO, address.getPort(), stats, failure);
            for (int i = 0; i < loopCount; i++) loops.add(new NioLoop(config, this));
            if (loopCount == 1) {
                loops.getFirst().listen(listener, new AcceptBackoff(threads.prefix() + "loop"), this::admit);
                threads.startEssential(Thread.ofPlatform(), "loop", loops.getFirst()::run); // from here on, it closes everything
                running++;
            } else {
                for (NioLoop loop : loops) {
                    threads.startEssential(Thread.ofPlatform(), "loop-" + (running + 1), loop::run);
                    running++;
                }
                AcceptBackoff backoff = new AcceptBackoff(threads.prefix() + "acceptor");
                threads.startEssential(Thread.ofPlatform(), "acceptor", () -> acceptLoop(backoff));
            }
        } catch (IOException | RuntimeException | Error e) {
            for (NioLoop loop : loops.subList(running, loops.size())) loop.discard(); // never ran: nobody else closes them
            close();
            throw e;
        }
    }

    /** The acceptor of a multi-loop server: blocking accepts until the listener closes. */
    private void acceptLoop(AcceptBackoff backoff) {
        while (listener.isOpen()) {
            try {
                admit(listener.accept());
            } catch (ClosedChannelException e) {
                return; // the server is closing
            } catch (IOException e) {
                backoff.pause("accept failed", e); // EMFILE and the like: no spin
            }
        }
    }

    /** Counts a new connection and hands it to the next loop, or refuses it as server full. The accepting thread only. */
    private void admit(SocketChannel channel) {
        stats.accepted();
        if (!slots.tryAcquire()) {
            NioConnection.refuse(channel, config, stats);
            return;
        }
        NioLoop loop = loops.get(next);
        next = (next + 1) % loops.size();
        loop.adopt(channel);
    }

    @Override
    public NioConnection connect(SocketChannel channel, NioLoop loop) throws IOException {
        return new NioConnection(channel, loop, config, context, sessions, stats, slots);
    }

    @Override
    public void failed(SocketChannel channel) {
        closeQuietly(channel);
        slots.release();
    }

    @Override
    public void refused(SocketChannel channel) {
        NioConnection.refuse(channel, config, stats);
        slots.release();
    }

    @Override
    public Map<String, Object> facts() {
        return Map.of("loops", loopCount);
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

    /** Stops accepting, asks every loop to close its connections, and waits until every thread has ended. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (!started) return;
        if (threads != null) threads.closing();
        closeQuietly(listener); // a listener registered with the one loop is freed when that loop closes its selector
        loops.forEach(NioLoop::close);
        if (threads != null) threads.stopAll();
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            if (channel != null) channel.close();
        } catch (IOException e) {
            // closed is closed
        }
    }
}
