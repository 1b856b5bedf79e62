package dev.loombench.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread of the load engine, as a wrk thread is: a {@link Selector} over the non-blocking
 * channels of its share of the clients, a {@link WakeQueue} of the clients waiting for a time of
 * their own (an open-loop send, a reconnect, a start), a timeout scan, and one receive and one send
 * buffer (direct) that all its connections share. Each round: wait until a channel is ready or the
 * next time is due, then handle what is ready, what is due, and (every tick) the timeouts.
 *
 * <p>Waiting: the selector's timeout has millisecond resolution, so a client's due time less than a
 * millisecond away is waited for with {@link LockSupport#parkNanos} (timer slack, ~50 µs) followed
 * by a non-blocking select; replies arriving during such a short park are read when it ends (at
 * most that late). This only happens in open loop, between sends that are less than a millisecond
 * apart on this loop; the tick and the phase's end are waited for in whole milliseconds.
 *
 * <p>Recording ({@link LoopRecorder}) happens in one critical section per round, and is bounded by
 * the phase: a reply read at or after the end of the measured phase is not a verified request of
 * the phase; the request is then counted unanswered at the end, like those still in flight, which
 * the loop censors once it sees the end has passed ({@link #closePhase}).
 *
 * <p>Threading: everything here runs on the loop's own thread, except {@link #wakeup}, and
 * {@link LoopRecorder#swap} on the sampler's.
 */
final class EventLoop implements Runnable {

    private static final long MILLI = 1_000_000;
    /**
     * Connects in progress at once, at most: more clients wait their turn in order. Thousands of SYNs
     * at once overflow the server's listen queue, and the run would measure the kernel's SYN
     * retransmission timer (1 s, 3 s, ...) instead of the server.
     */
    static final int MAX_CONNECTING = 128;

    final Selector selector;
    final LoopRecorder recorder;
    private final Engine engine;
    private final List<LoopClient> clients = new ArrayList<>();
    private final WakeQueue<LoopClient> wakes = new WakeQueue<>();
    private final ByteBuffer receive;
    private final ByteBuffer send;
    private final java.util.function.Consumer<SelectionKey> onReady = this::onReady; // one instance, not one per select
    private long nextTick;
    private final java.util.ArrayDeque<LoadClient> connectQueue = new java.util.ArrayDeque<>();
    private int connecting;
    private boolean inRound;
    private boolean phaseClosed;

    EventLoop(Engine engine, int bufferBytes) throws IOException {
        this.engine = engine;
        this.selector = Selector.open();
        this.recorder = new LoopRecorder(engine.config.clients(), !engine.config.openLoop());
        this.receive = ByteBuffer.allocateDirect(bufferBytes);
        this.send = ByteBuffer.allocateDirect(bufferBytes);
    }

    /** Adds a client, to be started at {@code startAt}; before the loop's thread starts only. */
    void add(LoopClient client, long startAt) {
        clients.add(client);
        client.wakeAt = startAt;
    }

    ByteBuffer receiveBuffer() {
        return receive;
    }

    ByteBuffer sendBuffer() {
        return send;
    }

    /** Asks for {@code client}'s {@link LoopClient#onWake} at {@code time}. */
    void wakeAt(LoopClient client, long time) {
        wakes.schedule(client, time);
    }

    /** True when a client may start a connect now ({@link #MAX_CONNECTING}). */
    boolean mayConnect() {
        return connecting < MAX_CONNECTING && connectQueue.isEmpty();
    }

    /** {@code client} starts its connect when one in progress ends. */
    void queueConnect(LoadClient client) {
        connectQueue.add(client);
    }

    void connectStarted() {
        connecting++;
    }

    /** A connect in progress ended (connected or failed): a queued client may start, at the end of this round. */
    void connectEnded() {
        connecting--;
    }

    /** Makes the loop look at the engine's state now (stop, phase end); any thread. */
    void wakeup() {
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            for (LoopClient client : clients) wakes.schedule(client, client.wakeAt);
            nextTick = System.nanoTime() + engine.tickNanos;
            while (!engine.stopping()) round();
        } catch (IOException | RuntimeException | Error e) {
            if (!engine.stopping()) engine.clientDied(e);
        } finally {
            for (LoopClient client : clients) client.close();
            try {
                selector.close();
            } catch (IOException e) {
                // closed is closed
            }
        }
    }

    /**
     * One round: wait, handle what is ready, what is due and (every tick) the timeouts. A method of
     * its own so that the JIT compiles it early, as an ordinary hot method: a loop that never returns
     * is compiled only by on-stack replacement, seconds late, and that C2 compile of the whole engine
     * then lands in the measured phase, on the client's own core.
     */
    private void round() throws IOException {
        await(System.nanoTime());
        if (!inRound) recorder.enter();
        try {
            long now = System.nanoTime();
            if (!phaseClosed && engine.pastEnd(now)) closePhase();
            while (!wakes.isEmpty() && wakes.firstTime() - now <= 0) wakes.poll().onWake(now);
            while (connecting < MAX_CONNECTING && !connectQueue.isEmpty()) connectQueue.poll().open(now);
            if (now - nextTick >= 0) {
                for (LoopClient client : clients) client.checkTimeout(now);
                nextTick = now + engine.tickNanos;
            }
        } finally {
            inRound = false;
            recorder.exit();
        }
    }

    /**
     * Waits until a channel is ready or the next due time, handling the ready channels (inside the
     * round). The tick and the end of the phase need no more than the selector's millisecond (a
     * loop that has nothing to read looks at them at most a millisecond late, and recording goes by
     * the reply's own time); a client's due time, an open-loop send, is kept to the microsecond. The
     * end enters the wait by {@link Math#min}, not by a branch, so that nothing in the compiled loop
     * changes when the phase starts (see {@link Engine#end}).
     */
    private void await(long now) throws IOException {
        long wait = nextTick - now;
        if (!phaseClosed) wait = Math.min(wait, engine.end() - now);
        if (!wakes.isEmpty()) {
            long due = wakes.firstTime() - now;
            if (due < MILLI) {
                if (due > 0) LockSupport.parkNanos(due);
                selector.selectNow(onReady);
                return;
            }
            wait = Math.min(wait, due);
        }
        selector.select(onReady, Math.max(1, wait / MILLI)); // 0 would mean "forever"
    }

    private void onReady(SelectionKey key) {
        if (!inRound) {
            recorder.enter(); // first ready key of the round: the blocking part of select is over
            inRound = true;
        }
        if (key.isValid()) ((LoopClient) key.attachment()).onReady(key);
    }

    /** The measured phase is over: every request still unanswered (or due and unsent) is censored at the end. */
    private void closePhase() {
        long end = engine.end();
        for (LoopClient client : clients) client.censorAtEnd(end);
        phaseClosed = true;
        engine.phaseClosed();
    }

    // ---- recording, bounded by the measured phase ----

    /** A verified reply read at {@code at}. */
    void verified(LoopClient client, long at, long intended, long sent, int bytes) {
        if (!engine.pastEnd(at)) recorder.reply(at - intended, at - sent, bytes, client.index);
        else censored(at, intended, sent); // read after the end: it was unanswered when the phase ended
    }

    /** UDP: a datagram event at {@code at}; not the phase's once it is over. */
    void datagram(DatagramEvent event, long at) {
        if (!engine.pastEnd(at)) recorder.datagram(event);
    }

    /**
     * A request given up at {@code at} ({@code sent} < 0: due but never sent): censored at its age
     * then, or at the end of the phase if that came first. Requests intended after the end are not
     * the phase's.
     */
    void censored(long at, long intended, long sent) {
        if (phaseClosed) return;
        long t = at;
        if (engine.pastEnd(at)) {
            t = engine.end();
            if (intended - t >= 0) return;
        }
        recorder.censored(t - intended, sent < 0 ? -1 : t - sent);
    }
}
