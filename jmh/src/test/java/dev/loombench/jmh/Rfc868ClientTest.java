package dev.loombench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class Rfc868ClientTest {

    /** What the fake server adds to Unix time: the seconds from 1900 to 1970. */
    private static final long SECONDS_1900_TO_1970 = Duration.between(Instant.parse("1900-01-01T00:00:00Z"), Instant.EPOCH).toSeconds();

    private static byte[] secondsSince1900(long unixSeconds) {
        return ByteBuffer.allocate(4).putInt((int) (unixSeconds + SECONDS_1900_TO_1970)).array();
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    @Test
    void fetchesTheTimeOncePerConnection() throws IOException {
        try (FakeServer server = new FakeServer(c -> c.getOutputStream().write(secondsSince1900(now())))) {
            Rfc868Client client = new Rfc868Client(server.address());
            for (int i = 0; i < 20; i++) {
                long unix = client.fetch() - SECONDS_1900_TO_1970;
                assertEquals(now(), unix, 2.0);
            }
        }
    }

    @Test
    void throwsWhenTheConnectionIsClosedWithoutAnswer() throws IOException {
        try (FakeServer server = new FakeServer(c -> {})) { // a refusal: closed before the first byte
            assertThrows(EOFException.class, new Rfc868Client(server.address())::fetch);
        }
    }

    @Test
    void throwsOnBytesAfterTheTime() throws IOException {
        try (FakeServer server = new FakeServer(c -> {
            c.getOutputStream().write(secondsSince1900(now()));
            c.getOutputStream().write(0);
        })) {
            assertThrows(WrongReplyException.class, new Rfc868Client(server.address())::fetch);
        }
    }

    @Test
    void throwsOnAnImplausibleTime() throws IOException {
        try (FakeServer server = new FakeServer(c -> c.getOutputStream().write(secondsSince1900(now() - 3600)))) {
            assertThrows(WrongReplyException.class, new Rfc868Client(server.address())::fetch);
        }
    }
}
