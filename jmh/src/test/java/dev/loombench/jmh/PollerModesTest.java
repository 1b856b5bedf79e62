package dev.loombench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loombench.server.PollerMode;
import org.junit.jupiter.api.Test;

/**
 * The pollerMode parameter applies only in a JVM whose poller has not started: in this test JVM
 * it has (or is started here), so asking for another mode must fail loudly, never measure the
 * wrong poller. That the mode does apply in a fresh fork is what jmh/smoke.sh runs.
 */
class PollerModesTest {

    @Test
    void aModeOtherThanTheRunningOneFailsInsteadOfMeasuringTheWrongPoller() {
        assumeTrue(System.getProperty(PollerMode.PROPERTY) == null, "this JVM was started with a poller mode");
        String running = PollerMode.start();
        assertEquals(running, PollerModes.select(PollerModes.DEFAULT), "the default is what runs");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PollerModes.select("1"));
        assertTrue(e.getMessage().contains("fresh fork"), e.getMessage());
    }
}
