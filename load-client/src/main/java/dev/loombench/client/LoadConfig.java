package dev.loombench.client;

import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.Transport;
import java.time.Duration;

/**
 * The shape of the load, with every default in one place ({@link #defaults()}). Immutable; the
 * compact constructor refuses settings that cannot be honoured with a user-facing
 * {@link IllegalArgumentException} (the CLI turns it into exit code 2).
 *
 * @param protocol    what the server speaks
 * @param clients     concurrent client connections (rfc868: concurrent request loops, each
 *                    request a new connection)
 * @param connectRate new clients started per second while ramping up; 0 = all at once
 * @param warmup      load before the measured phase, not measured
 * @param duration    the measured phase
 * @param timeout     per request (and per connect): a reply not complete this long after its
 *                    send is a read timeout; the connection is then closed and reopened
 * @param size        echo: request payload bytes (1 .. 64 MiB)
 * @param op          time: which request to make
 * @param pipeline    requests in flight per connection (echo, time)
 * @param rate        open loop: requests/s in total on a fixed schedule; 0 = closed loop
 * @param noDelay     TCP_NODELAY on client sockets
 * @param loops       event-loop threads that run the connections; 0 = one per CPU this process may
 *                    use ({@link #resolvedLoops()})
 * @param transport   TCP connections, or UDP datagrams (echo and rfc868; each client its own socket;
 *                    a datagram not back within {@code timeout} is lost)
 */
