package dev.loombench.client;

import dev.loombench.protocol.BadReplyException;
import dev.loombench.protocol.ClientCodec;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client of a run, from start to end: a small state machine on its {@link EventLoop}, as a
 * wrk connection is — idle (waiting to connect), connecting, open — over one non-blocking channel
 * at a time. It keeps one connection open (echo, time) and sends on it whenever the window
 * ({@code --pipeline}) and the schedule allow, or (rfc868) makes one connection per request.
 * Every reply is checked by the protocol's {@link ClientCodec}; every failure is classified once
 * ({@link Failure}), counted by class, and the client connects again, so the concurrency asked for
 * never silently shrinks.
 *
 * <p>After a failure with no verified reply since the previous attempt (a refused or rejected
 * connection) the client waits before trying again: 1 ms, doubling up to 100 ms, counted from the
 * start of the failed attempt — a dead or full server is probed steadily instead of in a busy loop,
 * while a read timeout (which took its whole timeout) or a failure after progress is retried at once.
 *
 * <p>Every request leaves the in-flight window exactly once: verified (its latency recorded), or
 * given up (timed out, its connection failed, or unanswered when the phase ends) and then recorded
 * as censored at its age. Nothing is allocated per request.
 *
 * <p>Threading: everything runs on the owning loop's thread; only {@link #served()} and
 * {@link #firstReplyNanos()} are read by others.
 */
final class LoadClient extends LoopClient implements ClientCodec.Replies {

    private static final long MAX_BACKOFF_NANOS = 100_000_000;
    private static final java.lang.invoke.VarHandle SERVED;

    static {
        try {
            SERVED = java.lang.invoke.MethodHandles.lookup().findVarHandle(LoadClient.class, "served", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private enum State { IDLE, CONNECTING, OPEN }

    private final EventLoop loop;
    private final Engine engine;
    private final Pacer pacer;
    private final InFlight inFlight;

    private State state = State.IDLE;
    private SocketChannel channel;
    private SelectionKey key;
    private ClientCodec codec;
    private long connectStartedAt;
    private long connectedAt;
    private boolean encoding;   // the newest request is not yet wholly encoded
    private ByteBuffer pending; // request bytes the socket did not take yet (allocated on first need)
    private long readAt;        // when the bytes being checked arrived

    private long served; // written by the loop only; others read it through SERVED (acquire)
    private long servedAtAttempt;
    private long attemptStart;
    private int failureStreak;
    private boolean attempted;
    private long firstAttemptAt;
    private volatile long firstReplyAfter = -1;

    LoadClient(int index, EventLoop loop, Engine engine, OpenLoopSchedule schedule) {
        super(index);
        this.loop = loop;
        this.engine = engine;
        this.pacer = new Pacer(schedule);
        this.inFlight = new InFlight(engine.config.pipeline());
    }

    /** Verified requests of this client so far (any thread). */
    @Override
    long served() {
        return (long) SERVED.getAcquire(this);
    }

    /**
     * Nanoseconds from the start of this client's first connect attempt to its first verified reply,
     * on whichever connection it came (reconnects included): how long the client waited to be served
     * at all. -1 while it has never been served.
     */
    @Override
    long firstReplyNanos() {
        return firstReplyAfter;
    }

    // ---- events from the loop ----

    /** The time this client asked to be woken at has come. */
    @Override
    void onWake(long now) {
        if (state == State.IDLE) connect(now);
        else if (state == State.OPEN) send(now);
    }

    /** The selector reported {@code key} ready. */
    @Override
    void onReady(SelectionKey ready) {
        int ops = ready.readyOps();
        if (state == State.CONNECTING) {
            if ((ops & SelectionKey.OP_CONNECT) != 0) finishConnect(System.nanoTime());
            return;
        }
        if ((ops & SelectionKey.OP_WRITE) != 0 && !flushPending(System.nanoTime())) return;
        if (state == State.OPEN && (ops & SelectionKey.OP_READ) != 0) read();
    }

    /** Called every timeout tick: gives up a connect or a request older than {@code --timeout}. */
    @Override
    void checkTimeout(long now) {
        long timeout = engine.timeoutNanos;
        if (state == State.CONNECTING) {
            if (now - connectStartedAt >= timeout) fail(new Failure(ErrorClass.CONNECT_TIMEOUT, "no connection within the timeout"), now);
        } else if (state == State.OPEN) {
            long since = inFlight.size() > 0 ? inFlight.sent() : !codec.canSend() ? connectedAt : now;
            if (now - since >= timeout) fail(Failure.timeout(timeout), now);
        }
    }

    /** The measured phase ended at {@code end}: records what is still unanswered, and what was due but never sent. */
    @Override
    void censorAtEnd(long end) {
        for (int i = 0; i < inFlight.size(); i++) loop.censored(end, inFlight.intended(i), inFlight.sent(i));
        pacer.forEachDueBefore(end, intended -> loop.censored(end, intended, -1));
    }

    /** Closes the connection, if any, without counting anything: the run is over. */
    @Override
    void close() {
        closeChannel();
    }

    // ---- connecting ----

    private void connect(long now) {
        if (engine.stopping()) return;
        if (engine.rfc868) { // the connection is the request
            long intended = pacer.nextIntended(now);
            if (intended - now > 0) {
                loop.wakeAt(this, intended);
                return;
            }
            if (pacer.openLoop()) engine.metrics.lag(now - intended);
            pacer.sent();
            inFlight.push(intended, now);
        }
        attemptStart = now;
        servedAtAttempt = served;
        if (!attempted) firstAttemptAt = now;
        if (loop.mayConnect()) open(now);
        else loop.queueConnect(this);
    }

    /** Starts the TCP connect; called by {@link #connect} or, when its turn comes, by the loop's connect queue. */
    void open(long now) {
        connectStartedAt = now;
        state = State.CONNECTING;
        loop.connectStarted();
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, engine.config.noDelay());
            if (channel.connect(engine.target)) {
                connected(System.nanoTime());
            } else {
                key = channel.register(loop.selector, SelectionKey.OP_CONNECT, this);
            }
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("Too many open files")) {
                // the client's own limit, not the server's fault: fail the run instead of counting it
                throw new IllegalStateException("the load client ran out of file descriptors; raise 'ulimit -n' or use fewer clients", e);
            }
            fail(Failure.connect(e), now);
        }
    }

    private void finishConnect(long now) {
        try {
            channel.finishConnect();
            connected(now);
        } catch (IOException e) {
            fail(Failure.connect(e), now);
        }
    }

    private void connected(long now) {
        loop.connectEnded();
        engine.metrics.connected(now - connectStartedAt);
        engine.metrics.connectionOpened();
        state = State.OPEN;
        connectedAt = now;
        firstAttemptDone();
        codec = engine.newCodec();
        try {
            if (key == null) key = channel.register(loop.selector, SelectionKey.OP_READ, this);
            else key.interestOps(SelectionKey.OP_READ);
        } catch (IOException e) {
            fail(Failure.io(e, true, true), now);
            return;
        }
        if (engine.rfc868) codec.nextRequest();
        else send(now);
    }

    // ---- sending ----

    /** Sends every request the window and the schedule allow now; what the socket does not take waits for OP_WRITE. */
    private void send(long now) {
        if (engine.rfc868 || engine.stopping()) return;
        while (pending == null || !pending.hasRemaining()) {
            ByteBuffer out = loop.sendBuffer().clear();
            encode(out, now);
            boolean more = !out.hasRemaining(); // filled up: more may follow at once
            if (out.flip().hasRemaining() && !write(out, now)) return;
            if (!more) return;
        }
    }

    /** Encodes into {@code out} the rest of the newest request, then new requests while allowed, until {@code out} is full. */
    private void encode(ByteBuffer out, long now) {
        while (out.hasRemaining()) {
            if (encoding) {
                if (!codec.encode(out)) return;
                encoding = false;
            }
            if (!codec.canSend() || inFlight.full()) return;
            long intended = pacer.nextIntended(now);
            if (intended - now > 0) {
                loop.wakeAt(this, intended);
                return;
            }
            if (pacer.openLoop()) engine.metrics.lag(now - intended);
            pacer.sent();
            inFlight.push(intended, now);
            codec.nextRequest();
            encoding = true;
        }
    }

    /** Writes {@code out}; keeps what the socket did not take and asks for OP_WRITE. False if it had to. */
    private boolean write(ByteBuffer out, long now) {
        try {
            channel.write(out);
        } catch (IOException e) {
            fail(Failure.io(e, codec.fresh(), codec.silentRejection()), now);
            return false;
        }
        if (!out.hasRemaining()) return true;
        if (pending == null || pending.capacity() < out.remaining()) pending = ByteBuffer.allocate(out.capacity());
        pending.clear().put(out).flip();
        key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        return false;
    }

    /** OP_WRITE: sends what waits; once it is all out, goes on sending. False if the connection failed. */
    private boolean flushPending(long now) {
        try {
            channel.write(pending);
        } catch (IOException e) {
            fail(Failure.io(e, codec.fresh(), codec.silentRejection()), now);
            return false;
        }
        if (pending.hasRemaining()) return true;
        key.interestOps(SelectionKey.OP_READ);
        send(now);
        return state == State.OPEN;
    }

    // ---- receiving ----

    private void read() {
        ByteBuffer in = loop.receiveBuffer().clear();
        int n;
        try {
            n = channel.read(in);
        } catch (IOException e) {
            fail(Failure.io(e, codec.fresh(), codec.silentRejection()), System.nanoTime());
            return;
        }
        readAt = System.nanoTime();
        if (n == 0) return;
        try {
            if (n < 0) {
                if (codec.onEndOfStream(this)) {
                    done(readAt); // rfc868: the close completed the reply
                } else {
                    fail(Failure.endOfStream(codec.fresh(), codec.silentRejection()), readAt);
                }
                return;
            }
            codec.onInput(in.flip(), this);
        } catch (BadReplyException e) {
            fail(Failure.of(e), readAt);
            return;
        }
        send(readAt);
    }

    /** The oldest request was answered and the answer verified. */
    @Override
    public void ok(int replyBytes) {
        loop.verified(this, readAt, inFlight.intended(), inFlight.sent(), replyBytes);
        inFlight.pop();
        if (engine.stopping()) return; // the shutdown may let a starved client through: not the run's
        SERVED.setRelease(this, served + 1); // a plain store on x86: no fence per reply
        if (served == 1) firstReplyAfter = readAt - firstAttemptAt;
    }

    /** The oldest request failed (time: ERROR 3 to a SEND), the connection stays: counted, and censored at its age. */
    @Override
    public void failed(BadReplyException.Kind kind) {
        engine.error(Failure.classOf(kind), readAt);
        loop.censored(readAt, inFlight.intended(), inFlight.sent());
        inFlight.pop();
    }

    // ---- ending ----

    /** rfc868: the request on this connection is complete; close it and go on with the next. */
    private void done(long now) {
        closeChannel();
        failureStreak = 0;
        connect(now);
    }

    /** Counts {@code failure}, censors what was in flight, closes, and schedules the next attempt. */
    private void fail(Failure failure, long now) {
        engine.error(failure.kind(), now);
        for (int i = 0; i < inFlight.size(); i++) loop.censored(now, inFlight.intended(i), inFlight.sent(i));
        inFlight.clear();
        closeChannel();
        firstAttemptDone();
        if (engine.stopping()) return;
        if (served == servedAtAttempt) {
            long backoff = Math.min(MAX_BACKOFF_NANOS, 1_000_000L << Math.min(failureStreak, 20));
            failureStreak++;
            loop.wakeAt(this, attemptStart + backoff);
        } else {
            failureStreak = 0;
            loop.wakeAt(this, now);
        }
    }

    private void closeChannel() {
        if (state == State.OPEN) engine.metrics.connectionClosed();
        if (state == State.CONNECTING) loop.connectEnded();
        state = State.IDLE;
        encoding = false;
        if (pending != null) pending.clear().flip();
        key = null;
        codec = null;
        if (channel == null) return;
        try {
            channel.close(); // also cancels its key
        } catch (IOException e) {
            // nothing left to release
        }
        channel = null;
    }

    private void firstAttemptDone() {
        if (!attempted) {
            attempted = true;
            engine.firstAttempts.countDown();
        }
    }
}
