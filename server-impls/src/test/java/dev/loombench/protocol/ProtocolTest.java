package dev.loombench.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtocolTest {

    @ParameterizedTest
    @CsvSource({"echo, ECHO", "ECHO, ECHO", "time, TIME", "Time, TIME", "rfc868, RFC868", "RFC868, RFC868"})
    void parsesCliNamesIgnoringCase(String name, Protocol expected) {
        assertEquals(expected, Protocol.fromCliName(name));
    }

    @Test
    void parsesCliNamesWhateverTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr")); // where "TIME".toLowerCase() is "tıme"
            assertEquals(Protocol.TIME, Protocol.fromCliName("TIME"));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void rejectsAnUnknownNameListingTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Protocol.fromCliName("http"));
        assertTrue(e.getMessage().contains("'http'"), e.getMessage());
        assertTrue(e.getMessage().contains("echo, time, rfc868"), e.getMessage());
    }

    @Test
    void printsAsItsCliName() {
        assertEquals("rfc868", Protocol.RFC868.toString());
        assertEquals("echo, time, rfc868", Protocol.names());
    }

    @Test
    void rejectsTimeClientsWithError4() throws Exception {
        Fixtures.Frame frame = Fixtures.frame(Protocol.TIME.rejection());
        assertEquals(TimeFrames.ERR_SERVER_FULL, frame.errorCode());
        TimeFrames.decodeError(frame.bodyBuffer()); // its text is valid UTF-8
    }

    @Test
    void rejectionIsAFreshBufferEachTime() {
        Fixtures.take(Protocol.TIME.rejection()); // a server writing it consumes it
        assertEquals(TimeFrames.ERR_SERVER_FULL, Fixtures.frame(Protocol.TIME.rejection()).errorCode());
    }

    @Test
    void rejectsEchoAndRfc868ClientsWithoutAByte() {
        assertEquals(0, Protocol.ECHO.rejection().remaining());
        assertEquals(0, Protocol.RFC868.rejection().remaining());
    }

    @Test
    void createsTheSessionOfEachProtocol() {
        ServerContext context = Fixtures.context();
        assertInstanceOf(EchoSession.class, Protocol.ECHO.newSession(context, new FakeConnection()));
        assertInstanceOf(TimeSession.class, Protocol.TIME.newSession(context, new FakeConnection()));
        assertInstanceOf(Rfc868Session.class, Protocol.RFC868.newSession(context, new FakeConnection()));
    }
}
