package dev.loombench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FirstRepliesTest {

    @Test
    void percentilesAreOverServedClientsAndNeverServedAreCounted() {
        long[] times = new long[100];
        for (int i = 0; i < 100; i++) times[i] = i < 80 ? (i + 1) * 1_000_000L : -1; // 1..80 ms, then 20 never
        FirstReplies f = FirstReplies.of(times);
        assertEquals(100, f.clients());
        assertEquals(80, f.served());
        assertEquals(20, f.never());
        assertEquals(1.0, f.minMs());
        assertEquals(40.0, f.p50Ms());
        assertEquals(72.0, f.p90Ms());
        assertEquals(80.0, f.p99Ms());
        assertEquals(80.0, f.maxMs());
    }

    @Test
    void nobodyServedIsAllNeverAndZeroes() {
        FirstReplies f = FirstReplies.of(new long[] {-1, -1, -1});
        assertEquals(0, f.served());
        assertEquals(3, f.never());
        assertEquals(0.0, f.maxMs());
    }
}
