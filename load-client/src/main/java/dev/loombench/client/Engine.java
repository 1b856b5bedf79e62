package dev.loombench.client;

import dev.loombench.protocol.ClientCodec;
import dev.loombench.protocol.DatagramClientCodec;
import dev.loombench.protocol.EchoDatagramCodec;
import dev.loombench.protocol.EchoClientCodec;
import dev.loombench.protocol.EchoPayload;
import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.Rfc868ClientCodec;
import dev.loombench.protocol.Rfc868DatagramCodec;
import dev.loombench.protocol.Transport;
import dev.loombench.protocol.TimeLoadCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The load engine: {@code --clients} {@link LoadClient}s (over UDP, {@link UdpClient}s) spread round-robin over
 * {@link LoadConfig#resolvedLoops()} {@link EventLoop} threads ({@code loombench-loop-<i>}), started
 * all at once or at {@code --connect-rate}, running until {@link #close}. What the phases of a run
 * need from it: the first connect attempt of every client ({@link #firstAttempts}), an end of the
 * measured phase that the loops themselves watch ({@link #endPhaseAt}, so the phase lasts exactly
 * as long as asked however late the sampling thread wakes), and the loops' recorders to swap.
 *
 * <p>Usage: {@code try (Engine engine = Engine.start(config, target)) { ... }} — {@link LoadGenerator}
 * adds the phases and the sampling, {@link SteadyLoad} runs it open-ended. Thread-safe.
 */
final class Engine implements AutoCloseable {

    /** Receive/send buffer of each loop: large for bulk echo, so a big request needs few system calls. */
    private static final int BUFFER = 64 * 1024;
    private static final int BULK_BUFFER = 256 * 1024;

    final LoadConfig config;
    final InetSocketAddress target;
    final Metrics metrics = new Metrics();
    final long timeoutNanos;
    final boolean rfc868;
    /** Over UDP the clients are {@link UdpClient}s. */
    final boolean udp;
    /** Counted down once by each client when its first connect attempt ended, however it ended. */
    final CountDownLatch firstAttempts;
    private final EchoPayload payload; // null unless echo
    private final AtomicLong connectionIds;
    private final AtomicReference<Throwable> bug = new AtomicReference<>();
    private final List<EventLoop> loops = new ArrayList<>();
    private final List<LoopClient> clients = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    /** UDP: the local ports of the clients' sockets, for the kernel's drop counters ({@link UdpDrops}). */
    private final java.util.Set<Integer> udpPorts = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** How often each loop checks its clients' timeouts: a twentieth of the timeout, 1–100 ms. */
    final long tickNanos;
    private volatile boolean stopping;
    /**
     * The end of the measured phase; until it is set, a time ~146 years ahead. No flag says whether it
     * is set: a branch the loops have never taken while the JIT profiled them would, when the phase
     * starts, throw their compiled code away ("unstable if") and recompile it — in the measured
     * phase, on the client's own core. With a far end, every test of it goes the same way until the
     * phase really ends.
     */
    private volatile long end = System.nanoTime() + Long.MAX_VALUE / 2;
    private volatile CountDownLatch phaseClosed = new CountDownLatch(0);

    private Engine(LoadConfig config, InetSocketAddress target, long connectionIdBase) {
        this.config = config;
        this.connectionIds = new AtomicLong(connectionIdBase);
        this.target = target;
        this.timeoutNanos = config.timeout().toNanos();
        this.tickNanos = Math.clamp(timeoutNanos / 20, 1_000_000L, 100_000_000L);
        this.rfc868 = config.protocol() == Protocol.RFC868;
        this.udp = config.transport() == Transport.UDP;
        this.payload = config.protocol() == Protocol.ECHO ? new EchoPayload(config.size()) : null;
        this.firstAttempts = new CountDownLatch(config.clients());
    }

    /** Creates the loops and clients and starts the loops' threads; the clients start at once or at the connect rate. */
    static Engine start(LoadConfig config, InetSocketAddress target) {
        return start(config, target, 0);
    }

    /**
     * As {@link #start(LoadConfig, InetSocketAddress)}, the connections numbered from
     * {@code connectionIdBase + 1} on (echo carries the number in every request): client processes
     * that load one server together give each its own range ({@code --client-id}).
     */
    static Engine start(LoadConfig config, InetSocketAddress target, long connectionIdBase) {
        Engine engine = new Engine(config, target, connectionIdBase);
        try {
            int bufferBytes = engine.payload != null && engine.payload.size() > BUFFER ? BULK_BUFFER : BUFFER;
            for (int i = 0; i < config.resolvedLoops(); i++) engine.loops.add(new EventLoop(engine, bufferBytes));
            long start = System.nanoTime();
            for (int i = 0; i < config.clients(); i++) {
                long startAt = config.connectRate() > 0 ? start + Math.round(i * 1e9 / config.connectRate()) : start;
                OpenLoopSchedule schedule = config.openLoop() ? OpenLoopSchedule.of(startAt, config.rate(), config.clients(), i) : null;
                EventLoop loop = engine.loops.get(i % engine.loops.size());
                LoopClient client = engine.udp ? new UdpClient(i, loop, engine, schedule) : new LoadClient(i, loop, engine, schedule);
                engine.clients.add(client);
                loop.add(client, startAt);
            }
            for (int i = 0; i < engine.loops.size(); i++) {
                engine.threads.add(Thread.ofPlatform().name("loombench-loop-" + i).start(engine.loops.get(i)));
            }
            return engine;
        } catch (IOException e) {
            engine.close();
            throw new UncheckedIOException("could not open a selector for the load engine", e);
        }
    }

    /** The protocol's codec for a new connection. */
    ClientCodec newCodec() {
        long id = connectionIds.incrementAndGet();
        return switch (config.protocol()) {
            case ECHO -> new EchoClientCodec(payload, id);
            case TIME -> new TimeLoadCodec(config.op().requestTypes(), config.pipeline(), metrics::message, id);
            case RFC868 -> new Rfc868ClientCodec();
        };
    }

    /** UDP: the protocol's datagram codec for a new client, with an id of its own. */
    DatagramClientCodec newDatagramCodec() {
        long id = connectionIds.incrementAndGet();
        return rfc868 ? new Rfc868DatagramCodec() : new EchoDatagramCodec(payload, id);
    }

    /**
     * UDP: how many datagrams each client remembers ({@link DatagramWindow}). Closed loop: a few, to
     * tell duplicates from late replies. Open loop: more than it can send within the timeout, so a
     * send is never held back by datagrams not yet old enough to be lost.
     */
    int datagramWindow() {
        if (!config.openLoop()) return 64;
        double perClient = config.rate() / config.clients() * config.timeout().toNanos() / 1e9;
        return (int) Math.min(1 << 26, Math.ceil(perClient * 1.25) + 16);
    }

    /** UDP: a client's socket is bound to {@code port}. */
    void udpPortOpened(int port) {
        udpPorts.add(port);
    }

    /** UDP: the local ports of the clients' sockets so far. */
    java.util.Set<Integer> udpPorts() {
        return udpPorts;
    }

    List<LoopClient> clients() {
        return clients;
    }

    List<EventLoop> loops() {
        return loops;
    }

    boolean stopping() {
        return stopping;
    }

    /** A failure at {@code at}: counted by class unless the run is stopping or the measured phase is over. */
    void error(ErrorClass kind, long at) {
        if (!stopping && !pastEnd(at)) metrics.error(kind);
    }

    /**
     * Ends the measured phase at {@code endNanos}: the loops record nothing after it and censor what
     * is unanswered then. A loop waits at most {@link #tickNanos} before it looks at the end again, so
     * only an end nearer than that wakes the loops (a wakeup is a selector event the loops' compiled
     * code has not seen before: see {@link #end}).
     */
    void endPhaseAt(long endNanos) {
        phaseClosed = new CountDownLatch(loops.size());
        end = endNanos;
        if (endNanos - System.nanoTime() <= tickNanos) loops.forEach(EventLoop::wakeup);
    }

    /** The end of the measured phase, or a time far ahead until {@link #endPhaseAt} set it. */
    long end() {
        return end;
    }

    /** True once {@code at} is at or after the end of the measured phase (never before it is set). */
    boolean pastEnd(long at) {
        return at - end >= 0;
    }

    /** A loop has censored what its clients left unanswered at the end. */
    void phaseClosed() {
        phaseClosed.countDown();
    }

    /** Waits until every loop has closed the phase; false if one has not within {@code nanos}. */
    boolean awaitPhaseClosed(long nanos) throws InterruptedException {
        return phaseClosed.await(nanos, TimeUnit.NANOSECONDS);
    }

    /** A loop died of an unexpected exception (a bug, or the client ran out of descriptors): the run must not go on. */
    void clientDied(Throwable t) {
        bug.compareAndSet(null, t);
    }

    /** The first unexpected exception of a loop, or null. */
    Throwable clientBug() {
        return bug.get();
    }

    /** Verified requests of all clients so far. */
    long verified() {
        long sum = 0;
        for (LoopClient client : clients) sum += client.served();
        return sum;
    }

    /** Stops recording, then every loop (their connections close); returns when their threads ended. Idempotent. */
    @Override
    public void close() {
        stopping = true;
        metrics.close();
        loops.forEach(EventLoop::wakeup);
        boolean interrupted = false;
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
