package dev.loombench.protocol;

import static dev.loombench.protocol.Fixtures.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Rfc868SessionTest {

    /** Expected values worked out independently: (epochSecond + 2208988800) mod 2^32, in hex. */
    @ParameterizedTest
    @CsvSource({
            "1900-01-01T00:00:00Z,          00000000",
            "1970-01-01T00:00:00Z,          83AA7E80",
            "2024-05-06T07:08:09.987654321Z, E9E30059",
            "2036-02-07T06:28:15Z,          FFFFFFFF",
            "2036-02-07T06:28:16Z,          00000000",
            "2040-01-01T00:00:00Z,          0754FD00"})
    void sendsSecondsSince1900AsFourBytesAndCloses(String now, String expected) throws IOException {
        FakeConnection connection = new FakeConnection();
        ServerContext context = Fixtures.context(Fixtures.MAX_FRAME, Duration.ZERO, Instant.parse(now));

        assertFalse(Protocol.RFC868.newSession(context, connection).open(), "closes after the four bytes");

        assertEquals(expected, hex(connection.wire()));
    }

    @Test
    void ignoresAnythingTheClientSends() throws IOException {
        FakeConnection connection = new FakeConnection();
        ProtocolSession session = Protocol.RFC868.newSession(Fixtures.context(), connection);
        session.open();
        connection.clear();
        ByteBuffer input = Fixtures.buffer("00000001 01");

        assertFalse(session.onInput(input));

        assertFalse(input.hasRemaining());
        assertEquals(0, connection.wire().length);
    }
}
