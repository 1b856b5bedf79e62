package dev.loombench.fault;

import dev.loombench.protocol.BadReplyException;
import dev.loombench.protocol.ClientCodec;
import dev.loombench.protocol.EchoClientCodec;
import dev.loombench.protocol.EchoPayload;
import dev.loombench.protocol.Rfc868ClientCodec;
import dev.loombench.protocol.TimeFrames;
import dev.loombench.protocol.TimeLoadCodec;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Well-formed exchanges of each protocol, verified by the protocols' client codecs (the load
 * engine's checks): what a fault's clients do before or after misbehaving, and what the fresh
 * client after every fault does. Each throws an {@link IOException} saying what was wrong; a reply
 * a codec rejected carries its {@link BadReplyException} as the cause.
 */
final class Exchanges {

    private static final AtomicLong CONNECTION_IDS = new AtomicLong();

    private Exchanges() {}

    /** {@code n} bytes from a seeded generator: random, yet the same on every run. */
    static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** One echo request of {@code size} bytes (id, sequence, pattern), its reply compared byte for byte. */
    static void echo(FaultClient client, int size, Duration timeout) throws IOException {
        exchange(client, new EchoClientCodec(new EchoPayload(size), CONNECTION_IDS.incrementAndGet()), timeout);
    }

    /** Sends {@code data}, a fault's own bytes (random on purpose), and expects exactly them back. */
    static void echoBytes(FaultClient client, byte[] data, Duration timeout) throws IOException {
        client.send(data);
        byte[] back = client.readExactly(data.length, timeout);
        if (!Arrays.equals(data, back)) throw new IOException("echo of " + data.length + " bytes came back different");
    }

    /** RFC 868: four bytes, a time near our clock, then the server's close. */
    static void rfc868(FaultClient client, Duration timeout) throws IOException {
        exchange(client, new Rfc868ClientCodec(), timeout);
    }

    /** TIME, and a TIME_OK near our clock. */
    static void time(FaultClient client, Duration timeout) throws IOException {
        client.time().request(TimeFrames.TIME);
        timeOk(client.time().reply(timeout));
    }

    /** Checks that {@code reply} is a TIME_OK near our clock. */
    static void timeOk(TimeEvent.Reply reply) throws IOException {
        try {
            TimeLoadCodec.verifyTimeOk(ok(reply));
        } catch (BadReplyException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** LIST; returns how many clients the server reports. */
    static int list(FaultClient client, Duration timeout) throws IOException {
        client.time().request(TimeFrames.LIST);
        try {
            return TimeFrames.decodeListOk(ok(client.time().reply(timeout))).size();
        } catch (TimeFrames.MalformedBodyException e) {
            throw new IOException("malformed LIST_OK: " + e.getMessage());
        }
    }

    /** BYE, BYE_OK, then the server closes. */
    static void bye(FaultClient client, Duration timeout) throws IOException {
        client.time().request(TimeFrames.BYE);
        ok(client.time().reply(timeout));
        if (client.awaitEnd(timeout) == FaultClient.Ending.STILL_OPEN) throw new IOException("still open after BYE_OK");
    }

    /** Expects the next reply to be ERROR {@code code}. */
    static void expectError(FaultClient client, int code, Duration timeout) throws IOException {
        TimeEvent.Reply reply = client.time().reply(timeout);
        if (reply.errorCode() != code) throw new IOException("expected ERROR " + code + ", got " + reply.describe());
    }

    /** The body of a reply that is not an ERROR (the codec has matched its type to the request). */
    static ByteBuffer ok(TimeEvent.Reply reply) throws IOException {
        if (reply.type() == TimeFrames.ERROR) {
            throw new IOException(reply.describe() + " in reply to " + TimeFrames.typeName(reply.requestType()));
        }
        return reply.body();
    }

    /**
     * Makes one request of {@code codec} and reads until its reply is verified, within
     * {@code timeout}. An RFC 868 reply ends with the server's close; a reset right after its four
     * bytes (what a server closing with bytes of ours unread sends) ends it too.
     *
     * @throws java.net.SocketTimeoutException if the reply is not complete in time
     * @throws EOFException if the server closed before a whole reply (echo, rfc868: refused)
     */
    private static void exchange(FaultClient client, ClientCodec codec, Duration timeout) throws IOException {
        codec.nextRequest();
        byte[] request = new byte[8 * 1024];
        ByteBuffer out = ByteBuffer.wrap(request);
        boolean done;
        do {
            done = codec.encode(out.clear());
            client.send(request, out.position());
        } while (!done);
        Verified verified = new Verified();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!verified.ok) {
                ByteBuffer got;
                try {
                    got = client.read(deadline, (codec.fresh() ? "no reply" : "reply not complete (rfc868: not closed after it)")
                            + " in " + timeout.toMillis() + " ms");
                } catch (SocketException e) {
                    if (codec.onEndOfStream(verified)) return;
                    throw e;
                }
                if (got != null) {
                    codec.onInput(got, verified);
                } else if (!codec.onEndOfStream(verified)) {
                    throw new EOFException(codec.fresh() ? "server closed the connection before replying"
                            : "server closed the connection in the middle of a reply");
                }
            }
        } catch (BadReplyException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Notes the one reply of an {@link #exchange}. */
    private static final class Verified implements ClientCodec.Replies {
        boolean ok;

        @Override
        public void ok(int replyBytes) {
            ok = true;
        }

        @Override
        public void failed(BadReplyException.Kind kind) {
            throw new IllegalStateException("an echo or rfc868 request cannot fail alone: " + kind);
        }
    }
}
