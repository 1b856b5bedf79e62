package dev.loombench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FairnessTest {

    @Test
    void equalSharesAreFair() {
        Fairness f = Fairness.of(new long[] {7, 7, 7, 7, 7});
        assertEquals(1.0, f.jainIndex(), 1e-12);
        assertEquals(5, f.served());
        assertEquals(7, f.min());
        assertEquals(7.0, f.median());
        assertEquals(7, f.max());
    }

    @Test
    void oneClientHoggingEverythingScoresOneOverN() {
        Fairness f = Fairness.of(new long[] {0, 0, 1000, 0});
        assertEquals(0.25, f.jainIndex(), 1e-12);
        assertEquals(1, f.served());
        assertEquals(4, f.clients());
        assertEquals(0, f.min());
        assertEquals(0.0, f.median());
        assertEquals(1000, f.max());
    }

    @Test
    void unservedClientsCountAgainstFairness() {
        // a pool of 2 serving 2 of 4 long-lived clients: k/n = 2/4
        Fairness f = Fairness.of(new long[] {500, 0, 500, 0});
        assertEquals(0.5, f.jainIndex(), 1e-12);
        assertEquals(2, f.served());
        assertEquals(250.0, f.median());
    }

    @Test
    void unevenSharesFollowJainsFormula() {
        Fairness f = Fairness.of(new long[] {1, 2, 3});
        assertEquals(36.0 / (3 * 14), f.jainIndex(), 1e-12);
        assertEquals(2.0, f.median());
    }

    @Test
    void nobodyServedAndNoClientsScoreZero() {
        assertEquals(new Fairness(3, 0, 0, 0, 0, 0), Fairness.of(new long[3]));
        assertEquals(new Fairness(0, 0, 0, 0, 0, 0), Fairness.of(new long[0]));
    }

    @Test
    void allServedOnlyWhenNobodyWasLeftOut() {
        assertTrue(Fairness.of(new long[] {1, 1}).allServed());
        assertFalse(Fairness.of(new long[] {1, 0}).allServed());
    }

    @Test
    void doesNotReorderTheCallersArray() {
        long[] counts = {3, 1, 2};
        Fairness.of(counts);
        assertEquals(3, counts[0]);
    }
}
