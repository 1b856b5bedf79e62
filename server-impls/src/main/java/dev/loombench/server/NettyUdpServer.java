package dev.loombench.server;

import dev.loombench.protocol.DatagramResponder;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * {@code netty} over UDP: Netty's datagram channel, one per worker loop ({@code --loops}, default
 * the cores), all bound to the same port with SO_REUSEPORT so that the kernel spreads the peers over
 * them; epoll where Netty's native transport loads, else NIO, as {@link NettyServer} chooses. Each
 * loop reads its socket in batches and answers every datagram in its pipeline: a copy into a pooled
 * buffer, the protocol's reply, one flush per read batch. {@code --think}/{@code --spin} run on the
 * loop, as over TCP.
 *
 * <p>A reply is dropped and counted when its channel's outbound buffer is above the high-water mark
 * (the socket cannot take replies as fast as they come): an event loop does not queue without bound,
 * and UDP promises nothing. Datagrams of any size are read whole ({@link UdpServers#RECEIVE_BUFFER}).
 * One thing Netty cannot do: send an empty datagram (its datagram channels skip a write of zero
 * bytes), so the echo of an empty datagram is counted as dropped, not sent.
 *
 * <p>Threading: the loops ({@code loombench-netty-<port>-loop-<n>}) own their channels; {@link #close}
 * closes the channels, shuts the group down and joins its threads.
 *
 * @see NioSelectorUdpServer
 * @see NettyServer its TCP sibling
 */
final class NettyUdpServer implements Server {

    private final ServerConfig config;
    private final NettyServer.Transport transport;
    private final int loops;
    private final ServerStats stats = new ServerStats();
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    private final DatagramResponder responder;
    private final List<Channel> channels = new ArrayList<>();
    private ServingThreads threads;
    private EventLoopGroup group;
    private InetSocketAddress address;
    private Map<String, Object> facts;
    private boolean started;
    private boolean closed;

    NettyUdpServer(ServerConfig config) {
        this(config, NettyServer.Transport.best());
    }

    /** With a given transport (tests run the NIO fallback too). */
    NettyUdpServer(ServerConfig config, NettyServer.Transport transport) {
        this.config = config;
        this.transport = transport;
        this.loops = ServerKind.NETTY.loops(config);
        this.responder = config.protocol().datagramResponder(config.newContext());
    }

    @Override
    public synchronized void start() throws IOException {
        if (started || closed) throw new IllegalStateException("start() may be called once");
        started = true;
        threads = new ServingThreads(ServerKind.NETTY, stats, failure);
        group = new MultiThreadIoEventLoopGroup(loops, threads.essentialFactory("loop", FastThreadLocalThread::new), transport.ioHandlers());
        int highWater = config.outputHighWater();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(transport == NettyServer.Transport.EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(UdpServers.RECEIVE_BUFFER))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(highWater / 2, highWater))
                .handler(new Responder());
        if (config.receiveBuffer() > 0) bootstrap.option(ChannelOption.SO_RCVBUF, config.receiveBuffer());
        if (loops > 1) {
            if (transport == NettyServer.Transport.EPOLL) bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
            else bootstrap.option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
        }
        int port = config.port();
        for (int i = 0; i < loops; i++) { // the group hands each channel the next loop
            ChannelFuture bound = bootstrap.bind(new InetSocketAddress(config.bind(), port)).awaitUninterruptibly();
            if (!bound.isSuccess()) {
                close();
                Throwable cause = bound.cause();
                throw cause instanceof IOException io ? io : new IOException(cause);
            }
            channels.add(bound.channel());
            port = ((InetSocketAddress) bound.channel().localAddress()).getPort(); // the others join the first's port
        }
        address = (InetSocketAddress) channels.getFirst().localAddress();
        threads.bound(address.getPort());
        facts = facts((DatagramChannel) channels.getFirst());
    }

    /** Answers each datagram on its loop; one flush per read batch. Stateless, so one serves every channel. */
    @ChannelHandler.Sharable
    private final class Responder extends SimpleChannelInboundHandler<DatagramPacket> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf in = packet.content();
            int n = in.readableBytes();
            stats.datagramIn(n);
            if (!ctx.channel().isWritable()) { // the socket does not take replies as fast as they come
                stats.datagramDropped();
                return;
            }
            ByteBuf out = ctx.alloc().ioBuffer(Math.max(n, Integer.BYTES));
            ByteBuffer view = out.nioBuffer(0, out.capacity()); // shares out's memory: a pooled, non-composite buffer
            view.put(in.nioBuffer()).flip();
            if (!responder.respond(view)) {
                out.release();
                return;
            }
            out.setIndex(view.position(), view.limit());
            int bytes = out.readableBytes();
            if (bytes == 0) { // Netty's datagram channels skip a zero-byte write: it would never leave
                out.release();
                stats.datagramDropped();
                return;
            }
            ctx.write(new DatagramPacket(out, packet.sender())).addListener(written -> {
                if (written.isSuccess()) stats.datagramOut(bytes);
                else stats.datagramDropped();
            });
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        /** A failed receive or send costs that datagram only; the channel goes on. */
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            stats.datagramDropped();
        }
    }

    /** The transport, loops and the receive buffer granted, for the ready line. */
    private Map<String, Object> facts(DatagramChannel channel) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("socket", "udp");
        f.put("transport", transport.cliName);
        f.put("loops", loops);
        f.put("receiveBufferAsked", config.receiveBuffer() == 0 ? "system default" : config.receiveBuffer());
        int granted = channel.config().getReceiveBufferSize();
        // epoll reports what getsockopt says, twice what was asked for (Linux keeps half for itself); the JDK, and
        // every other model here, reports half of it, in the units of --rcvbuf
        f.put("receiveBufferBytes", transport == NettyServer.Transport.EPOLL ? granted / 2 : granted);
        f.put("nettyUnsafe", PlatformDependent.hasUnsafe());
        return f;
    }

    @Override
    public Map<String, Object> facts() {
        return facts == null ? Map.of() : facts;
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

    /** Closes the channels, shuts the loops down, then interrupts and joins their threads (ending a --think at once). */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (!started) return;
        threads.closing();
        for (Channel channel : channels) channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, ServingThreads.STOP_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        threads.stopAll();
    }
}
