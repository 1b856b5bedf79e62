package dev.loombench.protocol;

import static dev.loombench.protocol.Fixtures.concat;
import static dev.loombench.protocol.Fixtures.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class EchoSessionTest {

    private final FakeConnection connection = new FakeConnection();
    private final ProtocolSession session = Protocol.ECHO.newSession(Fixtures.context(), connection);

    @Test
    void opensWithoutAGreeting() throws IOException {
        assertTrue(session.open());
        assertEquals(0, connection.wire().length);
    }

    @Test
    void echoesExactlyWhatItIsFedAcrossCalls() throws IOException {
        byte[] everyByteValue = new byte[256];
        for (int i = 0; i < 256; i++) everyByteValue[i] = (byte) i;
        byte[] frameLike = Fixtures.bytes("00000001 05");
        session.open();

        for (byte[] chunk : new byte[][] {everyByteValue, frameLike, {0x00}, everyByteValue}) {
            ByteBuffer input = ByteBuffer.wrap(chunk);
            assertTrue(session.onInput(input));
            assertFalse(input.hasRemaining(), "consumes all input");
        }

        assertEquals(hex(concat(everyByteValue, frameLike, new byte[] {0x00}, everyByteValue)), hex(connection.wire()));
    }

    @Test
    void echoesOnlyTheRemainingBytesOfItsInput() throws IOException {
        session.open();
        ByteBuffer input = ByteBuffer.wrap(Fixtures.bytes("AABBCCDD"), 1, 2);

        session.onInput(input);

        assertEquals("BBCC", hex(connection.wire()));
    }

    @Test
    void writesNothingForEmptyInput() throws IOException {
        session.open();
        assertTrue(session.onInput(ByteBuffer.allocate(0)));
        assertEquals(0, connection.wire().length);
    }
}
