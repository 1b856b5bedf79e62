package dev.loombench.serve;

import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.Transport;
import dev.loombench.server.ServerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The server options shared by {@code serve} and {@code run} (which passes them to its child
 * server). Defaults come from {@link ServerConfig#defaults()}, the one place they are set.
 */
public final class ServerOptions {

    private static final ServerConfig DEFAULTS = ServerConfig.defaults();

    @Option(names = "--protocol", paramLabel = "P", description = "echo, time or rfc868 (default: ${DEFAULT-VALUE})",
            converter = ProtocolConverter.class, defaultValue = "echo")
    Protocol protocol;

    @Option(names = "--transport", paramLabel = "T", converter = TransportConverter.class, defaultValue = "tcp",
            description = "tcp, or udp for echo and rfc868 as datagrams (default: ${DEFAULT-VALUE})")
    Transport transport;

    @Option(names = "--rcvbuf", paramLabel = "BYTES",
            description = "udp: SO_RCVBUF to ask for, capped by net.core.rmem_max; the ready line says what was granted; 0 = the system default (default: 0)")
    int rcvbuf = DEFAULTS.receiveBuffer();

    @Option(names = "--bind", paramLabel = "ADDR", description = "address to bind (default: ${DEFAULT-VALUE}; serving other hosts needs an explicit address)")
    String bind = DEFAULTS.bind();

    @Option(names = "--port", paramLabel = "N", description = "port to listen on; 0 picks a free one, printed in the ready line (default: ${DEFAULT-VALUE})")
    int port = DEFAULTS.port();

    @Option(names = "--backlog", paramLabel = "N", description = "listen backlog (default: ${DEFAULT-VALUE}; capped by net.core.somaxconn)")
    int backlog = DEFAULTS.backlog();

    @Option(names = "--buffer", paramLabel = "BYTES", description = "read buffer per connection (default: ${DEFAULT-VALUE}; udp receives into 64 KiB, any datagram)")
    int buffer = DEFAULTS.bufferSize();

    @Option(names = "--idle-timeout", paramLabel = "DUR", converter = DurationConverter.class,
            description = "close connections silent this long; 0 = never (default: 0; udp thread: a peer's thread ends after this, 5s when 0)")
    Duration idleTimeout = DEFAULTS.idleTimeout();

    @Option(names = "--write-timeout", paramLabel = "DUR", converter = DurationConverter.class,
            description = "close a connection whose output cannot progress this long, e.g. a client that never reads (default: 10s)")
    Duration writeTimeout = DEFAULTS.writeTimeout();

    @Option(names = "--max-connections", paramLabel = "N",
            description = "refuse connections past N live ones (time: ERROR 4; echo/rfc868: closed at once); 0 = no limit (default: ${DEFAULT-VALUE}; udp thread: live peers)")
    int maxConnections = DEFAULTS.maxConnections();

    @Option(names = "--pool-size", paramLabel = "N", description = "pool: worker threads (default: ${DEFAULT-VALUE})")
    int poolSize = DEFAULTS.poolSize();

    @Option(names = "--queue", paramLabel = "N|unbounded", converter = QueueConverter.class,
            description = "pool: connections that may wait for a worker before new ones are refused (default: unbounded;"
                    + " udp: datagrams that may wait, past it dropped and counted, 1024 when unbounded)")
    int queue = DEFAULTS.queue();

    @Option(names = "--think", paramLabel = "DUR", converter = DurationConverter.class,
            description = "simulated blocking work per request (I/O), slept on the serving thread: the event loop in nio and netty (default: 0)")
    Duration think = DEFAULTS.think();

    @Option(names = "--spin", paramLabel = "DUR", converter = DurationConverter.class,
            description = "simulated CPU-bound work per request (computation), on the serving thread, where --think is;"
                    + " both may be combined (default: 0)")
    Duration spin = DEFAULTS.spin();

    @Option(names = "--loops", paramLabel = "N",
            description = "nio, netty, async: event loops (nio: selector threads; netty: worker loops beside one acceptor;"
                    + " async: the channel group's threads) (default: 1 for nio, the available processors for netty and async)")
    int loops = DEFAULTS.loops();

    @Option(names = "--max-frame", paramLabel = "BYTES", description = "time: largest frame length accepted (default: ${DEFAULT-VALUE})")
    int maxFrame = DEFAULTS.maxFrame();

    @Option(names = "--max-output", paramLabel = "BYTES",
            description = "nio, netty, async: unsent output per connection before it is closed (default: ${DEFAULT-VALUE})")
    int maxOutput = DEFAULTS.maxOutputBytes();

    /** The protocol chosen ({@code run} drives its load in the same one). */
    public Protocol protocol() {
        return protocol;
    }

    /** The transport chosen ({@code run} drives its load over the same one). */
    public Transport transport() {
        return transport;
    }

    /** The resolved configuration; throws IllegalArgumentException with a user-facing message on bad values. */
    public ServerConfig toConfig() {
        if (loops < 1 && loops != ServerConfig.DEFAULT_LOOPS) throw new IllegalArgumentException("--loops must be >= 1, was " + loops);
        return new ServerConfig(protocol, bind, port, backlog, buffer, idleTimeout, writeTimeout,
                maxConnections, poolSize, queue, think, maxFrame, maxOutput, spin, loops, transport, rcvbuf);
    }

    /** The {@code serve} arguments that reproduce {@code config} (how {@code run} starts its child server). */
    public static List<String> toArgs(ServerConfig config) {
        List<String> args = new ArrayList<>(List.of(
                "--protocol", config.protocol().cliName(),
                "--bind", config.bind(),
                "--port", Integer.toString(config.port()),
                "--backlog", Integer.toString(config.backlog()),
                "--buffer", Integer.toString(config.bufferSize()),
                "--idle-timeout", Durations.format(config.idleTimeout()),
                "--write-timeout", Durations.format(config.writeTimeout()),
                "--max-connections", Integer.toString(config.maxConnections()),
                "--pool-size", Integer.toString(config.poolSize()),
                "--queue", QueueConverter.format(config.queue()),
                "--think", Durations.format(config.think()),
                "--max-frame", Integer.toString(config.maxFrame()),
                "--max-output", Integer.toString(config.maxOutputBytes()),
                "--spin", Durations.format(config.spin())));
        if (config.loops() != ServerConfig.DEFAULT_LOOPS) args.addAll(List.of("--loops", Integer.toString(config.loops())));
        if (config.transport() != Transport.TCP) args.addAll(List.of("--transport", config.transport().cliName()));
        if (config.receiveBuffer() != 0) args.addAll(List.of("--rcvbuf", Integer.toString(config.receiveBuffer())));
        return args;
    }

    /** Parses {@code echo|time|rfc868}. */
    public static final class ProtocolConverter implements picocli.CommandLine.ITypeConverter<Protocol> {
        @Override
        public Protocol convert(String value) {
            try {
                return Protocol.fromCliName(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Parses {@code tcp|udp}. */
    public static final class TransportConverter implements picocli.CommandLine.ITypeConverter<Transport> {
        @Override
        public Transport convert(String value) {
            try {
                return Transport.fromCliName(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Parses a queue bound: a number >= 0 or {@code unbounded}. */
    public static final class QueueConverter implements picocli.CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            if (value.equalsIgnoreCase("unbounded")) return ServerConfig.UNBOUNDED;
            try {
                int n = Integer.parseInt(value);
                if (n >= 0) return n;
            } catch (NumberFormatException ignored) {
                // falls through to the message below
            }
            throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a queue bound; use a number >= 0 or 'unbounded'");
        }

        static String format(int queue) {
            return queue == ServerConfig.UNBOUNDED ? "unbounded" : Integer.toString(queue);
        }
    }
}
