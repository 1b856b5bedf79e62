package dev.loombench.jmh;

import dev.loombench.protocol.Protocol;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Round trips per model and protocol.
 *
 * <p>What it shows: the cost of one request/reply on a long-lived loopback connection, for every
 * server model ({@code impl}) and the two request/reply protocols. The server runs in this JVM
 * (started once per trial); each JMH thread owns one blocking client connection (TCP_NODELAY,
 * 5 s read timeout) and does closed-loop round trips on it: echo sends 64 bytes carrying its
 * connection id and sequence number and compares the 64 bytes that come back; time sends a TIME
 * frame and decodes the TIME_OK reply. Every reply is checked, and a wrong one throws, so a
 * failure can never be measured as a fast success. {@link #throughput} reports round trips per
 * second, {@link #latency} samples each one and reports the RTT distribution (p50 ... p99.99).
 *
 * <p>What to expect: with one connection there is nothing to share, so the models that block a
 * platform thread in read ({@code single}, {@code thread}, {@code pool}) and the event loops
 * ({@code nio}, {@code netty}, {@code async}) land together: a loopback round trip of about 5 µs median (150–200 k/s on the reference machine,
 * results/jmh/README.md), dominated by two wake-ups through the kernel. {@code virtual} is the
 * outlier, about three times slower (≈ 17 µs median): its blocked read parks the virtual thread,
 * and the request wakes it through the JDK's read poller and then a carrier thread — more
 * hand-offs than a platform thread woken straight by the kernel (with {@code -p pollerMode=1}
 * the gap roughly halves). That is a per-connection price virtual threads pay
 * for scaling to many connections; the load client ({@code bench --clients N}), not this
 * one-connection suite, shows the other side. {@code time} costs about what {@code echo} costs:
 * the codec work is nanoseconds ({@link FrameCodecBenchmark}).
 *
 * <p>Poller modes: {@code -p pollerMode=default,1,2 -p impl=virtual} compares the JDK's two ways of
 * waking a virtual thread blocked in a read (JDK 25: {@code 1} = SYSTEM_THREADS, platform poller
 * threads; {@code 2} = VTHREAD_POLLERS, the Linux default, virtual sub-pollers under one master
 * poller). The default list is {@code default} only, so the full matrix does not triple for
 * models the poller never touches. {@code netty} is the event-loop reference beside them.
 *
 * <p>Threads: the default is one JMH thread, one connection. {@code -t N} gives N concurrent
 * connections, but {@code single} serves one connection at a time and {@code pool} one per worker
 * (16), so those trials fail fast at setup with an explanation instead of hanging.
 *
 * <p>How to run:
 * <pre>
 *   ./bench jmh RoundTripBenchmark
 *   java -jar jmh/target/benchmarks.jar RoundTripBenchmark -p impl=virtual,nio -p protocol=echo
 *   java -jar jmh/target/benchmarks.jar RoundTripBenchmark.latency -t 4 -p impl=thread,virtual,nio
 *   java -jar jmh/target/benchmarks.jar RoundTripBenchmark -p impl=virtual -p protocol=echo -p pollerMode=default,1,2
 * </pre>
 * or run {@link #main} from the IDE.
 */
@State(Scope.Benchmark)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "--enable-native-access=ALL-UNNAMED"}) // Netty loads its epoll library
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RoundTripBenchmark {

    /** Bytes per echo request; 16 or more, so each request carries its connection id and sequence number. */
    static final int ECHO_SIZE = 64;

    /** Every {@link dev.loombench.server.ServerKind}, by CLI name (a test keeps the two in step). */
    @Param({"single", "thread", "pool", "virtual", "nio", "netty", "async"})
    public String impl;

    @Param({"echo", "time"})
    public String protocol;

    /**
     * The virtual-thread poller ({@code -Djdk.pollerMode}): {@code default} leaves the JDK's
     * choice, {@code 1}/{@code 2} (or their names) select one; only {@code virtual} is affected.
     * See {@link PollerModes} for how a parameter becomes a start-up property.
     */
    @Param({"default"})
    public String pollerMode;

    private InProcessServer server;

    @Setup(Level.Trial)
    public void startServer(BenchmarkParams params) throws IOException {
        PollerModes.select(pollerMode);
        server = InProcessServer.start(impl, Protocol.fromCliName(protocol), params.getThreads());
    }

    @TearDown(Level.Trial)
    public void stopServer() {
        if (server != null) server.close();
    }

    /** One connection per JMH thread, opened once per trial. */
    @State(Scope.Thread)
    public static class Connection {
        RoundTripClient client;

        @Setup(Level.Trial)
        public void open(RoundTripBenchmark benchmark) throws IOException {
            var socket = ClientSockets.open(benchmark.server.address());
            try {
                client = switch (Protocol.fromCliName(benchmark.protocol)) {
                    case ECHO -> new EchoClient(socket, ECHO_SIZE);
                    case TIME -> new TimeClient(socket);
                    case RFC868 -> throw new IllegalArgumentException("rfc868 has no round trips; see ConnectionChurnBenchmark");
                };
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            if (client != null) client.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long throughput(Connection connection) throws IOException {
        return connection.client.roundTrip();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long latency(Connection connection) throws IOException {
        return connection.client.roundTrip();
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(RoundTripBenchmark.class.getSimpleName())
                .build();
        new Runner(options).run();
    }
}
