package dev.loombench.client;

import dev.loombench.protocol.DatagramClientCodec;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;

/**
 * One UDP client of a run (PROTOCOL.md §4): its own datagram socket and source port for the whole
 * run, a small state machine on its {@link EventLoop} beside the TCP {@link LoadClient}s. Closed
 * loop: one datagram outstanding, the next sent when it is answered or declared lost. Open loop
 * ({@code --rate}): every datagram sent at its intended time whatever became of the earlier ones.
 *
 * <p>Every reply is read by the protocol's {@link DatagramClientCodec} and classified once against
 * the {@link DatagramWindow} of what was sent:
 * <ul>
 *   <li>the answer to a pending datagram, intact: <em>received</em> (its latency recorded), and
 *       <em>reordered</em> too if a later datagram's reply came first;</li>
 *   <li>altered, or naming no datagram this client sent: <em>corrupted</em> ({@link ErrorClass#CORRUPTED});
 *       if it names a pending datagram, that datagram fails then (censored at its age);</li>
 *   <li>a second reply to an answered (or failed) datagram: <em>duplicated</em>;</li>
 *   <li>a reply to a datagram declared lost, or too old to remember: <em>late</em>, and it stays lost.</li>
 * </ul>
 * A datagram not answered within {@code --timeout} is <em>lost</em> ({@link ErrorClass#LOST}): a failure,
 * recorded in the latency at its age then (censored), never a success; one still pending when the
 * phase ends is censored there, as the TCP engine does. RFC 868 replies name no request: each
 * answers the oldest pending datagram, so reordering cannot be seen and, in open loop, a duplicate
 * passes for the next reply.
 *
 * <p>The socket is not connected (the JDK sends no empty datagram on a connected one, and an RFC 868
 * request is empty): replies from any other address are ignored. A send the socket buffer cannot
 * take now waits for OP_WRITE, late on its schedule. Nothing is allocated per datagram.
 *
 * <p>Threading: everything runs on the owning loop's thread; only {@link #served()} and
 * {@link #firstReplyNanos()} are read by others.
 */
final class UdpClient extends LoopClient {

    /** Replies read per wakeup before the loop turns to the other clients. */
    private static final int READS_PER_WAKEUP = 64;
    /** SO_RCVBUF asked for: the client must not be where replies are dropped (the kernel caps it at net.core.rmem_max). */
    static final int RECEIVE_BUFFER = 4 * 1024 * 1024;
    private static final java.lang.invoke.VarHandle SERVED;

