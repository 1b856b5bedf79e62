package dev.loombench.jmh;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Thread costs: platform versus virtual threads, without any I/O.
 *
 * <p>What it shows: the two costs a thread-per-connection server pays that an event loop does
 * not. {@link #startJoin} starts a thread that does nothing and waits for it to end — the
 * per-connection cost of the {@code thread} and {@code virtual} models. {@link #pingPong} passes
 * a token back and forth between two threads of the same kind through {@link SynchronousQueue}s —
 * one block/wake-up each way, as when a request wakes a server thread and the reply wakes the
 * client. The JMH thread only starts a batch of {@value #ROUND_TRIPS} round trips and waits
 * for it, so the score is per round trip between the two threads of the kind under test.
 *
 * <p>What to expect: a platform thread is an OS thread — a clone() system call, a stack mapping,
 * and a futex wake-up to join — so {@code startJoin} takes tens of microseconds (or more on a
 * busy machine) for {@code platform}, and about 5 µs for {@code virtual} (a heap-allocated
 * continuation scheduled on a carrier thread): an order of magnitude apart. {@code pingPong}
 * between platform threads costs two kernel wake-ups per round trip (around a microsecond or
 * several, depending on the OS scheduler); between virtual threads it is two continuation
 * switches on the carrier pool, about 0.5 µs and steady. On a 2-core machine shared with other
 * work, the platform figures are by far the noisier ones.
 *
 * <p>How to run:
 * <pre>
 *   ./bench jmh ThreadCostBenchmark
 *   java -jar jmh/target/benchmarks.jar ThreadCostBenchmark.startJoin -p kind=virtual
 * </pre>
 * or run {@link #main} from the IDE.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ThreadCostBenchmark {

    static final int ROUND_TRIPS = 1000;
    private static final Runnable NOTHING = () -> {};

    @Param({"platform", "virtual"})
    public String kind;

    private Thread.Builder builder;

    /** Unnamed, so one builder may be shared by the threads it starts. */
    Thread.Builder builder() {
        return switch (kind) {
            case "platform" -> Thread.ofPlatform().daemon(true);
            case "virtual" -> Thread.ofVirtual();
            default -> throw new IllegalArgumentException("kind must be platform or virtual, was " + kind);
        };
    }

    @Setup(Level.Trial)
    public void setUp() {
        builder = builder();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Thread startJoin() throws InterruptedException {
        Thread thread = builder.start(NOTHING);
        thread.join();
        return thread;
    }

    /** Two threads of the kind under test passing a token back and forth, in batches. */
    @State(Scope.Thread)
    public static class PingPong {
        private final SynchronousQueue<Integer> batch = new SynchronousQueue<>();
        private final SynchronousQueue<Integer> done = new SynchronousQueue<>();
        private final SynchronousQueue<Integer> ping = new SynchronousQueue<>();
        private final SynchronousQueue<Integer> pong = new SynchronousQueue<>();
        private Thread pinger;
        private Thread ponger;

        @Setup(Level.Trial)
        public void start(ThreadCostBenchmark benchmark) {
            Thread.Builder builder = benchmark.builder();
            ponger = builder.start(this::pong);
            pinger = builder.start(this::ping);
        }

        /** Plays each batch; answers with the number of round trips that returned the token sent. */
        private void ping() {
            try {
                while (true) {
                    int rounds = batch.take();
                    int ok = 0;
                    for (int i = 0; i < rounds; i++) {
                        int token = i & 127; // boxed from the Integer cache: no allocation per hand-off
                        ping.put(token);
                        if (pong.take() == token) ok++;
                    }
                    done.put(ok);
                }
            } catch (InterruptedException e) {
                // torn down
            }
        }

        private void pong() {
            try {
                while (true) pong.put(ping.take());
            } catch (InterruptedException e) {
                // torn down
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            pinger.interrupt();
            ponger.interrupt();
            pinger.join();
            ponger.join();
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int pingPong(PingPong pair) throws InterruptedException {
        pair.batch.put(ROUND_TRIPS);
        int ok = pair.done.take();
        if (ok != ROUND_TRIPS) throw new IllegalStateException(ok + " of " + ROUND_TRIPS + " round trips returned their token");
        return ok;
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(ThreadCostBenchmark.class.getSimpleName())
                .build();
        new Runner(options).run();
    }
}
