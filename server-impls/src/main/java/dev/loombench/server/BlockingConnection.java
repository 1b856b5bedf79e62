package dev.loombench.server;

import dev.loombench.protocol.Connection;
import dev.loombench.protocol.ProtocolSession;
import dev.loombench.protocol.ServerContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One accepted socket of a blocking model ({@code single}, {@code thread}, {@code pool},
 * {@code virtual}), served with blocking {@link Socket} streams. The models differ only in
 * which thread calls {@link #serve}; everything a connection does is here, once.
 *
 * <p>Threading and ownership: the thread in {@link #serve} owns the connection and its session
 * until it returns. Socket writes, the owner's {@link #write} and other threads'
 * {@link #deliver}, happen under one lock per connection, so whole frames never interleave.
 * A write never holds any other connection's lock, so two clients SENDing to each other
 * cannot deadlock. {@link #close} may be called by any thread (server shutdown, the write
 * watchdog); it unblocks the owner's read or write with an exception.
 *
 * <p>Errors: an I/O error (reset, idle timeout, write timeout, a bad frame the session gave
 * up on) ends only this connection, silently: it is the client's business. Anything else
 * the session throws, {@link Error}s such as {@link OutOfMemoryError} included, is logged once
 * for this connection, which is then closed; {@link #serve} returns normally either way, so the
 * serving thread goes on serving.
 */
final class BlockingConnection implements Connection {

    private static final System.Logger LOG = System.getLogger(BlockingConnection.class.getName());

    private final Socket socket;
    private final InetSocketAddress remote;
    private final OutputStream out;
    private final ServerConfig config;
    private final ServerContext context;
    private final SessionFactory sessions;
    private final ServerStats stats;
    private final BlockingConnections owner;
    private final long writeTimeoutNanos;
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile boolean closing;
    /** True while a thread is inside a socket write that must end by {@link #writeDeadline}. */
    private volatile boolean writing;
    private volatile long writeDeadline;

    BlockingConnection(Socket socket, ServerConfig config, ServerContext context, SessionFactory sessions, ServerStats stats,
                       BlockingConnections owner) throws IOException {
        this.socket = socket;
        this.remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        this.config = config;
        this.context = context;
        this.sessions = sessions;
        this.stats = stats;
        this.owner = owner;
        this.writeTimeoutNanos = config.writeTimeout().toNanos();
        socket.setTcpNoDelay(true);
        if (config.idleTimeout().isPositive()) {
            socket.setSoTimeout((int) Math.clamp(config.idleTimeout().toMillis(), 1, Integer.MAX_VALUE));
        }
        this.out = socket.getOutputStream();
    }

    /**
     * Serves the connection on the calling thread until the session ends or the socket fails, then
     * closes it. Never throws: whatever goes wrong ends this connection only.
     */
    void serve() {
        stats.connectionOpened();
        ProtocolSession session = null;
        try {
            session = sessions.newSession(context, this);
            if (open(session)) readUntilDone(session);
        } catch (IOException e) {
            // reset, EOF mid-write, idle or write timeout, server closing: only this connection ends
        } catch (Throwable e) { // a bug, or an Error such as OutOfMemoryError: it costs this connection, not the thread
            ServingThreads.log(LOG, Level.WARNING, "session failed for " + remote + "; closing that connection", e);
        } finally {
            try {
                if (session != null) session.close();
            } catch (Throwable e) {
                ServingThreads.log(LOG, Level.WARNING, "closing the session of " + remote + " failed", e);
            } finally {
                close();
                owner.forget(this); // before counting it closed: whoever sees the count may reconnect
                stats.connectionClosed();
            }
        }
    }

    /**
     * Opens the session holding the write lock (reentrant, so its greeting still goes through
     * {@link #write}): a {@code time} client is registered, and so reachable by other clients'
     * SENDs, a moment before its WELCOME is written, and no MESSAGE may overtake the WELCOME.
     */
    private boolean open(ProtocolSession session) throws IOException {
        writeLock.lock();
        try {
            return session.open();
        } finally {
            writeLock.unlock();
        }
    }

    private void readUntilDone(ProtocolSession session) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] bytes = new byte[config.bufferSize()];
        ByteBuffer input = ByteBuffer.wrap(bytes);
        int n;
        while ((n = in.read(bytes)) >= 0) {
            stats.bytesIn(n);
            if (!session.onInput(input.clear().limit(n))) return;
        }
    }

    /** Refuses the connection (server full): the protocol's rejection, if any, then close. Never blocks: the bytes fit an empty socket buffer. */
    void refuse() {
        try {
            ByteBuffer rejection = config.protocol().rejection();
            out.write(rejection.array(), rejection.arrayOffset() + rejection.position(), rejection.remaining());
        } catch (IOException e) {
            // the client is gone already; refusing it is done either way
        } finally {
            close();
            owner.forget(this);
            stats.rejected();
        }
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public void write(ByteBuffer bytes) throws IOException {
        writeLock.lock(); // held by a deliver() at most until its deadline, then the watchdog closes us
        try {
            send(bytes, System.nanoTime() + writeTimeoutNanos);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Writes on the caller's thread. The whole call, waiting for the lock and writing, ends within
     * the write timeout (plus one watchdog tick): a target that does not take the frame by then is
     * closed, since part of the frame may already be on the wire.
     */
    @Override
    public boolean deliver(ByteBuffer frame) {
        long deadline = System.nanoTime() + writeTimeoutNanos;
        try {
            if (closing || !writeLock.tryLock(writeTimeoutNanos, TimeUnit.NANOSECONDS)) return false;
            try {
                if (closing) return false;
                send(frame, deadline);
                return true;
            } finally {
                writeLock.unlock();
            }
        } catch (IOException e) {
            close(); // maybe half a frame went out: the stream is unusable
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Caller holds the write lock. If the write is still blocked at {@code deadline}, the watchdog closes the socket. */
    private void send(ByteBuffer bytes, long deadline) throws IOException {
        int n = bytes.remaining();
        writeDeadline = deadline;
        writing = true;
        try {
            if (bytes.hasArray()) {
                out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), n);
                bytes.position(bytes.limit());
            } else {
                byte[] copy = new byte[n];
                bytes.get(copy);
                out.write(copy);
            }
        } finally {
            writing = false;
        }
        stats.bytesOut(n);
    }

    /** Called by the watchdog: closes the connection if its current write has passed its deadline. */
    void closeIfWriteStalled(long now) {
        if (writing && now - writeDeadline > 0) close();
    }

    /** Closes the socket; idempotent, any thread. The owner's blocked read or write then fails and {@link #serve} cleans up. */
    void close() {
        closing = true;
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
