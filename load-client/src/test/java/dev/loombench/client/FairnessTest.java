package dev.loombench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FairnessTest {

    @Test
    void equalSharesAreFair() {
        Fairness f = Fairness.of(new long[] {5, 5, 5, 5});
        assertEquals(1.0, f.jainIndex(), 1e-12);
        assertEquals(4, f.served());
        assertTrue(f.allServed());
        assertEquals(5, f.min());
        assertEquals(5.0, f.median());
        assertEquals(5, f.max());
    }

    @Test
    void kOfNServedEquallyGivesKOverN() {
        // a pool of 4 with 10 long-lived clients: 4 get everything, 6 nothing
        Fairness f = Fairness.of(new long[] {0, 100, 0, 100, 0, 100, 0, 0, 100, 0});
        assertEquals(0.4, f.jainIndex(), 1e-12);
        assertEquals(4, f.served());
        assertFalse(f.allServed());
        assertEquals(0, f.min());
        assertEquals(0.0, f.median());
        assertEquals(100, f.max());
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, Fairness.of(new long[] {4, 1, 3, 2}).median());
        assertEquals(3.0, Fairness.of(new long[] {5, 1, 3}).median());
    }

    @Test
    void nobodyServedIsZeroNotNaN() {
        Fairness f = Fairness.of(new long[] {0, 0, 0});
        assertEquals(0.0, f.jainIndex());
        assertEquals(0, f.served());
        assertEquals(0.0, Fairness.of(new long[0]).jainIndex());
    }

    @Test
    void oneHogGivesOneOverN() {
        assertEquals(0.25, Fairness.of(new long[] {0, 0, 1000, 0}).jainIndex(), 1e-12);
    }
}
