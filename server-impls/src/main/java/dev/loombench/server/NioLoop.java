package dev.loombench.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One event loop of {@link NioSelectorServer}: a thread, its {@link Selector} and the connections
 * registered with it. It reads, runs the sessions and writes for its connections only; with one
 * loop it also accepts ({@link #listen}), as the single-threaded reactor always did.
 *
 * <p>Threading: everything here runs on the loop's thread, except {@link #adopt} and
 * {@link #execute}, which any thread may call: they queue the work and wake the selector (once
 * per batch of work, not once per call), and the loop runs it before its next select. So a
 * connection accepted by the acceptor thread is set up on its loop, and a MESSAGE from a
 * connection of another loop is written by the target's own loop, never by the sender's.
 *
 * <p>Errors: a failing connection is closed alone ({@link NioConnection}); a failing accept
 * pauses accepting for a moment instead of spinning on a listener that stays ready. If the
 * selector itself fails, the loop closes its connections and ends with an exception: the
 * server's death ({@link ServingThreads#startEssential}).
 */
final class NioLoop {

    private static final System.Logger LOG = System.getLogger(NioLoop.class.getName());
    private static final int ACCEPTS_PER_WAKEUP = 64; // a flood of connects cannot starve the connected

    /** What the server does with the channels handed to a loop ({@link #adopt}), on the loop's thread. */
    interface Handoff {
        /** Makes the connection of {@code channel}, registered with {@code loop}; throws if its setup failed. */
        NioConnection connect(SocketChannel channel, NioLoop loop) throws IOException;

        /** The setup of {@code channel} failed: close it and give its place back. */
        void failed(SocketChannel channel);

        /** The loop closed before it set {@code channel} up: refuse it, as the server is closing. */
        void refused(SocketChannel channel);
    }

    private final Selector selector;
    private final ByteBuffer scratch; // the loop's one read buffer, shared by all its connections
    private final long tickNanos;
    private final Handoff handoff;
    private final Queue<SocketChannel> incoming = new ConcurrentLinkedQueue<>();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private volatile Thread thread;
    private volatile boolean closing;
    // the listener, when this loop accepts (one loop only)
    private ServerSocketChannel listener;
    private SelectionKey listenerKey;
    private AcceptBackoff backoff;
    private Consumer<SocketChannel> onAccepted;
    private boolean acceptPaused;
    private long acceptPausedUntil;

    NioLoop(ServerConfig config, Handoff handoff) throws IOException {
        this.selector = Selector.open();
        this.scratch = ByteBuffer.allocateDirect(config.bufferSize());
        this.tickNanos = config.timeoutTick().toNanos();
        this.handoff = handoff;
    }

    /** This loop also accepts from {@code listener} (non-blocking), handing each channel to {@code onAccepted}. Before {@link #run}. */
    void listen(ServerSocketChannel listener, AcceptBackoff backoff, Consumer<SocketChannel> onAccepted) throws IOException {
        this.listener = listener;
        this.backoff = backoff;
        this.onAccepted = onAccepted;
        listener.configureBlocking(false);
        this.listenerKey = listener.register(selector, SelectionKey.OP_ACCEPT);
    }

    Selector selector() {
        return selector;
    }

    /** True on this loop's thread. */
    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Any thread: set up {@code channel} as a connection of this loop; on the loop itself at once. */
    void adopt(SocketChannel channel) {
        if (inLoop()) {
            setUp(channel);
        } else {
            incoming.add(channel);
            wakeUp();
        }
    }

    /** Any thread: run {@code task} on this loop's thread before its next select. */
    void execute(Runnable task) {
        tasks.add(task);
        wakeUp();
    }

    /** Any thread: the loop closes everything and ends. */
    void close() {
        closing = true;
        selector.wakeup();
    }

    /** Frees a loop whose {@link #run} never started (the server failed to start). */
    void discard() {
        closeQuietly();
    }

    private void wakeUp() {
        if (wakeupPending.compareAndSet(false, true)) selector.wakeup();
    }

    /** The loop itself, on its own thread until {@link #close}; closes its connections (and its listener) on the way out. */
    void run() {
        thread = Thread.currentThread();
        long nextTick = System.nanoTime() + tickNanos;
        try {
            while (!closing) {
                wakeupPending.set(false); // work queued from now on wakes the select below
                runQueued();
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
            throw new UncheckedIOException("the selector failed; every connection of its loop is closed", e); // the server's death
        } finally {
            for (SelectionKey key : List.copyOf(selector.keys())) {
                if (key.attachment() instanceof NioConnection connection) connection.close();
            }
            for (SocketChannel channel; (channel = incoming.poll()) != null; ) handoff.refused(channel);
            tasks.clear(); // MESSAGEs for connections that are closed now
            closeQuietly();
        }
    }

    private void runQueued() {
        for (SocketChannel channel; (channel = incoming.poll()) != null; ) setUp(channel);
        for (Runnable task; (task = tasks.poll()) != null; ) task.run(); // tasks catch their own failures
    }

    private void setUp(SocketChannel channel) {
        NioConnection connection;
        try {
            connection = handoff.connect(channel, this);
        } catch (Throwable e) { // reset before it could be registered; or a bug or an Error setting it up
            if (!(e instanceof IOException)) {
                ServingThreads.log(LOG, Level.WARNING, "setting up the connection failed; closing it", e);
            }
            handoff.failed(channel);
            return;
        }
        connection.open();
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
            onAccepted.accept(channel);
        }
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
