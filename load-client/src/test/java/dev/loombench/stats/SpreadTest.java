package dev.loombench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Synthetic repetitions: the median, the range and the order-statistic interval come out as the arithmetic says. */
class SpreadTest {

    @Test
    void threeRepetitionsGiveTheirMiddleValueAndTheirRange() {
        Spread s = Spread.of(63_020, 61_900, 62_100);
        assertEquals(3, s.n());
        assertEquals(62_100, s.median());
        assertEquals(61_900, s.min());
        assertEquals(63_020, s.max());
        // with 3 values the range is the only interval: P(median inside) = 1 - 2 / 8 = 75 %
        assertEquals(61_900, s.low());
        assertEquals(63_020, s.high());
        assertEquals(75.0, s.confidencePct());
        assertEquals(1.8, s.rangePct()); // 1,120 / 62,100
    }

    @Test
    void anEvenCountTakesTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, Spread.of(4, 1, 3, 2).median());
    }

    @Test
    void fiveRepetitionsReachNinetyThreePointSevenFivePercentWithTheirRange() {
        Spread s = Spread.of(10, 11, 12, 13, 100);
        assertEquals(12, s.median());
        assertEquals(93.75, s.confidencePct()); // 1 - 2 / 32
        assertEquals(10, s.low());
        assertEquals(100, s.high());
    }

    @Test
    void nineOrMoreRepetitionsNarrowTheIntervalInsideTheRange() {
        // n = 9: [x(2), x(8)] holds the median with 1 - 2 * P(B <= 1) = 1 - 2 * 10/512 = 96.1 %
        Spread s = Spread.of(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertEquals(5, s.median());
        assertEquals(2, s.low());
        assertEquals(8, s.high());
        assertEquals(96.09, s.confidencePct());
        assertEquals(1, s.min());
        assertEquals(9, s.max());
    }

    @Test
    void oneValueHasNoSpreadAndNoConfidence() {
        Spread s = Spread.of(7);
        assertEquals(7, s.low());
        assertEquals(7, s.high());
        assertEquals(0, s.confidencePct());
        assertEquals("7", s.format(v -> String.valueOf((int) v)));
    }

    @Test
    void formatsAsMedianWithMinAndMax() {
        assertEquals("2 (1-9)", Spread.of(9, 1, 2).format(v -> String.valueOf((int) v)));
    }

    @Test
    void writesASharedUnitOnce() {
        assertEquals("17.9 ms (11.3-19.0)", Spread.of(17.9, 11.3, 19.0).format(v -> v + " ms"));
        assertEquals("900 us (800 us-1.1 ms)", Spread.of(900, 800, 1100).format(v -> v < 1000 ? (int) v + " us" : v / 1000 + " ms"));
    }

    @Test
    void refusesNoValuesAndNonFiniteOnes() {
        assertThrows(IllegalArgumentException.class, Spread::of);
        assertThrows(IllegalArgumentException.class, () -> Spread.of(1, Double.NaN));
    }

    @Test
    void overlappingIntervalsMeanNoClearDifference() {
        Spread a = Spread.of(100, 104, 108);
        Spread b = Spread.of(106, 110, 112);
        assertTrue(a.overlaps(b));
        Difference d = Difference.of(a, b);
        assertEquals(Difference.Verdict.NO_CLEAR_DIFFERENCE, d.verdict());
        assertEquals("~", d.format());
    }

    @Test
    void separateIntervalsGiveAClearChange() {
        Spread base = Spread.of(100, 101, 102);
        Spread slower = Spread.of(80, 81, 82);
        assertFalse(base.overlaps(slower));
        Difference d = Difference.of(base, slower);
        assertEquals(Difference.Verdict.CLEAR, d.verdict());
        assertEquals("-19.8%", d.format());
    }

    @Test
    void aSingleRunOnEitherSideIsNotJudged() {
        Difference d = Difference.of(Spread.of(100), Spread.of(50, 51, 52));
        assertEquals(Difference.Verdict.UNKNOWN, d.verdict());
        assertEquals("-49.0% ?", d.format());
    }
}
