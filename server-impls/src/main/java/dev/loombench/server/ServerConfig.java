package dev.loombench.server;

import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.ServerContext;
import dev.loombench.protocol.Transport;
import java.time.Duration;

/**
 * Every server option, with the defaults in one place ({@link #defaults()}). Immutable; the
 * {@code with*} methods return modified copies. The same record is printed at start-up and
 * copied into every result file.
 *
 * @param protocol       what the server speaks
 * @param bind           address to bind; loopback unless the user says otherwise
 * @param port           port to bind; 0 picks a free one (read it back from {@link Server#localAddress})
 * @param backlog        listen backlog (the kernel also caps it at net.core.somaxconn)
 * @param bufferSize     read buffer per connection, bytes
 * @param idleTimeout    close a connection silent this long; {@link Duration#ZERO} = never
 * @param writeTimeout   close a connection whose pending output cannot progress this long
 *                       (a client that never reads); also bounds how long a SEND can wait for its target
 * @param maxConnections refuse connections past this many live ones (server full); 0 = no limit
 * @param poolSize       worker threads of the {@code pool} model
 * @param queue          {@code pool} only: connections waiting for a worker before new ones are
 *                       refused; {@link #UNBOUNDED} = never refuse
 * @param think          simulated blocking work per request (a sleep), same in every model
 * @param maxFrame       largest {@code time} frame length accepted
 * @param maxOutputBytes per-connection output that may wait unsent before the connection is closed
 *                       (event-loop and asynchronous models; blocking models are bounded by the socket buffer)
 * @param spin           simulated CPU-bound work per request (computation), same place as {@code think}
 * @param loops          event loops of {@code nio}, {@code netty} and {@code async}; {@link #DEFAULT_LOOPS}
 *                       = the model's default ({@link ServerKind#loops}); other models take no loops
 * @param transport      TCP connections, or UDP datagrams (echo and rfc868 only; PROTOCOL.md §4)
 * @param receiveBuffer  UDP: SO_RCVBUF to ask for, bytes (the kernel caps it at net.core.rmem_max; the
 *                       server reports what it granted); 0 = the system default
 */
