package dev.loombench.jmh;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.protocol.Protocol;
import org.junit.jupiter.api.Test;

class InProcessServerTest {

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
