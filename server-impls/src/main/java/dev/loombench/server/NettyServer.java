package dev.loombench.server;

import dev.loombench.protocol.ServerContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * {@code netty}: the industry's event-loop server, as Netty's own examples build it. One acceptor
 * loop ({@code loombench-netty-<port>-acceptor-1}) accepts and hands each connection to one of
 * {@code loops} worker loops ({@code ...-loop-<n>}, round robin), which owns it for its life: reads
 * it, runs its session, writes and flushes once per read batch. The transport is epoll where
 * Netty's native library loads (Linux), else Netty's NIO transport
 * ({@code -Dio.netty.transport.noNative=true} forces NIO); {@link #facts} says which.
 *
 * <p>Same protocols, options and limits as the other models, through {@link NettyConnection}:
 * {@code --think}/{@code --spin} run on the worker loop (as in {@code nio}, they stall every
 * connection of that loop); a SEND to a connection of another loop is handed to that loop.
 * Past {@code maxConnections} a connection is refused as server full ({@link ConnectionSlots}).
 *
 * <p>Errors: a failing connection is closed alone. A failing accept (EMFILE...) pauses accepting
 * briefly ({@link AcceptBackoff}), then tries again. {@link #close} closes the listener, shuts
 * both groups down (which closes every connection), interrupts the loops (ending simulated work
 * at once) and joins them.
 *
 * @see NioSelectorServer
 * @see AsyncChannelServer
 */
final class NettyServer implements Server {

    /** Which Netty transport serves the sockets. */
    enum Transport {
        EPOLL("epoll"),
        NIO("nio");

        final String cliName;

        Transport(String cliName) {
            this.cliName = cliName;
        }

        /** Epoll where Netty's native transport loads here, else NIO. */
        static Transport best() {
            return Epoll.isAvailable() ? EPOLL : NIO;
        }

        // methods, not fields: the epoll classes are touched only where epoll is in use
        IoHandlerFactory ioHandlers() {
            return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        }

        Class<? extends ServerChannel> serverChannel() {
            return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        }
    }

    private final ServerConfig config;
    private final SessionFactory sessions;
    private final Transport transport;
    private final int loops;
    private final ServerStats stats = new ServerStats();
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    private final ServerContext context;
    private final ConnectionSlots slots;
    private ServingThreads threads;
    private EventLoopGroup acceptor;
    private EventLoopGroup workers;
    private Channel listener;
    private InetSocketAddress address;
    private boolean started;
    private boolean closed;

    NettyServer(ServerConfig config, SessionFactory sessions) {
        this(config, sessions, Transport.best());
    }

    /** With a given transport (tests run the NIO fallback too). */
    NettyServer(ServerConfig config, SessionFactory sessions, Transport transport) {
        this.config = config;
        this.sessions = sessions;
        this.transport = transport;
        this.loops = ServerKind.NETTY.loops(config);
        this.context = config.newContext();
        this.slots = new ConnectionSlots(config.maxConnections());
    }

    @Override
    public synchronized void start() throws IOException {
        if (started || closed) throw new IllegalStateException("start() may be called once");
        started = true;
        threads = new ServingThreads(ServerKind.NETTY, stats, failure);
        acceptor = new MultiThreadIoEventLoopGroup(1, threads.essentialFactory("acceptor", FastThreadLocalThread::new), transport.ioHandlers());
        workers = new MultiThreadIoEventLoopGroup(loops, threads.essentialFactory("loop", FastThreadLocalThread::new), transport.ioHandlers());
        int highWater = config.outputHighWater();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(transport.serverChannel())
                .handler(new AcceptErrors(new AcceptBackoff("loombench-netty-acceptor")))
                .option(ChannelOption.SO_BACKLOG, config.backlog())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true) // EOF: flush what is pending, then close
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(highWater / 2, highWater))
                .childOption(ChannelOption.RECVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(
                        Math.min(64, config.bufferSize()), Math.min(2048, config.bufferSize()), config.bufferSize()))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        admit(channel);
                    }
                });
        ChannelFuture bound = bootstrap.bind(new InetSocketAddress(config.bind(), config.port())).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            close();
            Throwable cause = bound.cause();
            throw cause instanceof IOException io ? io : new IOException(cause);
        }
        listener = bound.channel();
        address = (InetSocketAddress) listener.localAddress();
        threads.bound(address.getPort());
    }

    /**
     * A failing accept (EMFILE, ENOBUFS) on the acceptor loop: stop accepting for a short pause
     * instead of spinning, warning at most once a second. Handled here, before Netty's own
     * acceptor handler, because that one passes the error on to the end of the pipeline, where
     * Netty logs it, and while descriptors are exhausted logging can itself throw an Error
     * (java.util.logging opening the time-zone file) that would end the acceptor loop for good.
     */
    private static final class AcceptErrors extends ChannelInboundHandlerAdapter {
        private final AcceptBackoff backoff;

        AcceptErrors(AcceptBackoff backoff) {
            this.backoff = backoff;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ChannelConfig listener = ctx.channel().config();
            if (!listener.isAutoRead()) return; // already pausing
            listener.setAutoRead(false);
            ctx.executor().schedule(() -> listener.setAutoRead(true), backoff.failed("accept failed", cause).toNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    /** On the connection's worker loop, once it is registered: admit it or refuse it as server full. */
    private void admit(Channel channel) {
        stats.accepted();
        if (slots.tryAcquire()) {
            stats.connectionOpened();
            channel.pipeline().addLast(new NettyConnection(config, context, sessions, stats, slots));
        } else {
            channel.pipeline().addLast(NettyConnection.refusal(config.protocol()));
            stats.rejected();
        }
    }

    /** The transport and loop count in use, for the ready line. */
    @Override
    public Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("transport", transport.cliName);
        facts.put("loops", loops);
        if (transport != Transport.EPOLL && Epoll.unavailabilityCause() != null) {
            facts.put("epollUnavailable", String.valueOf(Epoll.unavailabilityCause()));
        }
        return facts;
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

    /**
     * Closes the listener, asks both groups to shut down without a quiet period (each loop closes
     * its connections on its way out), then interrupts and joins every loop thread: the interrupt
     * ends a {@code --think} or {@code --spin} in progress, so close never waits it out.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (!started) return;
        threads.closing();
        if (listener != null) listener.close().awaitUninterruptibly();
        acceptor.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        threads.stopAll();
    }
}
