package dev.loombench.client;

import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

/**
 * The request loop on one open echo or time connection, run by its client's thread until the
 * connection fails or the run stops. One thread does everything: it sends while the window
 * ({@code --pipeline}) and the schedule allow, then blocks in a read whose timeout is the
 * nearer of "the oldest request's deadline" and (open loop) "the next intended send time".
 * Replies are timed the moment their bytes arrive and checked by the {@link ClientSession}.
 *
 * <p>Virtual threads are not time-sliced: a connection whose reads always find data (a fast
 * server, pipelining) would never block, keep its carrier thread and starve the other clients —
 * the client would then make up the very unfairness it measures (measured: Jain's index 0.92
 * instead of 0.99 with 8 pipelined clients). So a connection that has run
 * {@link #YIELD_AFTER_NANOS} without its reads blocking yields ({@link Thread#yield}; for a
 * platform thread a harmless {@code sched_yield}). A read that took {@link #BLOCKED_NANOS} or
 * longer counts as blocked.
 *
 * <p>A reply not complete within {@code --timeout} of its send, an end of stream or an I/O error
 * ends the connection with a {@link Failure}; the client then opens a new one, so the
 * concurrency asked for never silently shrinks.
 */
final class StreamConnection {

    static final long YIELD_AFTER_NANOS = 1_000_000;
    static final long BLOCKED_NANOS = 50_000;

    private final LoadContext ctx;
    private final ClientSession session;
    private final ClientSession.RequestWriter writer;
    private final TimedReader reader;
    private final Pacer pacer;
    private final byte[] buffer;
    private final Runnable served;
    private final InFlight inFlight;
    private long readAt; // when the bytes being checked arrived

    StreamConnection(LoadContext ctx, Socket socket, ClientSession session, ClientSession.RequestWriter writer,
                     Pacer pacer, byte[] buffer, Runnable served) throws IOException {
        this.ctx = ctx;
        this.session = session;
        this.writer = writer;
        this.reader = new TimedReader(socket);
        this.pacer = pacer;
        this.buffer = buffer;
        this.served = served;
        this.inFlight = new InFlight(ctx.config.pipeline());
    }

    /** Runs until the run stops (returns) or the connection fails (throws). */
    void run() throws Failure {
        int window = ctx.config.pipeline();
        long connectedAt = System.nanoTime();
        long runningSince = connectedAt; // since the thread last blocked or yielded
        ClientSession.Replies replies = new ClientSession.Replies() {
            @Override
            public void ok(int replyBytes) {
                ctx.metrics.reply(readAt - inFlight.intended(), readAt - inFlight.sent(), replyBytes);
                inFlight.pop();
                served.run();
            }

            @Override
            public void failed(ErrorClass kind) {
                ctx.metrics.error(kind);
                inFlight.pop();
            }
        };
        try {
            while (!ctx.stopping()) {
                long now = System.nanoTime();
                while (session.canSend() && inFlight.size() < window) {
                    long intended = pacer.nextIntended(now);
                    if (intended - now > 0) break;
                    if (pacer.openLoop()) ctx.metrics.lag(now - intended);
                    pacer.sent();
                    inFlight.push(intended, now);
                    session.sendRequest(writer);
                    now = System.nanoTime();
                }
                boolean mayStillSend = session.canSend() && inFlight.size() < window;
                if (inFlight.size() == 0 && mayStillSend) { // open loop, idle until the next intended send
                    parkUntil(pacer.nextIntended(now));
                    continue;
                }
                long deadline = (inFlight.size() == 0 ? connectedAt : inFlight.sent()) + ctx.timeoutNanos;
                long wake = deadline;
                if (mayStillSend && pacer.nextIntended(now) - deadline < 0) wake = pacer.nextIntended(now);
                int n = reader.read(buffer, 0, buffer.length, wake - now);
                if (n == TimedReader.TIMED_OUT) {
                    if (System.nanoTime() - deadline >= 0) throw Failure.timeout(ctx.timeoutNanos);
                    continue;
                }
                if (n < 0) throw Failure.endOfStream(session.fresh(), session.silentRejection());
                readAt = System.nanoTime();
                session.onInput(ByteBuffer.wrap(buffer, 0, n), replies);
                if (readAt - now >= BLOCKED_NANOS) {
                    runningSince = readAt;
                } else if (readAt - runningSince >= YIELD_AFTER_NANOS) {
                    Thread.yield();
                    runningSince = System.nanoTime();
                }
            }
        } catch (IOException e) {
            IOException cause = writer instanceof RequestWriters.Threaded t && t.failure() != null ? t.failure() : e;
            throw Failure.io(cause, session.fresh(), session.silentRejection());
        }
    }

    private void parkUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0 && !ctx.stopping()) LockSupport.parkNanos(left);
    }

    /** The intended and actual send times of the requests in flight, oldest first. */
    private static final class InFlight {
        private final long[] intended;
        private final long[] sent;
        private int head;
        private int size;

        InFlight(int capacity) {
            intended = new long[capacity];
            sent = new long[capacity];
        }

        int size() {
            return size;
        }

        void push(long intendedNanos, long sentNanos) {
            int slot = (head + size) % intended.length;
            intended[slot] = intendedNanos;
            sent[slot] = sentNanos;
            size++;
        }

        /** The oldest request's intended send time. */
        long intended() {
            return intended[head];
        }

        /** The oldest request's actual send time. */
        long sent() {
            return sent[head];
        }

        void pop() {
            head = (head + 1) % intended.length;
            size--;
        }
    }
}
