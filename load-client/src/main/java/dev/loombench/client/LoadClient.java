package dev.loombench.client;

import dev.loombench.protocol.Protocol;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One client of a run, on its own thread (platform or virtual, see {@link LoadConfig.ClientThreads}),
 * from start to the end of the run: it keeps one
 * connection open (echo, time), or makes one connection per request (rfc868), and opens a new
 * one after every failure. Each failure is counted once by its {@link ErrorClass}; nothing is
 * logged per request.
 *
 * <p>After a failure with no verified reply since the previous one (a refused or rejected
 * connection), the client waits before trying again: 1 ms, doubling up to 100 ms, counted from
 * the start of the failed attempt — so a dead or full server is probed steadily instead of in a
 * busy loop, while a read timeout (which took its whole timeout) or a failure after progress is
 * retried at once, and the concurrency stays what was asked.
 */
final class LoadClient implements Runnable {

    private static final long MAX_BACKOFF_NANOS = 100_000_000;
    private static final int RFC868_CLOCK_TOLERANCE_SECONDS = 5;

    private final LoadContext ctx;
    private final Pacer pacer;
    private final AtomicLong served = new AtomicLong();
    private final byte[] buffer;
    private boolean attempted;
    private int failureStreak;
    private volatile Socket socket; // the open (or opening) socket, for abort()

    LoadClient(LoadContext ctx, OpenLoopSchedule schedule) {
        this.ctx = ctx;
        this.pacer = new Pacer(schedule);
        this.buffer = new byte[ctx.bulk() ? 256 * 1024 : 16 * 1024];
    }

    /** Verified requests of this client so far. */
    long served() {
        return served.get();
    }

    @Override
    public void run() {
        try {
            while (!ctx.stopping()) {
                long before = served.get();
                long attemptStart = System.nanoTime();
                try {
                    if (ctx.config.protocol() == Protocol.RFC868) rfc868Request();
                    else connection();
                } catch (Failure f) {
                    if (ctx.stopping()) break;
                    ctx.metrics.error(f.kind());
                    if (served.get() == before) backOff(attemptStart);
                }
                if (served.get() != before) failureStreak = 0;
            }
        } catch (RuntimeException | Error e) {
            ctx.clientDied(e); // a bug: fail the run loudly rather than go on with one client fewer
        } finally {
            firstAttemptDone();
        }
    }

    /**
     * Closes this client's socket from another thread, so that a thread blocked in it returns at
     * once (needed for platform threads; a virtual thread's blocking I/O also ends on interrupt).
     */
    void abort() {
        Socket s = socket;
        if (s != null) RequestWriters.closeQuietly(s);
    }

    /** Opens a connection and runs requests on it until it fails or the run stops. */
    private void connection() throws Failure {
        Socket socket = connect();
        ClientSession.RequestWriter writer = null;
        try {
            ClientSession session = ctx.payload != null
                    ? new EchoClientSession(ctx.payload, ctx.newConnectionId())
                    : new TimeClientSession(ctx.config.op(), ctx.config.pipeline(), ctx.metrics::message);
            writer = ctx.bulk()
                    ? new RequestWriters.Threaded(socket, ctx.config.pipeline())
                    : new RequestWriters.Direct(socket.getOutputStream());
            new StreamConnection(ctx, socket, session, writer, pacer, buffer, served::incrementAndGet).run();
        } catch (IOException e) {
            throw Failure.io(e, true, ctx.payload != null);
        } finally {
            if (writer instanceof RequestWriters.Threaded threaded) threaded.close();
            close(socket);
        }
    }

    /** rfc868: connect, read 4 bytes, see EOF; check the time. Latency includes the connect. */
    private void rfc868Request() throws Failure {
        long intended = pacer.nextIntended(System.nanoTime());
        parkUntil(intended);
        if (ctx.stopping()) return;
        long start = System.nanoTime();
        if (pacer.openLoop()) ctx.metrics.lag(start - intended);
        pacer.sent();
        Socket socket = connect();
        int got = 0;
        try {
            TimedReader reader = new TimedReader(socket);
            long deadline = start + ctx.timeoutNanos;
            while (true) {
                int n = reader.read(buffer, got, buffer.length - got, deadline - System.nanoTime());
                if (n == TimedReader.TIMED_OUT) throw Failure.timeout(ctx.timeoutNanos);
                if (n < 0) break;
                got += n;
                if (got > 4) throw new Failure(ErrorClass.PROTOCOL, "rfc868 reply longer than 4 bytes");
            }
            if (got < 4) throw Failure.endOfStream(got == 0, true);
            long done = System.nanoTime();
            long skew = rfc868Skew(Integer.toUnsignedLong(ByteBuffer.wrap(buffer, 0, 4).getInt()), Instant.now());
            if (Math.abs(skew) > RFC868_CLOCK_TOLERANCE_SECONDS) {
                throw new Failure(ErrorClass.MISMATCH, "rfc868 time is " + skew + " s off the client's clock");
            }
            ctx.metrics.reply(done - intended, done - start, 4);
            served.incrementAndGet();
        } catch (IOException e) {
            throw Failure.io(e, got == 0, true);
        } finally {
            close(socket);
        }
    }

    /** Seconds from {@code now} to the RFC 868 value {@code secondsSince1900} (mod 2^32, so it survives 2036). */
    static long rfc868Skew(long secondsSince1900, Instant now) {
        long expected = (now.getEpochSecond() + 2_208_988_800L) & 0xFFFF_FFFFL;
        return (int) (secondsSince1900 - expected);
    }

    /** A connected socket, its connect time recorded; or a connect failure. */
    private Socket connect() throws Failure {
        Socket socket = new Socket();
        this.socket = socket;
        try {
            if (ctx.stopping()) throw new java.net.SocketException("the run is stopping");
            socket.setTcpNoDelay(ctx.config.noDelay());
            long start = System.nanoTime();
            socket.connect(ctx.target, ctx.timeoutMillis);
            ctx.metrics.connected(System.nanoTime() - start);
            ctx.metrics.connectionOpened();
            return socket;
        } catch (IOException e) {
            RequestWriters.closeQuietly(socket);
            if (String.valueOf(e.getMessage()).contains("Too many open files")) {
                // the client's own limit, not the server's fault: fail the run instead of counting it
                throw new IllegalStateException("the load client ran out of file descriptors; raise 'ulimit -n' or use fewer clients", e);
            }
            throw Failure.connect(e);
        } finally {
            firstAttemptDone();
        }
    }

    private void close(Socket socket) {
        RequestWriters.closeQuietly(socket);
        ctx.metrics.connectionClosed();
    }

    private void backOff(long attemptStart) {
        long nanos = Math.min(MAX_BACKOFF_NANOS, 1_000_000L << Math.min(failureStreak, 20));
        failureStreak++;
        parkUntil(attemptStart + nanos);
    }

    private void parkUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0 && !ctx.stopping()) LockSupport.parkNanos(left);
    }

    private void firstAttemptDone() {
        if (!attempted) {
            attempted = true;
            ctx.firstAttempts.countDown();
        }
    }
}