    static {
        try {
            SERVED = java.lang.invoke.MethodHandles.lookup().findVarHandle(UdpClient.class, "served", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final EventLoop loop;
    private final Engine engine;
    private final Pacer pacer;
    private final DatagramWindow window;
    private final InetSocketAddress target;
    private DatagramChannel channel;
    private SelectionKey key;
    private DatagramClientCodec codec;
    private boolean waitingToWrite;
    private long highestAnswered = -1;
    private long startedAt;

    private long served; // written by the loop only; others read it through SERVED (acquire)
    private volatile long firstReplyAfter = -1;

    UdpClient(int index, EventLoop loop, Engine engine, OpenLoopSchedule schedule) {
        super(index);
        this.loop = loop;
        this.engine = engine;
        this.pacer = new Pacer(schedule);
        this.window = new DatagramWindow(engine.datagramWindow());
        this.target = engine.target;
    }

    @Override
    long served() {
        return (long) SERVED.getAcquire(this);
    }

    @Override
    long firstReplyNanos() {
        return firstReplyAfter;
    }

    // ---- events from the loop ----

    @Override
    void onWake(long now) {
        if (channel == null) open(now);
        else send(now);
    }

    @Override
    void onReady(SelectionKey ready) {
        int ops = ready.readyOps();
        if ((ops & SelectionKey.OP_READ) != 0) read();
        if ((ops & SelectionKey.OP_WRITE) != 0 && waitingToWrite) {
            waitingToWrite = false;
            key.interestOps(SelectionKey.OP_READ);
            send(System.nanoTime());
        }
    }

    /** Declares lost every pending datagram older than the timeout (oldest first: they were sent in order). */
    @Override
    void checkTimeout(long now) {
        long seq;
        boolean lost = false;
        while ((seq = window.oldestPending()) >= 0 && now - window.sentAt(seq) >= engine.timeoutNanos) {
            engine.error(ErrorClass.LOST, now);
            loop.censored(now, window.intended(seq), window.sentAt(seq));
            window.settle(seq, DatagramWindow.LOST);
            lost = true;
        }
        if (lost && channel != null) send(now); // closed loop: the next one goes now; open loop: a full window has room
    }

    @Override
    void censorAtEnd(long end) {
        for (long seq = window.oldestPending(); seq >= 0 && seq < window.nextSeq(); seq++) {
            if (window.state(seq) == DatagramWindow.PENDING) loop.censored(end, window.intended(seq), window.sentAt(seq));
        }
        pacer.forEachDueBefore(end, intended -> loop.censored(end, intended, -1));
    }

    @Override
    void close() {
        if (channel == null) return;
        engine.metrics.connectionClosed();
        try {
            channel.close(); // also cancels its key
        } catch (IOException e) {
            // nothing left to release
        }
        channel = null;
        key = null;
    }

    // ---- opening ----

    private void open(long now) {
        if (engine.stopping()) return;
        startedAt = now;
        try {
            channel = DatagramChannel.open(target.getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6
                    : StandardProtocolFamily.INET);
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
            channel.bind(null);
            engine.udpPortOpened(((InetSocketAddress) channel.getLocalAddress()).getPort());
            key = channel.register(loop.selector, SelectionKey.OP_READ, this);
        } catch (IOException e) {
            // the client's own resources (descriptors, ports), not the server's fault: fail the run
            throw new IllegalStateException("the load client could not open a UDP socket: " + e.getMessage()
                    + (String.valueOf(e.getMessage()).contains("Too many open files") ? "; raise 'ulimit -n' or use fewer clients" : ""), e);
        }
        engine.metrics.connectionOpened();
        codec = engine.newDatagramCodec();
        engine.firstAttempts.countDown();
        send(now);
    }

    // ---- sending ----

    /** Sends every datagram the schedule (open loop) or the one-outstanding rule (closed loop) allows now. */
    private void send(long now) {
        if (engine.stopping() || waitingToWrite) return;
        while (true) {
            if (!pacer.openLoop() && window.pending() > 0) return; // closed loop: one at a time
            long intended = pacer.nextIntended(now);
            if (intended - now > 0) {
                loop.wakeAt(this, intended);
                return;
            }
            if (window.full()) return; // open loop, all pending and none old enough to be lost: the timeout tick makes room
            if (!sendOne(intended, now)) return;
        }
    }

    /** Sends datagram {@code window.nextSeq()}; false (waiting for OP_WRITE) when the socket buffer cannot take it now. */
    private boolean sendOne(long intended, long now) {
        ByteBuffer out = loop.sendBuffer().clear();
        codec.encode(window.nextSeq(), out);
        out.flip();
        int bytes = out.remaining();
        try {
            if (channel.send(out, target) == 0 && bytes > 0) {
                waitingToWrite = true;
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                return false;
            }
        } catch (IOException e) {
            // not sent (no route, or an ICMP error reported here): as good as lost, and counted so at the timeout
        }
        if (pacer.openLoop()) engine.metrics.lag(now - intended);
        pacer.sent();
        window.sent(intended, now);
        loop.datagram(DatagramEvent.SENT, now);
        return true;
    }

    // ---- receiving ----

    private void read() {
        for (int i = 0; i < READS_PER_WAKEUP; i++) {
            ByteBuffer in = loop.receiveBuffer().clear();
            SocketAddress sender;
            try {
                sender = channel.receive(in);
            } catch (IOException e) {
                continue; // an ICMP error reported on this socket: the datagram it concerns times out as lost
            }
            if (sender == null) break;
            if (!target.equals(sender)) continue; // not from the server: not a reply
            reply(in.flip(), System.nanoTime());
        }
        send(System.nanoTime());
    }

    /** Classifies one reply read at {@code at} (see the class comment). */
    private void reply(ByteBuffer in, long at) {
        long seq = codec.sequenceOf(in);
        if (seq == DatagramClientCodec.OLDEST) {
            seq = window.oldestPending();
            if (seq < 0) { // nothing waits for it
                loop.datagram(window.lastSettled() == DatagramWindow.LOST ? DatagramEvent.LATE : DatagramEvent.DUPLICATED, at);
                return;
            }
        }
        if (seq < 0 || seq >= window.nextSeq()) {
            engine.error(ErrorClass.CORRUPTED, at); // names no datagram this client sent
            return;
        }
        byte state = window.state(seq);
        if (!codec.intact(in, seq)) {
            engine.error(ErrorClass.CORRUPTED, at);
            if (state == DatagramWindow.PENDING) {
                loop.censored(at, window.intended(seq), window.sentAt(seq));
                window.settle(seq, DatagramWindow.FAILED);
            }
            return;
        }
        switch (state) {
            case DatagramWindow.PENDING -> answered(seq, in.remaining(), at);
            case DatagramWindow.ANSWERED, DatagramWindow.FAILED -> loop.datagram(DatagramEvent.DUPLICATED, at);
            default -> loop.datagram(DatagramEvent.LATE, at); // LOST, or GONE: too old to remember
        }
    }

    private void answered(long seq, int bytes, long at) {
        loop.verified(this, at, window.intended(seq), window.sentAt(seq), bytes);
        if (seq < highestAnswered) loop.datagram(DatagramEvent.REORDERED, at);
        else highestAnswered = seq;
        window.settle(seq, DatagramWindow.ANSWERED);
        if (engine.stopping()) return;
        SERVED.setRelease(this, served + 1);
        if (served == 1) firstReplyAfter = at - startedAt;
    }
}
