package dev.loombench.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Both sides of echo and RFC 868 over UDP: the server's reply in place, the client's reading of it. */
class DatagramCodecTest {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    static ByteBuffer request(DatagramClientCodec codec, long seq) {
        ByteBuffer out = ByteBuffer.allocate(Transport.MAX_DATAGRAM);
        codec.encode(seq, out);
        return out.flip();
    }

    @Test
    void anEchoedDatagramNamesItsRequestAndIsIntact() {
        EchoDatagramCodec codec = new EchoDatagramCodec(new EchoPayload(100), 7);
        ByteBuffer datagram = request(codec, 41);
        assertEquals(100, datagram.remaining());
        assertTrue(DatagramResponder.echo(Fixtures.context()).respond(datagram));
        assertEquals(41, codec.sequenceOf(datagram));
        assertTrue(codec.intact(datagram, 41));
        assertFalse(codec.intact(datagram, 40), "the header names request 41, not 40");
        assertEquals(0, datagram.position(), "reading a reply leaves it alone");
    }

    @Test
    void anAlteredShortenedOrLengthenedEchoIsNotIntact() {
        EchoDatagramCodec codec = new EchoDatagramCodec(new EchoPayload(100), 7);
        ByteBuffer flipped = request(codec, 3);
        flipped.put(60, (byte) (flipped.get(60) ^ 1));
        assertEquals(3, codec.sequenceOf(flipped), "the header is intact, so the request is known");
        assertFalse(codec.intact(flipped, 3));
        assertFalse(codec.intact(request(codec, 3).limit(99), 3), "shorter");
        ByteBuffer longer = ByteBuffer.allocate(101).put(request(codec, 3)).put((byte) 0).flip();
        assertFalse(codec.intact(longer, 3), "longer");
    }

    @Test
    void aDatagramOfAnotherClientOrTooShortNamesNoRequest() {
        ByteBuffer others = request(new EchoDatagramCodec(new EchoPayload(64), 8), 5);
        EchoDatagramCodec mine = new EchoDatagramCodec(new EchoPayload(64), 7);
        assertEquals(DatagramClientCodec.UNKNOWN, mine.sequenceOf(others));
        assertEquals(DatagramClientCodec.UNKNOWN, mine.sequenceOf(ByteBuffer.allocate(15)));
        assertEquals(DatagramClientCodec.UNKNOWN, mine.sequenceOf(ByteBuffer.allocate(0)));
    }

    @Test
    void echoOverUdpNeedsRoomForTheHeaderAndFitsInADatagram() {
        assertThrows(IllegalArgumentException.class, () -> new EchoDatagramCodec(new EchoPayload(15), 1));
        assertThrows(IllegalArgumentException.class, () -> new EchoDatagramCodec(new EchoPayload(Transport.MAX_DATAGRAM + 1), 1));
        new EchoDatagramCodec(new EchoPayload(Transport.MAX_DATAGRAM), 1);
    }

    @Test
    void rfc868RequestsAreEmptyAndAnyDatagramGetsFourBytesNearNow() {
        ServerContext context = Fixtures.context(Fixtures.MAX_FRAME, java.time.Duration.ZERO, NOW);
        Rfc868DatagramCodec codec = new Rfc868DatagramCodec(Clock.fixed(NOW.plusSeconds(3), ZoneOffset.UTC));
        assertEquals(0, request(codec, 0).remaining(), "RFC 868 asks with an empty datagram");
        ByteBuffer datagram = ByteBuffer.allocate(64).put(new byte[] {1, 2, 3}).flip();
        assertTrue(DatagramResponder.rfc868(context).respond(datagram));
        assertEquals(4, datagram.remaining());
        assertEquals(DatagramClientCodec.OLDEST, codec.sequenceOf(datagram), "the reply names no request");
        assertTrue(codec.intact(datagram, 0), "3 s off is within the tolerance");
        Rfc868DatagramCodec farAway = new Rfc868DatagramCodec(Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));
        assertFalse(farAway.intact(datagram, 0), "60 s off is not");
        assertFalse(codec.intact(ByteBuffer.allocate(5).put(datagram.duplicate()).put((byte) 0).flip(), 0), "5 bytes");
    }

    @Test
    void echoRepliesWithTheSameBytesEvenEmpty() {
        ByteBuffer empty = ByteBuffer.allocate(4).flip();
        assertTrue(DatagramResponder.echo(Fixtures.context()).respond(empty));
        assertEquals(0, empty.remaining());
        byte[] bytes = {9, 8, 7};
        ByteBuffer some = ByteBuffer.wrap(bytes.clone());
        DatagramResponder.echo(Fixtures.context()).respond(some);
        assertArrayEquals(bytes, some.array());
    }

    @Test
    void timeHasNoDatagramForm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Protocol.TIME.datagramResponder(Fixtures.context()));
        assertTrue(e.getMessage().contains("no UDP form"), e.getMessage());
        assertFalse(Protocol.TIME.hasDatagramForm());
        assertTrue(Protocol.ECHO.hasDatagramForm() && Protocol.RFC868.hasDatagramForm());
    }
}
