package dev.loombench.fault;

import dev.loombench.protocol.TimeFrames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

/**
 * Well-formed exchanges of each protocol, checked byte for byte: what a fault's clients do
 * before or after misbehaving, and what the fresh client after every fault does. Each throws
 * an {@link IOException} saying what was wrong.
 */
final class Exchanges {

    /** How far an RFC 868 or TIME_OK clock may be from ours. */
    static final long CLOCK_TOLERANCE_SECONDS = 5;

    private Exchanges() {}

    /** {@code n} bytes from a seeded generator: random, yet the same on every run. */
    static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Sends {@code data} and expects exactly it back. */
    static void echo(FaultClient client, byte[] data, Duration timeout) throws IOException {
        client.send(data);
        byte[] back = client.readExactly(data.length, timeout);
        if (!Arrays.equals(data, back)) throw new IOException("echo of " + data.length + " bytes came back different");
    }

    /** Expects the next frame to be of {@code type}; returns its body. */
    static ByteBuffer expect(FaultClient client, int type, Duration timeout) throws IOException {
        FaultClient.Frame frame = client.readFrame(timeout);
        if (frame.type() != type) throw new IOException("expected " + TimeFrames.typeName(type) + ", got " + frame.describe());
        return frame.body();
    }

    /** Expects the next frame to be ERROR {@code code}. */
    static void expectError(FaultClient client, int code, Duration timeout) throws IOException {
        FaultClient.Frame frame = client.readFrame(timeout);
        if (frame.errorCode() != code) throw new IOException("expected ERROR " + code + ", got " + frame.describe());
    }

    /** TIME, and a TIME_OK within {@link #CLOCK_TOLERANCE_SECONDS} of our clock. */
    static void time(FaultClient client, Duration timeout) throws IOException {
        client.send(TimeFrames.empty(TimeFrames.TIME));
        checkTimeOk(expect(client, TimeFrames.TIME_OK, timeout));
    }

    static void checkTimeOk(ByteBuffer body) throws IOException {
        try {
            Instant served = TimeFrames.decodeTimeOk(body).instant();
            if (Math.abs(Duration.between(Instant.now(), served).toSeconds()) > CLOCK_TOLERANCE_SECONDS) {
                throw new IOException("TIME_OK " + served + " is far from our clock");
            }
        } catch (TimeFrames.MalformedBodyException e) {
            throw new IOException("malformed TIME_OK: " + e.getMessage());
        }
    }

    /** LIST; returns how many clients the server reports. */
    static int list(FaultClient client, Duration timeout) throws IOException {
        client.send(TimeFrames.empty(TimeFrames.LIST));
        try {
            return TimeFrames.decodeListOk(expect(client, TimeFrames.LIST_OK, timeout)).size();
        } catch (TimeFrames.MalformedBodyException e) {
            throw new IOException("malformed LIST_OK: " + e.getMessage());
        }
    }

    /** BYE, BYE_OK, then the server closes. */
    static void bye(FaultClient client, Duration timeout) throws IOException {
        client.send(TimeFrames.empty(TimeFrames.BYE));
        expect(client, TimeFrames.BYE_OK, timeout);
        if (client.awaitEnd(timeout) == FaultClient.Ending.STILL_OPEN) throw new IOException("still open after BYE_OK");
    }

    /** RFC 868: four bytes, a time within {@link #CLOCK_TOLERANCE_SECONDS} of ours (mod 2^32). */
    static void rfc868(FaultClient client, Duration timeout) throws IOException {
        long value = Integer.toUnsignedLong(ByteBuffer.wrap(client.readExactly(4, timeout)).getInt());
        long expected = (Instant.now().getEpochSecond() + 2_208_988_800L) & 0xFFFF_FFFFL;
        if (Math.abs((int) (value - expected)) > CLOCK_TOLERANCE_SECONDS) {
            throw new IOException("rfc868 time " + value + " is " + (int) (value - expected) + " s off our clock");
        }
    }
}
