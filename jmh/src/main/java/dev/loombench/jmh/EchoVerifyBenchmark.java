package dev.loombench.jmh;

import dev.loombench.protocol.EchoPayload;
import java.nio.ByteBuffer;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Echo verification: checking one echo reply against the request that was sent.
 *
 * <p>What it shows: that checking every echo reply byte for byte, as the load engine and
 * {@link EchoClient} do, is affordable. Both benchmarks run the codec's check,
 * {@link EchoPayload#mismatch}, on one whole reply of {@code size} bytes: the 16-byte header
 * (connection id, sequence number) compared byte by byte, the rest against the payload's fill
 * pattern in bulk. {@link #heapReply} reads the reply from a heap buffer, where the bulk compare is
 * {@link java.util.Arrays#mismatch(byte[], int, int, byte[], int, int)} (a vectorized intrinsic);
 * {@link #directReply} from a direct buffer, as the load engine's event loops read, where it
 * compares eight bytes per step with {@link ByteBuffer#getLong(int)}. The reply is correct, so every
 * byte is compared (the worst case: a match); a difference throws.
 *
 * <p>What to expect: tens of nanoseconds at most for 64 bytes either way, where the header
 * dominates. At 4096 bytes the bulk compare dominates, and the direct buffer's eight bytes per
 * step take several times the heap intrinsic's time, which compares a vector register at a time.
 * Either way the check stays well below a loopback round trip ({@link RoundTripBenchmark},
 * microseconds; at 64 bytes, the round trips' size, by two orders of magnitude): verification
 * does not distort the figures.
 *
 * <p>How to run:
 * <pre>
 *   ./bench jmh EchoVerifyBenchmark
 *   java -jar jmh/target/benchmarks.jar EchoVerifyBenchmark -p size=65536
 * </pre>
 * or run {@link #main} from the IDE.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EchoVerifyBenchmark {

    @Param({"64", "4096"})
    public int size;

    private EchoPayload payload;
    private final byte[] header = new byte[EchoPayload.HEADER];
    private ByteBuffer heap;
    private ByteBuffer direct;

    @Setup(Level.Trial)
    public void setUp() {
        payload = new EchoPayload(size);
        payload.header(1, 42, header);
        byte[] reply = payload.request(1, 42);
        heap = ByteBuffer.wrap(reply);
        direct = ByteBuffer.allocateDirect(size).put(reply).flip();
    }

    @Benchmark
    public int heapReply() {
        return verify(heap);
    }

    @Benchmark
    public int directReply() {
        return verify(direct);
    }

    private int verify(ByteBuffer reply) {
        int at = payload.mismatch(header, 0, reply, 0, size);
        if (at >= 0) throw new IllegalStateException("reply differs at byte " + at);
        return at;
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(EchoVerifyBenchmark.class.getSimpleName())
                .build();
        new Runner(options).run();
    }
}
