package dev.loombench.cli;

import dev.loombench.client.LoadConfig;
import dev.loombench.client.TimeOp;
import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.Transport;
import dev.loombench.run.CpuSet;
import dev.loombench.run.Pinning;
import dev.loombench.serve.DurationConverter;
import dev.loombench.server.PollerMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The load options shared by {@code run} and {@code sweep}: everything about the load but the
 * number of clients and the phase lengths, which each command sets with its own defaults (a
 * sweep runs many cells, so its phases are shorter). Defaults come from {@link LoadConfig#defaults()}.
 */
public final class LoadOptions {

    private static final LoadConfig DEFAULTS = LoadConfig.defaults();

    @Option(names = "--connect-rate", paramLabel = "N", description = "clients started per second while ramping up; 0 = all at once (default: 0)")
    double connectRate = DEFAULTS.connectRate();

    @Option(names = "--timeout", paramLabel = "DUR", converter = DurationConverter.class,
            description = "per request and per connect: a reply not in time is a read-timeout, and the connection is reopened"
                    + " (default: 5s); over udp a datagram not back in time is lost (default: 1s)")
    Duration timeout;

    @Option(names = "--size", paramLabel = "BYTES", converter = SizeConverter.class,
            description = "echo: request payload, 1 byte to 64MiB, e.g. 64, 16k, 64MiB (default: 64)")
    Integer size;

    @Option(names = "--op", paramLabel = "OP", converter = RunCommand.TimeOpConverter.class,
            description = "time: time, name, list, send (to another client; MESSAGEs verified too) or mix (default: time)")
    TimeOp op;

    @Option(names = "--pipeline", paramLabel = "K", description = "requests in flight per connection, echo and time (default: 1)")
    int pipeline = DEFAULTS.pipeline();

    @Option(names = "--rate", paramLabel = "REQ/S", description = "open loop: requests/s in total on a fixed schedule, latency from the intended send time; 0 = closed loop (default: 0)")
    double rate = DEFAULTS.rate();

    @Option(names = "--no-nodelay", description = "leave Nagle's algorithm on (TCP_NODELAY off) on client sockets")
    boolean noNodelay;

    @Option(names = "--client-loops", paramLabel = "N",
            description = "event-loop threads of the load client; 0 = one per CPU the client may use (default: 0)")
    int loops = DEFAULTS.loops();

    @Option(names = "--client-cpus", paramLabel = "LIST", converter = CpuListConverter.class,
            description = "CPUs for the load client, taskset-style (e.g. 1 or 2-3); default: the other half of the CPUs")
    CpuSet clientCpus;

    @Option(names = "--server-cpus", paramLabel = "LIST", converter = CpuListConverter.class,
            description = "CPUs for the child server, taskset-style; default: the first half of the CPUs")
    CpuSet serverCpus;

    @Option(names = "--no-pin", description = "do not pin client and child server to separate CPUs")
    boolean noPin;

    @Option(names = "--server-jvm-args", paramLabel = "ARGS", description = "JVM options for the child server, split on spaces, e.g. \"-Xmx512m -XX:+UseZGC\"")
    String serverJvmArgs = "";

    @Option(names = "--poller-mode", paramLabel = "MODE",
            description = "virtual: the child server's virtual-thread poller, as -Djdk.pollerMode=MODE (JDK 25: 1 or SYSTEM_THREADS,"
                    + " 2 or VTHREAD_POLLERS, its default); checked against the JDK in use before any run and recorded with"
                    + " the results (default: the JDK's)")
    String pollerMode;

    @Option(names = "--ready-timeout", paramLabel = "DUR", converter = DurationConverter.class,
            description = "how long the child server may take to print its ready line (default: 30s)")
    Duration readyTimeout = Duration.ofSeconds(30);

    /** The load, checked; throws IllegalArgumentException (exit 2) on settings that cannot be honoured. */
    public LoadConfig toConfig(Protocol protocol, int clients, Duration warmup, Duration duration) {
        return toConfig(protocol, Transport.TCP, clients, warmup, duration);
    }

    /** The load over {@code transport}, checked; throws IllegalArgumentException (exit 2) on settings that cannot be honoured. */
    public LoadConfig toConfig(Protocol protocol, Transport transport, int clients, Duration warmup, Duration duration) {
        if (size != null && protocol != Protocol.ECHO) throw new IllegalArgumentException("--size applies to --protocol echo only");
        if (op != null && protocol != Protocol.TIME) throw new IllegalArgumentException("--op applies to --protocol time only");
        Duration perRequest = timeout != null ? timeout : transport == Transport.UDP ? LoadConfig.UDP_TIMEOUT : DEFAULTS.timeout();
        return new LoadConfig(protocol, clients, connectRate, warmup, duration, perRequest,
                size == null ? DEFAULTS.size() : size, op == null ? DEFAULTS.op() : op, pipeline, rate, !noNodelay,
                loops, transport);
    }

    /**
     * Where the client and a child server run ({@code withChildServer}) or only the client ({@code --target}).
     *
     * @throws IllegalArgumentException (exit 2) on CPU sets outside this process's CPUs, or {@code --no-pin} with sets
     */
    public Pinning pinning(boolean withChildServer) {
        if (noPin) {
            if (clientCpus != null || serverCpus != null) throw new IllegalArgumentException("--no-pin and --client-cpus/--server-cpus contradict each other");
            return Pinning.none("--no-pin");
        }
        if (!withChildServer && serverCpus != null) throw new IllegalArgumentException("--server-cpus needs a child server; with --target pin the server yourself");
        CpuSet allowed = Pinning.allowedCpus();
        return withChildServer ? Pinning.forChildServer(allowed, clientCpus, serverCpus) : Pinning.forTarget(allowed, clientCpus);
    }

    /** Parses a taskset-style CPU list. */
    public static final class CpuListConverter implements picocli.CommandLine.ITypeConverter<CpuSet> {
        @Override
        public CpuSet convert(String value) {
            try {
                return CpuSet.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --server-jvm-args}, split on spaces, then {@code -Djdk.pollerMode} for {@code --poller-mode}. */
    public List<String> jvmArgs() {
        List<String> args = new ArrayList<>(Arrays.stream(serverJvmArgs.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
        if (pollerMode != null) args.add("-D" + PollerMode.PROPERTY + "=" + pollerMode);
        return List.copyOf(args);
    }

    public Duration readyTimeout() {
        return readyTimeout;
    }
}
