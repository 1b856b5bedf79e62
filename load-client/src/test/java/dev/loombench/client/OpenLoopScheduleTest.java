package dev.loombench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

    @Test
    void eachConnectionGetsItsShareOfTheRate() {
        // 1000 req/s over 4 connections: each sends every 4 ms
        OpenLoopSchedule s = OpenLoopSchedule.of(0, 1000, 4, 0);
        assertEquals(0, s.intendedNanos(0));
        assertEquals(4_000_000, s.intendedNanos(1));
        assertEquals(4_000_000_000L, s.intendedNanos(1000));
    }

    @Test
    void connectionsAreStaggeredIntoAnEvenStream() {
        List<Long> all = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            OpenLoopSchedule s = OpenLoopSchedule.of(1_000, 1000, 4, c);
            for (int k = 0; k < 10; k++) all.add(s.intendedNanos(k));
        }
        Collections.sort(all);
        for (int i = 0; i < all.size(); i++) assertEquals(1_000 + i * 1_000_000L, all.get(i), "send " + i);
    }

    @Test
    void roundingNeverAccumulates() {
        OpenLoopSchedule s = OpenLoopSchedule.of(0, 3, 1, 0); // one every 333,333,333.3 ns
        assertEquals(1_000_000_000L, s.intendedNanos(3));
        assertEquals(1_000_000_000_000L, s.intendedNanos(3000));
    }

    @Test
    void settingsThatCannotBeHonouredAreRefused() {
        LoadConfig base = LoadConfig.defaults().withPhases(Duration.ZERO, Duration.ofSeconds(10));
        // 100 clients at 5 req/s: each connection once every 20 s, longer than the 10 s measured
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> base.withClients(100).withRate(5));
        assertTrue(e.getMessage().contains("rounds to zero"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> base.withClients(1).withRate(2e9));
        base.withClients(100).withRate(10); // exactly one per connection per 10 s: allowed
    }
}
