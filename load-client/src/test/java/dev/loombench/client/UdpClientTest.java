package dev.loombench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The UDP client against servers that lose, delay, duplicate, reorder and corrupt datagrams on
 * purpose ({@link MisbehavingUdpServer}): each class is counted exactly as often as it was made,
 * and a lost datagram is a failure in the latency figures at its age, never a success.
 */
@Timeout(60)
class UdpClientTest {

    static final int CLIENTS = 3;
    /** The server misbehaves on sequence numbers below this: five of each kind per client. */
    static final long MISBEHAVE_BELOW = 50;
    static final Duration TIMEOUT = Duration.ofMillis(400);
    static final LoadConfig UDP = LoadConfig.defaults().withClients(CLIENTS).withTimeout(TIMEOUT).withSize(64)
            .withLoops(1).withTransport(Transport.UDP);

    /** Everything the engine recorded since it started, summed over the loops' swaps. */
    static final class Totals {
        final long[] datagrams = new long[DatagramEvent.values().length];
        long verified;
        long censored;
        long lost;
        long corrupted;

        void add(Engine engine) {
            for (EventLoop loop : engine.loops()) {
                LoopRecorder.Records r = loop.recorder.swap();
                for (int i = 0; i < datagrams.length; i++) datagrams[i] += r.datagrams[i];
                verified += r.verified;
                censored += r.censored.getTotalCount();
            }
        }

        long get(DatagramEvent e) {
            return datagrams[e.ordinal()];
        }
    }

    @Test
    void openLoopCountsEveryLostLateDuplicatedReorderedAndCorruptedDatagramExactly() throws Exception {
        Totals t = runUntilSettled(UDP.withRate(CLIENTS * 100)); // 10 ms between a client's datagrams
        long perClient = MISBEHAVE_BELOW / 10;
        assertEquals(CLIENTS * perClient * 2, t.lost, "dropped (...3) and delayed past the timeout (...1)");
        assertEquals(CLIENTS * perClient, t.get(DatagramEvent.LATE), "the delayed ones came back after all");
        assertEquals(CLIENTS * perClient, t.get(DatagramEvent.DUPLICATED), "...5 echoed twice");
        assertEquals(CLIENTS * perClient, t.get(DatagramEvent.REORDERED), "...7 after ...8");
        assertEquals(CLIENTS * perClient, t.corrupted, "...9 altered");
        assertEquals(t.lost + t.corrupted, t.censored, "every lost and corrupted datagram is in the latency at its age");
    }

    @Test
    void closedLoopCountsEachClassExactlyToo() throws Exception {
        Totals t = runUntilSettled(UDP);
        long perClient = MISBEHAVE_BELOW / 10;
        // closed loop: ...8 is sent only once ...7 is lost, so ...7 comes back late instead of reordered
        assertEquals(CLIENTS * perClient * 3, t.lost, "...1, ...3 and ...7");
        assertEquals(CLIENTS * perClient * 2, t.get(DatagramEvent.LATE), "...1 and ...7");
        assertEquals(CLIENTS * perClient, t.get(DatagramEvent.DUPLICATED));
        assertEquals(0, t.get(DatagramEvent.REORDERED), "one datagram outstanding cannot be reordered");
        assertEquals(CLIENTS * perClient, t.corrupted);
    }

    /** Totals of a run against the misbehaving server, taken once every client is past its misbehaviour. */
    private Totals runUntilSettled(LoadConfig config) throws Exception {
        try (MisbehavingUdpServer server = new MisbehavingUdpServer(MISBEHAVE_BELOW, TIMEOUT.plusMillis(300));
             Engine engine = Engine.start(config, server.address())) {
            Totals t = new Totals();
            // every client well past the misbehaving datagrams, and every delayed reply out and read since
            await(() -> engine.clients().stream().allMatch(c -> c.served() > MISBEHAVE_BELOW + 20) && server.quiet());
            long served = engine.verified();
            await(() -> engine.verified() > served + CLIENTS * 10L);
            t.add(engine);
            Metrics.Totals errors = engine.metrics.totals();
            t.lost = errors.errors()[ErrorClass.LOST.ordinal()];
            t.corrupted = errors.errors()[ErrorClass.CORRUPTED.ordinal()];
            return t;
        }
    }

    @Test
    void aServerThatAnswersNothingLosesEveryDatagramAndTheLossIsInTheLatency() throws Exception {
        try (DatagramChannel blackHole = DatagramChannel.open()) {
            blackHole.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            LoadConfig config = UDP.withPhases(Duration.ZERO, Duration.ofMillis(1500)).withTimeout(Duration.ofMillis(200));
            RunResult r = new LoadGenerator(config, (InetSocketAddress) blackHole.getLocalAddress(), null, null)
                    .run("black-hole", config, Map.of());
            assertEquals(0, r.totalRequests(), "nothing came back, nothing succeeded");
            long lost = r.errors().get(ErrorClass.LOST);
            assertTrue(lost >= CLIENTS, "lost " + lost);
            assertEquals(lost, r.totalErrors(), "lost is the only failure: " + r.errors());
            assertEquals(lost + CLIENTS, r.censored(), "lost, and one outstanding per client at the end");
            assertEquals(r.censored(), r.latency().getTotalCount(), "every one of them in the latency");
            assertTrue(r.latency().getValueAtPercentile(50) >= Duration.ofMillis(200).toNanos(), "lost at their age");
            DatagramCounts d = r.datagrams();
            assertEquals(lost, d.lost());
            assertEquals(1.0, d.lossRate());
            assertTrue(d.sent() >= lost, d.toString());
        }
    }

    @Test
    void rfc868RepliesAnswerTheOldestDatagramAndAreChecked() throws Exception {
        try (DatagramChannel server = DatagramChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread replier = Thread.ofPlatform().start(() -> {
                ByteBuffer in = ByteBuffer.allocate(1024);
                long now1900 = System.currentTimeMillis() / 1000 + 2_208_988_800L;
                try {
                    for (int n = 0; ; n++) {
                        var sender = server.receive(in.clear());
                        ByteBuffer reply = ByteBuffer.allocate(5).putInt((int) now1900);
                        reply.flip();
                        if (n % 4 == 3) reply.limit(5); // every fourth reply 5 bytes long: corrupted
                        server.send(reply, sender);
                    }
                } catch (java.io.IOException e) {
                    // closed
                }
            });
            // counted since the engine started and read once it stopped: the phases' edges cannot cut a class apart
            Totals t = new Totals();
            Engine engine = Engine.start(UDP.withProtocol(Protocol.RFC868).withClients(1), (InetSocketAddress) server.getLocalAddress());
            try {
                await(() -> engine.verified() > 400);
            } finally {
                engine.close();
            }
            t.add(engine);
            Metrics.Totals errors = engine.metrics.totals();
            server.close();
            replier.join(5000);
            long corrupted = errors.errors()[ErrorClass.CORRUPTED.ordinal()];
            assertEquals(corrupted, errors.errorCount(), "corrupted is the only failure");
            assertEquals(0, t.get(DatagramEvent.LATE) + t.get(DatagramEvent.DUPLICATED), "nothing late or twice");
            // a quarter of the replies are bad, and each bad one fails its own request, censored at its age
            assertEquals(t.verified / 3.0, corrupted, 1.5, t.verified + " verified, " + corrupted + " corrupted");
            // ... plus the one datagram the single client may still have had out when the engine stopped
            assertTrue(t.censored == corrupted || t.censored == corrupted + 1, t.censored + " censored, " + corrupted + " corrupted");
        }
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError("not within 30 s");
            Thread.sleep(10);
        }
    }
}