public record ServerConfig(Protocol protocol, String bind, int port, int backlog, int bufferSize,
                           Duration idleTimeout, Duration writeTimeout, int maxConnections,
                           int poolSize, int queue, Duration think, int maxFrame, int maxOutputBytes,
                           Duration spin, int loops, Transport transport, int receiveBuffer) {

    public static final int UNBOUNDED = -1;
    /** {@code loops} left to the model: 1 for {@code nio}, the available processors for {@code netty} and {@code async}. */
    public static final int DEFAULT_LOOPS = 0;
    /** UDP: how long a peer's thread ({@code thread} model) waits for its next datagram when {@code idleTimeout} is 0. */
    public static final Duration UDP_PEER_IDLE = Duration.ofSeconds(5);
    /** UDP: the {@code pool} queue bound when {@code queue} is unbounded (a flood must not grow memory without bound). */
    public static final int UDP_QUEUE = 1024;

    public ServerConfig {
        require(port >= 0 && port <= 65535, "port must be 0..65535, was " + port);
        require(backlog >= 1, "backlog must be >= 1, was " + backlog);
        require(bufferSize >= 16, "buffer must be >= 16 bytes, was " + bufferSize);
        require(!idleTimeout.isNegative(), "idle-timeout must not be negative");
        require(writeTimeout.isPositive(), "write-timeout must be positive");
        require(maxConnections >= 0, "max-connections must be >= 0 (0 = no limit), was " + maxConnections);
        require(poolSize >= 1, "pool-size must be >= 1, was " + poolSize);
        require(queue >= UNBOUNDED, "queue must be >= 0, or unbounded");
        require(!think.isNegative(), "think must not be negative");
        require(maxFrame >= 1, "max-frame must be >= 1, was " + maxFrame);
        require(maxOutputBytes >= bufferSize, "max-output must be >= buffer size");
        require(!spin.isNegative(), "spin must not be negative");
        require(loops >= DEFAULT_LOOPS, "loops must be >= 1, was " + loops);
        require(transport != Transport.UDP || protocol.hasDatagramForm(), Protocol.NO_UDP);
        require(receiveBuffer >= 0, "rcvbuf must be >= 0 (0 = the system default), was " + receiveBuffer);
        require(receiveBuffer == 0 || transport == Transport.UDP, "--rcvbuf applies to --transport udp");
    }

    /** A TCP configuration with {@code spin} and {@code loops}. */
    public ServerConfig(Protocol protocol, String bind, int port, int backlog, int bufferSize,
                        Duration idleTimeout, Duration writeTimeout, int maxConnections,
                        int poolSize, int queue, Duration think, int maxFrame, int maxOutputBytes,
                        Duration spin, int loops) {
        this(protocol, bind, port, backlog, bufferSize, idleTimeout, writeTimeout, maxConnections, poolSize, queue,
                think, maxFrame, maxOutputBytes, spin, loops, Transport.TCP, 0);
    }

    /** A TCP configuration with no {@code spin} and the models' default {@code loops}. */
    public ServerConfig(Protocol protocol, String bind, int port, int backlog, int bufferSize,
                        Duration idleTimeout, Duration writeTimeout, int maxConnections,
                        int poolSize, int queue, Duration think, int maxFrame, int maxOutputBytes) {
        this(protocol, bind, port, backlog, bufferSize, idleTimeout, writeTimeout, maxConnections, poolSize, queue,
                think, maxFrame, maxOutputBytes, Duration.ZERO, DEFAULT_LOOPS, Transport.TCP, 0);
    }

    /** The documented defaults: echo on 127.0.0.1, ephemeral port, no think time, no limits but safe buffers. */
    public static ServerConfig defaults() {
        return new ServerConfig(Protocol.ECHO, "127.0.0.1", 0, 1024, 16 * 1024,
                Duration.ZERO, Duration.ofSeconds(10), 0, 16, UNBOUNDED, Duration.ZERO,
                ServerContext.DEFAULT_MAX_FRAME, 1024 * 1024);
    }

    /** A fresh shared context (client registry, clock, host name) for one server instance. */
    public ServerContext newContext() {
        return ServerContext.of(maxFrame, think, spin);
    }

    /**
     * How often the event-loop and asynchronous models check their connections' timeouts: a
     * quarter of the shortest timeout in force, between 10 ms and 1 s.
     */
    public Duration timeoutTick() {
        long shortest = idleTimeout.isPositive() ? Math.min(idleTimeout.toNanos(), writeTimeout.toNanos()) : writeTimeout.toNanos();
        return Duration.ofNanos(Math.clamp(shortest / 4, Duration.ofMillis(10).toNanos(), Duration.ofSeconds(1).toNanos()));
    }

    /**
     * Pending output above which an event-loop or asynchronous connection stops reading (backpressure):
     * {@code min(4 × bufferSize, maxOutputBytes − bufferSize)}, so one more read cannot push the echo
     * of it past {@code maxOutputBytes}.
     */
    public int outputHighWater() {
        return (int) Math.min(4L * bufferSize, (long) maxOutputBytes - bufferSize);
    }

    public ServerConfig withProtocol(Protocol p) {
        return new ServerConfig(p, bind, port, backlog, bufferSize, idleTimeout, writeTimeout, maxConnections, poolSize, queue, think, maxFrame, maxOutputBytes, spin, loops, transport, receiveBuffer);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(protocol, bind, p, backlog, bufferSize, idleTimeout, writeTimeout, maxConnections, poolSize, queue, think, maxFrame, maxOutputBytes, spin, loops, transport, receiveBuffer);
    }

    public ServerConfig withPool(int size, int queueBound) {
        return new ServerConfig(protocol, bind, port, backlog, bufferSize, idleTimeout, writeTimeout, maxConnections, size, queueBound, think, maxFrame, maxOutputBytes, spin, loops, transport, receiveBuffer);
    }

    public ServerConfig withMaxConnections(int max) {
        return new ServerConfig(protocol, bind, port, backlog, bufferSize, idleTimeout, writeTimeout, max, poolSize, queue, think, maxFrame, maxOutputBytes, spin, loops, transport, receiveBuffer);
    }

    public ServerConfig withTimeouts(Duration idle, Duration write) {
        return new ServerConfig(protocol, bind, port, backlog, bufferSize, idle, write, maxConnections, poolSize, queue, think, maxFrame, maxOutputBytes, spin, loops, transport, receiveBuffer);
    }

    public ServerConfig withThink(Duration t) {
        return new ServerConfig(protocol, bind, port, backlog, bufferSize, idleTimeout, writeTimeout, maxConnections, poolSize, queue, t, maxFrame, maxOutputBytes, spin, loops, transport, receiveBuffer);
    }

    public ServerConfig withLimits(int frame, int output) {
        return new ServerConfig(protocol, bind, port, backlog, bufferSize, idleTimeout, writeTimeout, maxConnections, poolSize, queue, think, frame, output, spin, loops, transport, receiveBuffer);
    }

    public ServerConfig withSpin(Duration s) {
        return new ServerConfig(protocol, bind, port, backlog, bufferSize, idleTimeout, writeTimeout, maxConnections, poolSize, queue, think, maxFrame, maxOutputBytes, s, loops, transport, receiveBuffer);
    }

    public ServerConfig withLoops(int n) {
        return new ServerConfig(protocol, bind, port, backlog, bufferSize, idleTimeout, writeTimeout, maxConnections, poolSize, queue, think, maxFrame, maxOutputBytes, spin, n, transport, receiveBuffer);
    }

    /** This configuration over {@code t}; over UDP with {@code rcvbuf} bytes of SO_RCVBUF asked for (0 = system default). */
    public ServerConfig withTransport(Transport t, int rcvbuf) {
        return new ServerConfig(protocol, bind, port, backlog, bufferSize, idleTimeout, writeTimeout, maxConnections, poolSize, queue, think, maxFrame, maxOutputBytes, spin, loops, t, rcvbuf);
    }

    /** UDP {@code thread} model: how long a peer's thread waits for its next datagram before it ends. */
    public Duration udpPeerIdle() {
        return idleTimeout.isPositive() ? idleTimeout : UDP_PEER_IDLE;
    }

    /** UDP {@code pool} model: datagrams that may wait for a worker; past it one is dropped and counted. */
    public int udpQueueBound() {
        return queue == UNBOUNDED ? UDP_QUEUE : queue;
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
