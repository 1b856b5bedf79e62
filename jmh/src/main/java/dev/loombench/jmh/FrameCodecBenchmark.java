package dev.loombench.jmh;

import dev.loombench.protocol.FrameDecoder;
import dev.loombench.protocol.ServerContext;
import dev.loombench.protocol.TimeFrames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code time} frame codec: decoding and encoding, no sockets.
 *
 * <p>What it shows: what the shared protocol code costs per frame, to put the round-trip figures
 * in proportion. {@link #decodePipelined} feeds {@value #FRAMES} pipelined TIME_OK frames to a
 * {@link FrameDecoder} as one read (every frame is handed over as a slice, no copy);
 * {@link #decodeSplitReads} feeds the same bytes in reads of {@value #CHUNK} bytes, so every
 * 17-byte frame straddles a read boundary and is gathered into a buffer of its own. Both decode
 * each TIME_OK body and fail unless all frames came out. The {@code encode*} benchmarks build one
 * frame in a new buffer with {@link TimeFrames}, as the server does for each reply (TIME_OK); the
 * client codecs write requests (TIME, SEND) into reused buffers instead, so for them these figures
 * are an upper bound.
 *
 * <p>What to expect: a few nanoseconds per frame for whole reads, several times more (tens of
 * nanoseconds) for split reads (an allocation and two copies per frame), and 5–15 ns per encoded
 * frame (the buffer allocation; SEND also encodes its text as UTF-8). That is two to three orders
 * of magnitude below a loopback round trip, so codec cost never decides between the models.
 *
 * <p>How to run:
 * <pre>
 *   ./bench jmh FrameCodecBenchmark
 *   java -jar jmh/target/benchmarks.jar FrameCodecBenchmark -prof gc
 * </pre>
 * or run {@link #main} from the IDE.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FrameCodecBenchmark {

    static final int FRAMES = 64;
    static final int CHUNK = 16;

    private final Instant now = Instant.parse("2025-01-01T12:00:00.123456789Z");
    private final FrameDecoder decoder = new FrameDecoder(ServerContext.DEFAULT_MAX_FRAME);
    private final FrameDecoder.FrameHandler handler = this::onFrame;
    private ByteBuffer stream;
    private ByteBuffer[] chunks;
    private int frames;
    private long checksum;

    @Setup(Level.Trial)
    public void setUp() {
        ByteBuffer one = TimeFrames.timeOk(now);
        stream = ByteBuffer.allocate(one.remaining() * FRAMES);
        for (int i = 0; i < FRAMES; i++) stream.put(one.duplicate());
        stream.flip();
        chunks = new ByteBuffer[(stream.remaining() + CHUNK - 1) / CHUNK];
        for (int i = 0; i < chunks.length; i++) {
            int from = i * CHUNK;
            chunks[i] = stream.slice(from, Math.min(CHUNK, stream.limit() - from));
        }
    }

    private boolean onFrame(int type, ByteBuffer body) throws IOException {
        if (type != TimeFrames.TIME_OK) throw new WrongReplyException("decoded " + TimeFrames.typeName(type));
        try {
            checksum += TimeFrames.decodeTimeOk(body).nano();
        } catch (TimeFrames.MalformedBodyException e) {
            throw new WrongReplyException(e.getMessage());
        }
        frames++;
        return true;
    }

    private long expectAllFrames() throws IOException {
        if (frames != FRAMES || decoder.hasPartialFrame()) {
            throw new WrongReplyException("decoded " + frames + " of " + FRAMES + " frames");
        }
        frames = 0;
        return checksum;
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long decodePipelined() throws IOException {
        decoder.feed(stream.rewind(), handler);
        return expectAllFrames();
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long decodeSplitReads() throws IOException {
        for (ByteBuffer chunk : chunks) decoder.feed(chunk.rewind(), handler);
        return expectAllFrames();
    }

    @Benchmark
    public ByteBuffer encodeTimeRequest() {
        return TimeFrames.empty(TimeFrames.TIME);
    }

    @Benchmark
    public ByteBuffer encodeTimeOk() {
        return TimeFrames.timeOk(now);
    }

    @Benchmark
    public ByteBuffer encodeSend() {
        return TimeFrames.send(42, "hello from the benchmark");
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(FrameCodecBenchmark.class.getSimpleName())
                .build();
        new Runner(options).run();
    }
}
