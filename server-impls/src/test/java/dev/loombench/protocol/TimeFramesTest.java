package dev.loombench.protocol;

import static dev.loombench.protocol.Fixtures.LOOPBACK_V4;
import static dev.loombench.protocol.Fixtures.LOOPBACK_V6;
import static dev.loombench.protocol.Fixtures.buffer;
import static dev.loombench.protocol.Fixtures.bytes;
import static dev.loombench.protocol.Fixtures.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.loombench.protocol.TimeFrames.MalformedBodyException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeFramesTest {

    private static final List<ClientRegistry.Entry> CLIENTS = List.of(
            new ClientRegistry.Entry(7, new InetSocketAddress(LOOPBACK_V4, 54_321)),
            new ClientRegistry.Entry(0x0102_0304, new InetSocketAddress(LOOPBACK_V6, 65_535)));

    // ---- encoders: exact bytes, big-endian, length = type byte + body ----

    @Test
    void encodesWelcome() {
        assertBytes("00000005 C0 00000001", TimeFrames.welcome(1));
        assertBytes("00000005 C0 FFFFFFFF", TimeFrames.welcome(-1), "ids are u32");
    }

    @Test
    void encodesTimeOk() {
        assertBytes("0000000D 81 0001020304050607 0A0B0C0D", TimeFrames.timeOk(Instant.ofEpochSecond(0x0001_0203_0405_0607L, 0x0A0B_0C0D)));
        assertBytes("0000000D 81 FFFFFFFFFFFFFFFF 3B9AC9FF", TimeFrames.timeOk(Instant.ofEpochSecond(-1, 999_999_999)));
    }

    @Test
    void encodesNameOkAsUtf8() {
        assertBytes("00000004 82 68C3A9", TimeFrames.nameOk("hé"));
    }

    @Test
    void encodesListOkWithIpv4AndIpv6Addresses() {
        String v4 = hex("127.0.0.1".getBytes(StandardCharsets.US_ASCII));
        String v6 = hex("0:0:0:0:0:0:0:1".getBytes(StandardCharsets.US_ASCII));
        assertBytes("0000002B 83 00000002"
                + " 00000007 D431 09 " + v4
                + " 01020304 FFFF 0F " + v6, TimeFrames.listOk(CLIENTS));
    }

    @Test
    void encodesAnEmptyListOk() {
        assertBytes("00000005 83 00000000", TimeFrames.listOk(List.of()));
    }

    @Test
    void encodesSend() {
        assertBytes("00000007 04 00000002 6869", TimeFrames.send(2, "hi"));
    }

    @Test
    void encodesMessageWithoutConsumingTheText() {
        ByteBuffer text = buffer("6869");
        assertBytes("00000007 C4 00000003 6869", TimeFrames.message(3, text));
        assertEquals(2, text.remaining());
    }

    @Test
    void encodesError() {
        assertBytes("00000006 FF 0005 C3A978", TimeFrames.error(5, "éx"));
        assertBytes("00000003 FF FFFF", TimeFrames.error(0xFFFF, ""), "codes are u16");
    }

    @Test
    void encodesEmptyFrames() {
        assertBytes("00000001 84", TimeFrames.empty(TimeFrames.SEND_OK));
        assertBytes("00000001 05", TimeFrames.empty(TimeFrames.BYE));
    }

    @Test
    void encodesAFrameWithoutConsumingItsBody() {
        ByteBuffer body = buffer("AABB");
        assertBytes("00000003 02 AABB", TimeFrames.frame(TimeFrames.NAME, body));
        assertEquals(2, body.remaining());
    }

    @Test
    void refusesAnAddressLongerThanItsLengthFieldHolds() {
        ClientRegistry.Entry longest = new ClientRegistry.Entry(1, InetSocketAddress.createUnresolved("a".repeat(255), 80));
        ClientRegistry.Entry tooLong = new ClientRegistry.Entry(1, InetSocketAddress.createUnresolved("a".repeat(256), 80));

        assertEquals(5 + 4 + 7 + 255, TimeFrames.listOk(List.of(longest)).remaining());
        assertThrows(IllegalArgumentException.class, () -> TimeFrames.listOk(List.of(tooLong)));
    }

    // ---- round trips ----

    @Test
    void roundTripsWelcome() throws MalformedBodyException {
        for (int id : new int[] {1, 0x7FFF_FFFF, 0x8000_0000, -1}) {
            assertEquals(id, TimeFrames.decodeWelcome(body(TimeFrames.welcome(id), TimeFrames.WELCOME)));
        }
    }

    @Test
    void roundTripsTimeOk() throws MalformedBodyException {
        for (Instant instant : List.of(Fixtures.NOW, Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999999999Z"),
                Instant.parse("2100-01-01T00:00:00Z"))) {
            TimeFrames.TimeReply reply = TimeFrames.decodeTimeOk(body(TimeFrames.timeOk(instant), TimeFrames.TIME_OK));
            assertEquals(instant, reply.instant());
        }
    }

    @Test
    void roundTripsListOkWithIpv4AndIpv6Addresses() throws MalformedBodyException {
        ByteBuffer encoded = TimeFrames.listOk(CLIENTS);
        List<ClientRegistry.Entry> decoded = TimeFrames.decodeListOk(body(encoded.duplicate(), TimeFrames.LIST_OK));

        assertEquals(2, decoded.size());
        assertEquals(7, decoded.get(0).id());
        assertEquals(54_321, decoded.get(0).address().getPort());
        assertEquals("127.0.0.1", decoded.get(0).address().getHostString());
        assertEquals(0x0102_0304, decoded.get(1).id());
        assertEquals(65_535, decoded.get(1).address().getPort());
        assertEquals("0:0:0:0:0:0:0:1", decoded.get(1).address().getHostString());
        // What a client decoded it can encode again, byte for byte (a relay, a test server).
        assertEquals(hex(encoded), hex(TimeFrames.listOk(decoded)));
    }

    @Test
    void roundTripsMessage() throws MalformedBodyException {
        String text = "grüße 🌍 " + "x".repeat(300);
        ByteBuffer encoded = TimeFrames.message(42, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(new TimeFrames.Message(42, text), TimeFrames.decodeMessage(body(encoded, TimeFrames.MESSAGE)));
        assertEquals(new TimeFrames.Message(-1, ""), TimeFrames.decodeMessage(body(TimeFrames.message(-1, ByteBuffer.allocate(0)), TimeFrames.MESSAGE)));
    }

    @Test
    void roundTripsError() throws MalformedBodyException {
        assertEquals(new TimeFrames.ErrorReply(3, "no connected client 9 — sorry"),
                TimeFrames.decodeError(body(TimeFrames.error(3, "no connected client 9 — sorry"), TimeFrames.ERROR)));
        assertEquals(new TimeFrames.ErrorReply(0xFFFF, ""), TimeFrames.decodeError(body(TimeFrames.error(0xFFFF, ""), TimeFrames.ERROR)));
    }

    @Test
    void roundTripsSendThroughMessageDecoding() throws MalformedBodyException {
        // SEND and MESSAGE share a layout: u32 id, then UTF-8 text.
        assertEquals(new TimeFrames.Message(5, "hello"), TimeFrames.decodeMessage(body(TimeFrames.send(5, "hello"), TimeFrames.SEND)));
    }

    // ---- decoders reject what does not fit ----

    @ParameterizedTest
    @ValueSource(strings = {"", "000000", "0000000001"})
    void rejectsWelcomeOfTheWrongSize(String body) {
        assertThrows(MalformedBodyException.class, () -> TimeFrames.decodeWelcome(buffer(body)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0000000000000000 000000", "0000000000000000 0000000000"})
    void rejectsTimeOkOfTheWrongSize(String body) {
        assertThrows(MalformedBodyException.class, () -> TimeFrames.decodeTimeOk(buffer(body)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",                                      // no count
            "000000",                                // short count
            "00000001",                              // count 1, no entry
            "00000001 00000007 D431",                // entry cut before its address length
            "00000001 00000007 D431 09 3132372E302E302E",   // address one byte short
            "00000002 00000007 D431 01 31",          // count 2, one entry
            "00000000 00",                           // trailing byte after zero entries
            "00000001 00000007 D431 01 31 00",       // trailing byte after the entries
            "FFFFFFFF 00000007 D431 01 31"})         // huge count, one entry
    void rejectsMalformedListOk(String body) {
        assertThrows(MalformedBodyException.class, () -> TimeFrames.decodeListOk(buffer(body)));
    }

    @Test
    void rejectsShortMessageAndErrorBodies() {
        assertThrows(MalformedBodyException.class, () -> TimeFrames.decodeMessage(buffer("000000")));
        assertThrows(MalformedBodyException.class, () -> TimeFrames.decodeError(buffer("00")));
    }

    /** Invalid UTF-8: overlong forms, surrogates (lone or paired, CESU-8 style), beyond U+10FFFF, stray and cut bytes. */
    @ParameterizedTest
    @ValueSource(strings = {
            "C080",          // overlong NUL
            "C1BF",          // overlong U+007F
            "E080AF",        // overlong '/'
            "F08080AF",      // overlong '/', four bytes
            "EDA080",        // lone high surrogate U+D800
            "EDBFBF",        // lone low surrogate U+DFFF
            "EDA0BDEDB880",  // a surrogate pair encoded as two three-byte sequences
            "F4908080",      // U+110000
            "F5808080",      // lead byte above F4
            "80",            // continuation byte alone
            "FF",            // never valid
            "E282",          // sequence cut short
            "41C3"})         // text ending mid-sequence
    void rejectsInvalidUtf8(String invalid) {
        assertThrows(MalformedBodyException.class, () -> TimeFrames.decodeMessage(buffer("00000001" + invalid)));
        assertThrows(MalformedBodyException.class, () -> TimeFrames.decodeError(buffer("0001" + invalid)));
        String entry = String.format("00000001 00000001 0050 %02X %s", invalid.length() / 2, invalid);
        assertThrows(MalformedBodyException.class, () -> TimeFrames.decodeListOk(buffer(entry)));
        assertThrows(MalformedBodyException.class, () -> TimeFrames.utf8(buffer(invalid), "text"));
    }

    @Test
    void acceptsEveryValidUtf8Length() throws MalformedBodyException {
        // 1, 2, 3 and 4 bytes, including the largest code point and the neighbours of the surrogates.
        String text = "A\u00E9\u20AC\uD7FF\uE000\uD83C\uDF0D\uDBFF\uDFFF";
        assertEquals(text, TimeFrames.utf8(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), "text"));
    }

    @Test
    void namesFrameTypes() {
        assertEquals("TIME_OK", TimeFrames.typeName(0x81));
        assertEquals("0x7E", TimeFrames.typeName(0x7E));
    }

    /** The body of a single encoded frame, after checking its length and type. */
    private static ByteBuffer body(ByteBuffer frame, int type) {
        Fixtures.Frame decoded = Fixtures.frame(frame);
        assertEquals(type, decoded.type());
        return ByteBuffer.wrap(bytes(decoded.body()));
    }

    /** Asserts the whole of {@code frame}, without consuming it, against hex written field by field. */
    private static void assertBytes(String expectedHex, ByteBuffer frame, String... message) {
        assertEquals(hex(bytes(expectedHex)), hex(frame.duplicate()), String.join("", message));
    }
}
