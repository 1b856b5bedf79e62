package dev.loombench.client;

import dev.loombench.protocol.Protocol;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the clients of one run share: the configuration, the target, the metrics, the echo
 * payload, and the stop flag. Thread-safe.
 */
final class LoadContext {

    /** In-flight request bytes above which a connection writes from a companion thread (see {@link RequestWriters}). */
    static final int DIRECT_WRITE_LIMIT = 64 * 1024;

    final LoadConfig config;
    final InetSocketAddress target;
    final Metrics metrics;
    final EchoPayload payload; // null unless echo
    final long timeoutNanos;
    final int timeoutMillis;
    /** Counted down once by each client after its first connect attempt, however it ended. */
    final CountDownLatch firstAttempts;
    private final AtomicLong connectionIds = new AtomicLong();
    private final AtomicReference<Throwable> bug = new AtomicReference<>();
    private volatile boolean stopping;

    LoadContext(LoadConfig config, InetSocketAddress target, Metrics metrics) {
        this.config = config;
        this.target = target;
        this.metrics = metrics;
        this.payload = config.protocol() == Protocol.ECHO ? new EchoPayload(config.size()) : null;
        this.timeoutNanos = config.timeout().toNanos();
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis());
        this.firstAttempts = new CountDownLatch(config.clients());
    }

    /** A run-wide unique id for a new connection (echo requests carry it). */
    long newConnectionId() {
        return connectionIds.incrementAndGet();
    }

    /** True when requests in flight may exceed what socket buffers surely absorb while nobody reads. */
    boolean bulk() {
        return payload != null && (long) payload.size() * config.pipeline() > DIRECT_WRITE_LIMIT;
    }

    boolean stopping() {
        return stopping;
    }

    void stop() {
        stopping = true;
    }

    /** A client thread died of an unexpected exception (a bug): the run must not go on with fewer clients. */
    void clientDied(Throwable t) {
        bug.compareAndSet(null, t);
    }

    /** The first unexpected exception of a client thread, or null. */
    Throwable clientBug() {
        return bug.get();
    }
}
