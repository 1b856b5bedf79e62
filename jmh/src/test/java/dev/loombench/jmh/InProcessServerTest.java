package dev.loombench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.protocol.Protocol;
import dev.loombench.server.ServerKind;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The benchmarks' setup and clients against every real model: what a JMH trial does, in miniature. */
class InProcessServerTest {

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void servesVerifiedEchoRoundTrips(ServerKind kind) throws IOException {
        try (InProcessServer server = InProcessServer.start(kind.cliName(), Protocol.ECHO, 1);
             EchoClient client = new EchoClient(ClientSockets.open(server.address()), RoundTripBenchmark.ECHO_SIZE)) {
            for (long expected = 1; expected <= 200; expected++) assertEquals(expected, client.roundTrip());
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void servesVerifiedTimeRoundTrips(ServerKind kind) throws IOException {
        try (InProcessServer server = InProcessServer.start(kind.cliName(), Protocol.TIME, 1);
             TimeClient client = new TimeClient(ClientSockets.open(server.address()))) {
            assertEquals(1, client.clientId());
            for (int i = 0; i < 200; i++) client.roundTrip();
        }
    }

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void servesOneRfc868TimePerConnection(ServerKind kind) throws IOException {
        try (InProcessServer server = InProcessServer.start(kind.cliName(), Protocol.RFC868, 0)) {
            Rfc868Client client = new Rfc868Client(server.address());
            for (int i = 0; i < 200; i++) client.fetch();
        }
    }

    @Test
    void refusesMoreThanOneLongLivedConnectionForSingle() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InProcessServer.start("single", Protocol.ECHO, 2));
        assertTrue(e.getMessage().contains("-t 1"), e.getMessage());
    }

    @Test
    void refusesMoreLongLivedConnectionsThanPoolWorkers() {
        assertThrows(IllegalArgumentException.class, () -> InProcessServer.start("pool", Protocol.TIME, 17));
    }

    @Test
    void rejectsAnUnknownModelName() {
        assertThrows(IllegalArgumentException.class, () -> InProcessServer.start("fibers", Protocol.ECHO, 1));
    }
}
