package dev.loombench.server;

import dev.loombench.protocol.Connection;
import dev.loombench.protocol.ProtocolSession;
import dev.loombench.protocol.ServerContext;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One non-blocking connection of {@link NioSelectorServer}: its session, its pending output and
 * the interest ops that follow from them.
 *
 * <p>Output: {@link #write} sends straight to the socket while nothing is pending; what the
 * socket does not take waits in a per-connection buffer of at most {@code maxOutputBytes}
 * (more closes the connection). OP_WRITE is set only while output is pending. Backpressure:
 * while pending output is above the high-water mark ({@code min(4 × bufferSize,
 * maxOutputBytes − bufferSize)}) OP_READ is cleared, so a client that does not read its echo
 * stops being read; one read of at most {@code bufferSize} bytes then cannot push echo output
 * past the bound. Pending output that makes no progress for {@code writeTimeout} closes the
 * connection; so does no traffic at all for {@code idleTimeout}.
 *
 * <p>Threading: everything runs on the thread of the connection's {@link NioLoop}, except
 * {@link #deliver}, which any thread may call: from another loop it hands the frame to this
 * connection's loop, which writes it whole, so frames never interleave and nothing races the loop.
 *
 * <p>Errors: an I/O error or an exceeded bound closes this connection only; anything else the
 * session throws, {@link Error}s included, is logged once and closes this connection only: the
 * loop goes on serving the others.
 */
final class NioConnection implements Connection {

    private static final System.Logger LOG = System.getLogger(NioConnection.class.getName());

    private final SocketChannel channel;
    private final SelectionKey key;
    private final InetSocketAddress remote;
    private final ServerConfig config;
    private final ServerStats stats;
    private final NioLoop loop;
    private final ConnectionSlots slots;
    private final int highWater;
    private final ProtocolSession session;
    private ByteBuffer output; // pending bytes in [0, position), or null when nothing is pending
    private long lastActivity; // last input, or last output progress
    private volatile boolean finishing; // the session is done: flush what is pending, then close (read by deliver on any thread)
    private volatile boolean closed;

    /**
     * Makes the session, then registers {@code channel} with {@code loop}'s selector; call
     * {@link #open} next. Loop thread only. If this throws, nothing is registered: the caller
     * closes the channel. The connection holds one of {@code slots} until it closes.
     */
    NioConnection(SocketChannel channel, NioLoop loop, ServerConfig config, ServerContext context,
                  SessionFactory sessions, ServerStats stats, ConnectionSlots slots) throws IOException {
        this.channel = channel;
        this.config = config;
        this.stats = stats;
        this.loop = loop;
        this.slots = slots;
        this.highWater = config.outputHighWater();
        this.lastActivity = System.nanoTime();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
        this.session = sessions.newSession(context, this); // first: a failed setup leaves no key for the loop to find
        this.key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
        stats.connectionOpened();
    }

    /** Refuses an accepted channel as server full: the protocol's rejection (it fits an empty socket buffer), then close. */
    static void refuse(SocketChannel channel, ServerConfig config, ServerStats stats) {
        try (channel) {
            channel.configureBlocking(false);
            channel.write(config.protocol().rejection());
        } catch (IOException e) {
            // the client is gone already; refusing it is done either way
        }
        stats.rejected();
    }

    /** Lets the session greet the client. */
    void open() {
        try {
            if (!session.open()) finish();
        } catch (IOException e) {
            close();
        } catch (Throwable e) {
            fail(e);
        }
    }

    /** The selector reported this connection ready: flush pending output, then read once (so no client starves the others). */
    void onReady(ByteBuffer scratch) {
        if (closed) return;
        try {
            if (key.isWritable()) flush();
            if (!closed && key.isReadable()) read(scratch);
        } catch (IOException e) {
            close(); // reset, output bound exceeded: only this connection ends
        } catch (Throwable e) {
            fail(e); // a bug, or an Error such as OutOfMemoryError: it costs this connection, not the loop
        }
    }

    private void read(ByteBuffer scratch) throws IOException {
        int n = channel.read(scratch.clear());
        if (n < 0) {
            finish(); // EOF: the client said all it has to say; send what is pending, then close
        } else if (n > 0) {
            stats.bytesIn(n);
            lastActivity = System.nanoTime();
            if (!session.onInput(scratch.flip())) finish();
        }
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /** Never blocks: sends what the socket takes and keeps the rest pending. Loop thread only. */
    @Override
    public void write(ByteBuffer bytes) throws IOException {
        if (closed) throw new ClosedChannelException();
        if (output == null) {
            int n = channel.write(bytes);
            if (n > 0) stats.bytesOut(n);
            if (!bytes.hasRemaining()) return;
            lastActivity = System.nanoTime(); // the write-stall clock starts now
        }
        int pending = output == null ? 0 : output.position();
        if (pending + bytes.remaining() > config.maxOutputBytes()) {
            throw new IOException("pending output would exceed " + config.maxOutputBytes() + " bytes");
        }
        if (output == null || output.remaining() < bytes.remaining()) {
            int capacity = Math.min(config.maxOutputBytes(),
                    Math.max(pending + bytes.remaining(), Math.max(config.bufferSize(), 2 * pending)));
            ByteBuffer grown = ByteBuffer.allocate(capacity);
            if (output != null) grown.put(output.flip());
            output = grown;
        }
        output.put(bytes);
        updateInterest();
    }

    /**
     * A whole frame from another connection's session. On this connection's loop it is written at
     * once; from another loop it is copied and handed to this one ({@link NioLoop#execute}), which
     * writes it: true then means queued, and the frame is dropped if the connection closes first.
     */
    @Override
    public boolean deliver(ByteBuffer frame) {
        if (closed || finishing) return false;
        if (loop.inLoop()) return deliverHere(frame);
        ByteBuffer copy = ByteBuffer.allocate(frame.remaining()).put(frame).flip(); // the caller may reuse its buffer
        loop.execute(() -> deliverHere(copy));
        return true;
    }

    private boolean deliverHere(ByteBuffer frame) {
        if (closed || finishing) return false;
        try {
            write(frame);
            return true;
        } catch (IOException e) {
            close(); // a target that does not read its messages loses its connection, not the sender's time
            return false;
        } catch (Throwable e) {
            fail(e); // e.g. no memory for the target's output: the target's failure, not the sender's
            return false;
        }
    }

    private void flush() throws IOException {
        int n = channel.write(output.flip());
        output.compact();
        if (n > 0) {
            stats.bytesOut(n);
            lastActivity = System.nanoTime();
        }
        if (output.position() == 0) {
            output = null; // idle connections hold no output buffer
            if (finishing) {
                close();
                return;
            }
        }
        updateInterest();
    }

    /** OP_WRITE while output is pending; OP_READ while the session wants input and output is below high water. */
    private void updateInterest() {
        int pending = output == null ? 0 : output.position();
        int ops = (pending > 0 ? SelectionKey.OP_WRITE : 0)
                | (!finishing && pending <= highWater ? SelectionKey.OP_READ : 0);
        if (key.interestOps() != ops) key.interestOps(ops);
    }

    private void finish() {
        finishing = true;
        if (output == null) {
            close();
        } else {
            updateInterest();
        }
    }

    /** Called every tick by the loop: closes the connection if its output stalled or it has been idle too long. */
    void checkTimeouts(long now) {
        long silent = now - lastActivity;
        if (output != null ? silent > config.writeTimeout().toNanos()
                : config.idleTimeout().isPositive() && silent > config.idleTimeout().toNanos()) {
            close();
        }
    }

    private void fail(Throwable e) {
        ServingThreads.log(LOG, Level.WARNING, "session failed for " + remote + "; closing that connection", e);
        close();
    }

    /** Closes the channel and ends the session, once. Loop thread only. */
    void close() {
        if (closed) return;
        closed = true;
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
        output = null;
        try {
            session.close();
        } catch (Throwable e) {
            ServingThreads.log(LOG, Level.WARNING, "closing the session of " + remote + " failed", e);
        } finally {
            slots.release();
            stats.connectionClosed();
        }
    }
}