public record LoadConfig(Protocol protocol, int clients, double connectRate, Duration warmup, Duration duration,
                         Duration timeout, int size, TimeOp op, int pipeline, double rate, boolean noDelay,
                         int loops, Transport transport) {

    public static final int MAX_SIZE = 64 * 1024 * 1024;
    /**
     * UDP, open loop: the most datagrams the clients may have to remember in flight at once
     * ({@code rate x timeout}) before any can be declared lost.
     */
    public static final long MAX_UDP_IN_FLIGHT = 2_000_000;
    /**
     * UDP: the {@code --timeout} when none is given. A datagram that is not back is lost, so it is declared
     * lost soon — on loopback a reply comes within milliseconds or not at all — and a run of a few seconds
     * counts its losses as lost rather than as unanswered at the end.
     */
    public static final Duration UDP_TIMEOUT = Duration.ofSeconds(1);
    /** Length of one reporting interval. */
    public static final Duration INTERVAL = Duration.ofSeconds(1);

    public LoadConfig {
        require(clients >= 1, "--clients must be >= 1, was " + clients);
        require(connectRate >= 0, "--connect-rate must be >= 0 (0 = all at once), was " + connectRate);
        require(!warmup.isNegative(), "--warmup must not be negative");
        require(duration.isPositive(), "--duration must be positive");
        require(timeout.toMillis() >= 1, "--timeout must be at least 1ms");
        require(size >= 1 && size <= MAX_SIZE, "--size must be 1 .. " + MAX_SIZE + " bytes (64 MiB), was " + size);
        require(pipeline >= 1, "--pipeline must be >= 1, was " + pipeline);
        require(protocol != Protocol.RFC868 || pipeline == 1,
                "--pipeline does not apply to rfc868: every request is a new connection");
        require(op != TimeOp.SEND || clients >= 2, "--op send needs --clients 2 or more: a client SENDs to another client");
        require(loops >= 0, "--client-loops must be >= 1, or 0 for one per CPU, was " + loops);
        require(rate >= 0 && Double.isFinite(rate), "--rate must be >= 0 (0 = closed loop), was " + rate);
        if (transport == Transport.UDP) udp(protocol, size, pipeline, rate, timeout);
        if (rate > 0) {
            double periodNanos = OpenLoopSchedule.periodNanos(rate, clients);
            require(periodNanos <= duration.toNanos(), String.format(
                    "--rate %s over %d clients asks each connection for one request every %.3f s, longer than"
                            + " --duration %s: the per-connection rate rounds to zero. Raise --rate or use fewer --clients.",
                    rate, clients, periodNanos / 1e9, duration));
            require(periodNanos >= 1_000, String.format(
                    "--rate %s over %d clients asks each connection for a request every %.0f ns; no connection can"
                            + " keep that up. Use more --clients.", rate, clients, periodNanos));
        }
    }

    /** A TCP load. */
    public LoadConfig(Protocol protocol, int clients, double connectRate, Duration warmup, Duration duration,
                      Duration timeout, int size, TimeOp op, int pipeline, double rate, boolean noDelay, int loops) {
        this(protocol, clients, connectRate, warmup, duration, timeout, size, op, pipeline, rate, noDelay, loops, Transport.TCP);
    }

    /** What UDP cannot do, refused with the reason (PROTOCOL.md §4). */
    private static void udp(Protocol protocol, int size, int pipeline, double rate, Duration timeout) {
        require(protocol.hasDatagramForm(), Protocol.NO_UDP);
        require(protocol != Protocol.ECHO || size >= dev.loombench.protocol.EchoPayload.HEADER, "--size over UDP must be at least "
                + dev.loombench.protocol.EchoPayload.HEADER + " bytes: each datagram carries its client id and sequence number"
                + " (two longs), so a lost, late, duplicated or reordered one can be told; was " + size);
        require(protocol != Protocol.ECHO || size <= Transport.MAX_DATAGRAM, String.format(java.util.Locale.ROOT,
                "--size over UDP must be at most %,d bytes: that is all a UDP datagram carries over IPv4 (65,535 bytes"
                        + " minus the 20-byte IP and 8-byte UDP headers); was %,d", Transport.MAX_DATAGRAM, size));
        require(pipeline == 1, "--pipeline does not apply over UDP: closed loop keeps one datagram outstanding per client;"
                + " use --rate for an open loop, which sends whatever is outstanding");
        require(rate * timeout.toNanos() / 1e9 <= MAX_UDP_IN_FLIGHT, String.format(java.util.Locale.ROOT,
                "--rate %s with --timeout %s keeps up to %,.0f datagrams in flight before any can be declared lost,"
                        + " more than the client remembers (%,d); lower --timeout", rate, timeout,
                rate * timeout.toNanos() / 1e9, MAX_UDP_IN_FLIGHT));
    }

    /** 10 clients, all at once, 5 s warm-up, 20 s measured, 5 s timeout, 64-byte echo, closed loop, loops per CPU. */
    public static LoadConfig defaults() {
        return new LoadConfig(Protocol.ECHO, 10, 0, Duration.ofSeconds(5), Duration.ofSeconds(20),
                Duration.ofSeconds(5), 64, TimeOp.TIME, 1, 0, true, 0);
    }

    /**
     * The event loops to run: {@link #loops} if set, else one per CPU this process may use now (so a
     * client pinned to one core runs one loop), never more than there are clients.
     */
    public int resolvedLoops() {
        int n = loops > 0 ? loops : Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(n, clients));
    }

    public LoadConfig withLoops(int n) {
        return new LoadConfig(protocol, clients, connectRate, warmup, duration, timeout, size, op, pipeline, rate, noDelay, n, transport);
    }

    public boolean openLoop() {
        return rate > 0;
    }

    public LoadConfig withProtocol(Protocol p) {
        return new LoadConfig(p, clients, connectRate, warmup, duration, timeout, size, op, pipeline, rate, noDelay, loops, transport);
    }

    public LoadConfig withClients(int n) {
        return new LoadConfig(protocol, n, connectRate, warmup, duration, timeout, size, op, pipeline, rate, noDelay, loops, transport);
    }

    public LoadConfig withPhases(Duration warm, Duration measured) {
        return new LoadConfig(protocol, clients, connectRate, warm, measured, timeout, size, op, pipeline, rate, noDelay, loops, transport);
    }

    public LoadConfig withTimeout(Duration t) {
        return new LoadConfig(protocol, clients, connectRate, warmup, duration, t, size, op, pipeline, rate, noDelay, loops, transport);
    }

    public LoadConfig withSize(int bytes) {
        return new LoadConfig(protocol, clients, connectRate, warmup, duration, timeout, bytes, op, pipeline, rate, noDelay, loops, transport);
    }

    public LoadConfig withOp(TimeOp o) {
        return new LoadConfig(protocol, clients, connectRate, warmup, duration, timeout, size, o, pipeline, rate, noDelay, loops, transport);
    }

    public LoadConfig withPipeline(int k) {
        return new LoadConfig(protocol, clients, connectRate, warmup, duration, timeout, size, op, k, rate, noDelay, loops, transport);
    }

    public LoadConfig withRate(double r) {
        return new LoadConfig(protocol, clients, connectRate, warmup, duration, timeout, size, op, pipeline, r, noDelay, loops, transport);
    }

    public LoadConfig withConnectRate(double r) {
        return new LoadConfig(protocol, clients, r, warmup, duration, timeout, size, op, pipeline, rate, noDelay, loops, transport);
    }

    public LoadConfig withNoDelay(boolean on) {
        return new LoadConfig(protocol, clients, connectRate, warmup, duration, timeout, size, op, pipeline, rate, on, loops, transport);
    }

    /** This load over {@code t}. */
    public LoadConfig withTransport(Transport t) {
        return new LoadConfig(protocol, clients, connectRate, warmup, duration, timeout, size, op, pipeline, rate, noDelay, loops, t);
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
