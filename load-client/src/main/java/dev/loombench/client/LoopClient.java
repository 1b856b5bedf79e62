package dev.loombench.client;

import java.nio.channels.SelectionKey;

/**
 * What an {@link EventLoop} drives: one client of a run, a small state machine over its own
 * non-blocking channel. {@link LoadClient} is a TCP client (a connection, reopened after a failure);
 * {@link UdpClient} is a UDP client (one datagram socket for the whole run). The loop calls every
 * method below on its own thread; only {@link #served()} and {@link #firstReplyNanos()} are read by
 * others.
 */
abstract class LoopClient extends WakeQueue.Entry {

    /** The client's number in the run (0 .. clients-1), for per-client counts. */
    final int index;

    LoopClient(int index) {
        this.index = index;
    }

    /** The time this client asked to be woken at ({@link EventLoop#wakeAt}) has come. */
    abstract void onWake(long now);

    /** The selector reported the client's key ready. */
    abstract void onReady(SelectionKey ready);

    /** Called every timeout tick: gives up what is older than {@code --timeout}. */
    abstract void checkTimeout(long now);

    /** The measured phase ended at {@code end}: records what is still unanswered, and what was due but never sent. */
    abstract void censorAtEnd(long end);

    /** Closes the client's channel, if any, without counting anything: the run is over. */
    abstract void close();

    /** Verified requests of this client so far (any thread). */
    abstract long served();

    /**
     * Nanoseconds from the client's first attempt to its first verified reply; -1 while it has never
     * been served (any thread).
     */
    abstract long firstReplyNanos();
}
