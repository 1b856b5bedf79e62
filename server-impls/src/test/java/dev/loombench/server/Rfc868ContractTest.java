package dev.loombench.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.protocol.Protocol;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 868 time, the same contract for every model: four bytes, then end of stream. */
@Timeout(60)
class Rfc868ContractTest {

    private static final long SECONDS_1900_TO_1970 = 2_208_988_800L;

    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#all")
    void sendsSecondsSince1900ThenCloses(Model model) throws Exception {
        try (Server server = TestServers.start(model, Protocol.RFC868)) {
            for (int i = 0; i < 3; i++) { // connection churn: every request is a new connection
                try (TestClient client = TestClient.connect(server)) {
                    long expected = (Instant.now().getEpochSecond() + SECONDS_1900_TO_1970) & 0xFFFF_FFFFL;
                    long actual = Integer.toUnsignedLong(ByteBuffer.wrap(client.readExactly(4)).getInt());
                    long diff = Math.abs(actual - expected);
                    assertTrue(Math.min(diff, (1L << 32) - diff) <= 2, "RFC 868 value " + actual + ", expected about " + expected);
                    client.assertEof();
                }
            }
        }
    }
}
