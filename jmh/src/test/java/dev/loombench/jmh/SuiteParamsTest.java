package dev.loombench.jmh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import dev.loombench.protocol.Protocol;
import dev.loombench.server.ServerKind;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

/** The {@code @Param} lists must be constants; these tests keep them in step with the enums. */
class SuiteParamsTest {

    private static String[] paramValues(Class<?> benchmark, String field) throws NoSuchFieldException {
        return benchmark.getField(field).getAnnotation(Param.class).value();
    }

    private static final String[] EVERY_MODEL = Arrays.stream(ServerKind.values()).map(ServerKind::cliName).toArray(String[]::new);

    @Test
    void roundTripsCoverEveryServerKind() throws NoSuchFieldException {
        assertArrayEquals(EVERY_MODEL, paramValues(RoundTripBenchmark.class, "impl"));
    }

    @Test
    void churnCoversEveryServerKind() throws NoSuchFieldException {
        assertArrayEquals(EVERY_MODEL, paramValues(ConnectionChurnBenchmark.class, "impl"));
    }

    @Test
    void roundTripsRunTheJdkDefaultPollerUnlessAsked() throws NoSuchFieldException {
        assertArrayEquals(new String[] {PollerModes.DEFAULT}, paramValues(RoundTripBenchmark.class, "pollerMode"));
    }

    @Test
    void roundTripProtocolsAreTheRequestReplyOnes() throws NoSuchFieldException {
        String[] protocols = paramValues(RoundTripBenchmark.class, "protocol");
        for (String p : protocols) assertDoesNotThrow(() -> Protocol.fromCliName(p));
        assertArrayEquals(new String[] {"echo", "time"}, protocols);
    }
}
