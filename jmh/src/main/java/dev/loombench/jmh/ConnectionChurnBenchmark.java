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
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Connection churn: one RFC 868 connection per operation.
 *
 * <p>What it shows: what it costs a model to accept, serve and tear down a connection. Each
 * operation connects to the in-process {@code rfc868} server, reads the 4-byte time, sees EOF
 * and closes — no request at all, so everything measured is the connection's life cycle on both
 * sides: the kernel's handshake and teardown, accept(), and whatever the model does per
 * connection (nothing for {@code single}, a new platform thread for {@code thread}, a queue
 * hand-off for {@code pool}, a new virtual thread for {@code virtual}, a channel registration
 * for {@code nio}). A refused connection (EOF before 4 bytes), extra bytes or an implausible
 * time throws.
 *
 * <p>What to expect: the kernel work (two sockets, handshake, FIN exchange) sets a floor of
 * about 20 µs per connection, which {@code nio} and {@code single} — no thread started per
 * connection — come close to. {@code pool} adds a queue hand-off and {@code virtual} a virtual
 * thread start plus its poller wake-ups (≈ 40 µs median on the reference machine);
 * {@code thread} pays the most — starting and ending a platform thread per connection
 * ({@link ThreadCostBenchmark#startJoin}) — about 75 µs median with a p99 in milliseconds.
 * Many short connections leave the server side's sockets in TIME_WAIT; that is normal.
 *
 * <p>Threads: every model, {@code single} included, can take {@code -t N} here, because no
 * connection is held: the connections simply queue in the listen backlog.
 *
 * <p>How to run:
 * <pre>
 *   ./bench jmh ConnectionChurnBenchmark
 *   java -jar jmh/target/benchmarks.jar ConnectionChurnBenchmark.throughput -t 2 -p impl=thread,virtual
 * </pre>
 * or run {@link #main} from the IDE.
 */
@State(Scope.Benchmark)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "--enable-native-access=ALL-UNNAMED"}) // Netty loads its epoll library
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ConnectionChurnBenchmark {

    /** Every {@link dev.loombench.server.ServerKind}, by CLI name (a test keeps the two in step). */
    @Param({"single", "thread", "pool", "virtual", "nio", "netty", "async"})
    public String impl;

    private InProcessServer server;
    private Rfc868Client client;

    @Setup(Level.Trial)
    public void startServer() throws IOException {
        server = InProcessServer.start(impl, Protocol.RFC868, 0);
        client = new Rfc868Client(server.address());
    }

    @TearDown(Level.Trial)
    public void stopServer() {
        if (server != null) server.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long throughput() throws IOException {
        return client.fetch();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long latency() throws IOException {
        return client.fetch();
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(ConnectionChurnBenchmark.class.getSimpleName())
                .build();
        new Runner(options).run();
    }
}
