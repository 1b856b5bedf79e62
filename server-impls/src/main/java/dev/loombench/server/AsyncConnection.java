package dev.loombench.server;

import dev.loombench.protocol.Connection;
import dev.loombench.protocol.ProtocolSession;
import dev.loombench.protocol.ServerContext;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One connection of {@link AsyncChannelServer}: its session, a read in flight, and its output.
 *
 * <p>Reading: one read at a time into the connection's buffer; its completion runs the session
 * and starts the next read, unless pending output is above the high-water mark
 * ({@link ServerConfig#outputHighWater}): then reading pauses until the writes drain it below half
 * of that (backpressure, as in {@code nio}). Writing: {@link #write} and {@link #deliver} copy the
 * bytes into a queue; one gathering write of the whole queue is in flight at a time, and its
 * completion starts the next. More than {@code maxOutputBytes} queued closes the connection.
 *
 * <p>Threading: completions run on any thread of the group, and {@link #deliver} on any thread
 * at all, so output state is guarded by this object's monitor; a frame is queued whole, so frames
 * never interleave. The session is called by one thread at a time: the one handling the current
 * read completion (reads are strictly sequential), or the acceptor's thread in {@link #open},
 * which holds the monitor so that a concurrent {@code deliver} waits for the greeting. The session
 * is closed exactly once, by whichever comes last of the close and the end of the read in
 * progress, so {@code close()} from another thread (the watchdog, a failed write) never runs it
 * concurrently with {@code onInput}.
 *
 * <p>Errors: an I/O error, a stalled write or an exceeded bound closes this connection only;
 * anything else the session throws, an {@link Error} included, is a bug, logged once, and closes
 * this connection only: it never escapes to the group, which would replace its thread.
 */
final class AsyncConnection implements Connection {

    private static final System.Logger LOG = System.getLogger(AsyncConnection.class.getName());
    private static final int MAX_GATHER = 64; // buffers per write: well below IOV_MAX

    private final AsynchronousSocketChannel channel;
    private final InetSocketAddress remote;
    private final ServerConfig config;
    private final ServerStats stats;
    private final Consumer<AsyncConnection> onEnd;
    private final ProtocolSession session;
    private final ByteBuffer input;
    private final int highWater;
    private final CompletionHandler<Integer, Void> onRead = new Reads();
    private final CompletionHandler<Long, Void> onWritten = new Writes();
    // guarded by this
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean writing; // a write is in flight
    private boolean readPaused; // backpressure: no read in flight until the output drains
    private boolean reading = true; // the session is in use: being opened, a read in flight or being handled
    private boolean finishing; // the session is done: flush what is queued, then close
    private boolean closed;
    private boolean ended;
    /** Last input or output progress, or the moment output became pending; read by the watchdog. */
    private volatile long lastActivity = System.nanoTime();

    AsyncConnection(AsynchronousSocketChannel channel, ServerConfig config, ServerContext context, SessionFactory sessions,
                    ServerStats stats, Consumer<AsyncConnection> onEnd) throws IOException {
        this.channel = channel;
        this.config = config;
        this.stats = stats;
        this.onEnd = onEnd;
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
        this.input = ByteBuffer.allocate(config.bufferSize());
        this.highWater = config.outputHighWater();
        this.session = sessions.newSession(context, this);
    }

    /** Greets the client (holding the output, so no delivered MESSAGE overtakes the greeting), then starts reading. */
    void open() {
        boolean keep;
        synchronized (this) {
            try {
                keep = session.open();
            } catch (IOException e) {
                keep = false;
                close();
            } catch (RuntimeException | Error e) { // a bug in the session: this connection only, never the group's thread
                keep = false;
                fail(e);
            }
        }
        if (keep) {
            read();
        } else {
            finish();
            readEnded();
        }
    }

    private void read() {
        try {
            channel.read(input.clear(), null, onRead);
        } catch (RuntimeException e) { // the group is shutting down
            close();
            readEnded();
        }
    }

    /** Read completions: run the session on what came in, then read again unless output must drain first. */
    private final class Reads implements CompletionHandler<Integer, Void> {
        @Override
        public void completed(Integer n, Void unused) {
            if (n < 0) { // EOF: the client said all it has to say; send what is queued, then close
                finish();
                readEnded();
                return;
            }
            stats.bytesIn(n);
            lastActivity = System.nanoTime();
            try {
                if (!session.onInput(input.flip())) {
                    finish();
                    readEnded();
                    return;
                }
            } catch (IOException e) {
                close(); // output bound exceeded: only this connection ends
                readEnded();
                return;
            } catch (RuntimeException | Error e) { // a bug in the session: this connection only, never the group's thread
                fail(e);
                readEnded();
                return;
            }
            boolean more;
            boolean end = false;
            synchronized (AsyncConnection.this) { // one step: a write completion may resume reading at once
                more = !closed && queuedBytes <= highWater;
                if (!more) {
                    reading = false;
                    readPaused = !closed;
                    end = closed;
                }
            }
            if (more) {
                read();
            } else if (end) {
                end();
            }
        }

        @Override
        public void failed(Throwable error, Void unused) {
            close(); // reset, or closed by the watchdog or the server
            readEnded();
        }
    }

    /** Write completions: drop what was sent, write the rest, resume a paused read once the output drained. */
    private final class Writes implements CompletionHandler<Long, Void> {
        @Override
        public void completed(Long n, Void unused) {
            boolean resume = false;
            boolean done = false;
            synchronized (AsyncConnection.this) {
                writing = false;
                stats.bytesOut(n);
                if (n > 0) lastActivity = System.nanoTime();
                queuedBytes -= n;
                while (!queue.isEmpty() && !queue.peek().hasRemaining()) queue.poll();
                if (closed) return;
                if (!queue.isEmpty()) {
                    writeQueued();
                } else if (finishing) {
                    done = true;
                }
                if (readPaused && !finishing && queuedBytes <= highWater / 2) {
                    readPaused = false;
                    reading = true;
                    resume = true;
                }
            }
            if (done) close();
            if (resume) read();
        }

        @Override
        public void failed(Throwable error, Void unused) {
            close();
        }
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /** Never blocks: queues a copy of the bytes and starts a write if none is in flight. Any thread. */
    @Override
    public void write(ByteBuffer bytes) throws IOException {
        int n = bytes.remaining();
        if (n == 0) return;
        ByteBuffer copy = ByteBuffer.allocate(n).put(bytes).flip(); // the caller may reuse its buffer
        synchronized (this) {
            if (closed) throw new ClosedChannelException();
            if (queuedBytes + n > config.maxOutputBytes()) {
                throw new IOException("pending output would exceed " + config.maxOutputBytes() + " bytes");
            }
            queue.add(copy);
            queuedBytes += n;
            if (!writing) {
                lastActivity = System.nanoTime(); // the write-stall clock starts now
                writeQueued();
            }
        }
    }

    /** A whole frame from another connection's session, on any thread; waits at most for a greeting in progress. */
    @Override
    public boolean deliver(ByteBuffer frame) {
        synchronized (this) {
            if (closed || finishing) return false;
            try {
                write(frame);
                return true;
            } catch (IOException e) {
                close(); // a target that does not read its messages loses its connection, not the sender's time
                return false;
            }
        }
    }

    /** Holds the monitor: one gathering write of the queue's head, at most {@link #MAX_GATHER} buffers. */
    private void writeQueued() {
        writing = true;
        ByteBuffer[] batch = queue.stream().limit(MAX_GATHER).toArray(ByteBuffer[]::new);
        try {
            // its completion may run right here, on this thread, re-entering the monitor
            channel.write(batch, 0, batch.length, 0, java.util.concurrent.TimeUnit.MILLISECONDS, null, onWritten);
        } catch (RuntimeException e) { // the group is shutting down
            writing = false;
            close();
        }
    }

    private void finish() {
        boolean now;
        synchronized (this) {
            finishing = true;
            now = !writing && queue.isEmpty();
        }
        if (now) close();
    }

    /** Called by the watchdog every tick: closes the connection if its output stalled or it has been idle too long. */
    void checkTimeouts(long now) {
        boolean pending;
        synchronized (this) {
            pending = writing || !queue.isEmpty();
        }
        long silent = now - lastActivity;
        if (pending ? silent > config.writeTimeout().toNanos()
                : config.idleTimeout().isPositive() && silent > config.idleTimeout().toNanos()) {
            close();
        }
    }

    private void fail(Throwable e) {
        ServingThreads.log(LOG, Level.WARNING, "session failed for " + remote + "; closing that connection", e);
        close();
    }

    /** Closes the channel, once, from any thread; the session ends now if no read is in progress, else when it ends. */
    void close() {
        boolean end;
        synchronized (this) {
            if (closed) return;
            closed = true;
            queue.clear();
            queuedBytes = 0;
            end = !reading;
        }
        try {
            channel.close(); // a read or write in flight fails, and its completion cleans up
        } catch (IOException e) {
            // nothing left to release
        }
        if (end) end();
    }

    /** The read in progress (or the opening) is over: the session is idle now; end it if the connection closed meanwhile. */
    private void readEnded() {
        boolean end;
        synchronized (this) {
            reading = false;
            end = closed;
        }
        if (end) end();
    }

    /** After the group's threads have ended: ends the session if no completion did (the server is closing). */
    void endAfterShutdown() {
        close();
        end();
    }

    private void end() {
        synchronized (this) {
            if (ended) return;
            ended = true;
        }
        try {
            session.close();
        } finally {
            onEnd.accept(this);
            stats.connectionClosed();
        }
    }
}
