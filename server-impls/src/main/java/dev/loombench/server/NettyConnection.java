package dev.loombench.server;

import dev.loombench.protocol.Connection;
import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.ProtocolSession;
import dev.loombench.protocol.ServerContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One connection of {@link NettyServer}: the adapter from a Netty channel to the protocol's
 * {@link Connection}, as the last (and only) handler of its pipeline. Bootstrap and protocol stay
 * apart, as in Netty's {@code EchoServer}/{@code EchoServerHandler}.
 *
 * <p>Output: {@link #write} copies the reply into a pooled buffer and queues it; inside a read
 * batch nothing is flushed until {@code channelReadComplete} (one flush per batch, as Netty's echo
 * example does); outside one (the greeting, a delivered MESSAGE) it is flushed at once. Pending
 * output beyond {@code maxOutputBytes} closes the connection. Backpressure: Netty's write-buffer
 * water marks ({@link ServerConfig#outputHighWater} and half of it) turn reading off while the
 * channel is not writable. Every tick ({@link ServerConfig#timeoutTick}) the connection closes
 * itself when its pending output made no progress for {@code writeTimeout} (the transport's first
 * pending message, its progress and the pending byte count all unchanged), or when it saw no
 * traffic for {@code idleTimeout}.
 *
 * <p>Threading: everything runs on the channel's event loop, except {@link #deliver}, which any
 * thread may call: from another loop it hands the frame to this channel's loop
 * ({@code eventLoop().execute}), which writes it as one buffer, so frames never interleave. The
 * session is opened in {@code channelActive}, before any task handed over later runs, so a
 * WELCOME is always the first frame.
 *
 * <p>Errors: an I/O error or an exceeded bound closes this connection only; anything else the
 * session throws, an {@link Error} included, is a bug, logged once, and closes this connection only.
 */
final class NettyConnection extends ChannelInboundHandlerAdapter implements Connection {

    private static final System.Logger LOG = System.getLogger(NettyConnection.class.getName());

    private final ServerConfig config;
    private final ServerContext context;
    private final SessionFactory sessions;
    private final ServerStats stats;
    private final ConnectionSlots slots;
    private ChannelHandlerContext ctx;
    private Channel channel;
    private InetSocketAddress remote;
    private ProtocolSession session;
    private ScheduledFuture<?> tick;
    private volatile boolean closed; // read by deliver() on other threads
    private volatile boolean finishing; // the session is done: flush what is pending, then close
    private boolean inReadBatch;
    private boolean readSinceTick;
    private long lastActivity; // last input or output progress, at tick resolution
    private Object lastHead; // the transport's first pending message at the last tick
    private long lastHeadProgress;
    private long lastPending;
    private boolean ended;

    NettyConnection(ServerConfig config, ServerContext context, SessionFactory sessions, ServerStats stats, ConnectionSlots slots) {
        this.config = config;
        this.context = context;
        this.sessions = sessions;
        this.stats = stats;
        this.slots = slots;
    }

    /** A handler that refuses its connection as server full: the protocol's rejection, if any, then close. */
    static ChannelInboundHandlerAdapter refusal(Protocol protocol) {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                ByteBuffer rejection = protocol.rejection();
                if (rejection.hasRemaining()) {
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(rejection)).addListener(ChannelFutureListener.CLOSE);
                } else {
                    ctx.close();
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close(); // the client is gone already; refusing it is done either way
            }
        };
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.channel = ctx.channel();
        this.remote = (InetSocketAddress) channel.remoteAddress();
        this.lastActivity = System.nanoTime();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        long tickNanos = config.timeoutTick().toNanos();
        tick = ctx.executor().scheduleAtFixedRate(this::checkTimeouts, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
        session = sessions.newSession(context, this);
        try {
            if (!session.open()) finish();
        } catch (IOException e) {
            close();
        } catch (RuntimeException | Error e) { // a bug in the session: this connection only
            fail(e);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf bytes = (ByteBuf) msg;
        try {
            if (closed || finishing) return; // what follows BYE or a bad frame is never answered
            stats.bytesIn(bytes.readableBytes());
            readSinceTick = true;
            inReadBatch = true;
            ByteBuffer input = bytes.nioBufferCount() == 1 ? bytes.nioBuffer() : ByteBuffer.wrap(ByteBufUtil.getBytes(bytes));
            if (!session.onInput(input)) finish();
        } catch (IOException e) {
            close(); // output bound exceeded, or the channel failed: only this connection ends
        } catch (RuntimeException | Error e) { // a bug in the session: this connection only
            fail(e);
        } finally {
            bytes.release();
        }
    }

    /** The end of a read batch: one flush for every reply it produced. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (inReadBatch) {
            inReadBatch = false;
            ctx.flush();
        }
    }

    /** EOF (half-closure is allowed): the client said all it has to say; send what is pending, then close. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) finish();
    }

    /** Backpressure: stop reading while the pending output is above the high-water mark. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!finishing) channel.config().setAutoRead(channel.isWritable());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            close(); // reset, broken pipe: the client's business
        } else {
            fail(cause);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
    }

    /** The channel is closed and leaves its loop: end the session, give the slot back, count it closed. Once. */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (ended) return;
        ended = true;
        closed = true;
        if (tick != null) tick.cancel(false);
        try {
            if (session != null) session.close();
        } finally {
            slots.release();
            stats.connectionClosed();
        }
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /** Never blocks: queues the bytes on the channel; flushed at the end of the read batch, or at once outside one. Loop thread only. */
    @Override
    public void write(ByteBuffer bytes) throws IOException {
        ChannelOutboundBuffer pending = channel.unsafe().outboundBuffer();
        if (closed || pending == null) throw new ClosedChannelException();
        int n = bytes.remaining();
        if (pending.totalPendingWriteBytes() + n > config.maxOutputBytes()) {
            throw new IOException("pending output would exceed " + config.maxOutputBytes() + " bytes");
        }
        ctx.write(ctx.alloc().ioBuffer(n).writeBytes(bytes), ctx.voidPromise());
        stats.bytesOut(n);
        if (!inReadBatch) ctx.flush();
    }

    /** From this channel's loop, writes at once; from any other thread, hands the frame to that loop. */
    @Override
    public boolean deliver(ByteBuffer frame) {
        if (closed || finishing) return false;
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) return deliverHere(frame);
        ByteBuffer copy = ByteBuffer.allocate(frame.remaining()).put(frame).flip(); // the caller may reuse its buffer
        try {
            loop.execute(() -> deliverHere(copy));
            return true; // queued to the target; dropped with it if it closes first
        } catch (RejectedExecutionException e) {
            return false; // the loop is shutting down
        }
    }

    private boolean deliverHere(ByteBuffer frame) {
        if (closed || finishing) return false;
        try {
            write(frame);
            return true;
        } catch (IOException e) {
            close(); // a target that does not read its messages loses its connection, not the sender's time
            return false;
        }
    }

    private void finish() {
        if (finishing) return;
        finishing = true;
        channel.config().setAutoRead(false);
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /** Every tick: close if pending output made no progress for writeTimeout, or if silent for idleTimeout. */
    private void checkTimeouts() {
        if (closed) return;
        long now = System.nanoTime();
        if (readSinceTick) {
            readSinceTick = false;
            lastActivity = now;
        }
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        long pending = out == null ? 0 : out.totalPendingWriteBytes();
        Object head = pending == 0 ? null : out.current();
        long headProgress = pending == 0 ? 0 : out.currentProgress();
        boolean progressed = pending == 0
                ? lastPending > 0
                : head != lastHead || headProgress != lastHeadProgress || pending < lastPending;
        if (progressed) lastActivity = now;
        lastHead = head;
        lastHeadProgress = headProgress;
        lastPending = pending;
        long silent = now - lastActivity;
        if (pending > 0 ? silent > config.writeTimeout().toNanos()
                : config.idleTimeout().isPositive() && silent > config.idleTimeout().toNanos()) {
            close();
        }
    }

    private void fail(Throwable e) {
        ServingThreads.log(LOG, Level.WARNING, "session failed for " + remote + "; closing that connection", e);
        close();
    }

    /** Closes the channel; {@link #handlerRemoved} then ends the session. Loop thread only; idempotent. */
    private void close() {
        if (closed) return;
        closed = true;
        channel.close();
    }
}
