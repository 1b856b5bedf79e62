package dev.loombench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class IntervalTest {

    private static Histogram histogram(long... values) {
        Histogram h = new Histogram(Metrics.HIGHEST_NANOS, Metrics.SIGNIFICANT_DIGITS);
        for (long v : values) h.recordValue(v);
        return h;
    }

    private static Interval interval(Histogram latency, Histogram censored) {
        return new Interval(0, 1, latency.getTotalCount(), 64 * latency.getTotalCount(), latency, latency,
                histogram(150_000), censored, Map.of(), 2, null, -1, -1, 0);
    }

    @Test
    void theHistogramsComeBackWithTheirCountsAndRange() {
        Histogram latency = histogram(1_000, 250_000, 250_000, 3_000_000_000L);
        Interval in = interval(latency, histogram(3_000_000_000L));

        assertEquals(latency, in.latency());
        assertEquals(latency, in.service());
        assertEquals(4, in.latency().getTotalCount());
        assertEquals(latency.getValueAtPercentile(50), in.latency().getValueAtPercentile(50));
        assertEquals(latency.getMaxValue(), in.latency().getMaxValue());
        assertEquals(Metrics.HIGHEST_NANOS, in.latency().getHighestTrackableValue());
        assertEquals(1, in.connect().getTotalCount());
        assertEquals(1, in.censoredCount());
    }

    @Test
    void theIntervalKeepsWhatItWasGivenWhateverHappensToTheHistogramsAfterwards() {
        Histogram latency = histogram(1_000, 2_000);
        Interval in = interval(latency, null);

        latency.reset(); // the sampler reuses its histograms from interval to interval
        in.latency().recordValue(5_000); // and a reader's copy is its own

        assertEquals(2, in.latency().getTotalCount());
        assertEquals(2_000, in.latency().getMaxValue(), 2_000 / 1000.0);
    }

    @Test
    void anAbsentCensoredHistogramStaysAbsentAndCountsNone() {
        Interval in = interval(histogram(1_000), null);

        assertNull(in.censored());
        assertEquals(0, in.censoredCount());
    }

    @Test
    void compactingKeepsEveryHistogramAsItWasAndCanBeAskedTwice() {
        Histogram latency = histogram(1_000, 250_000, 3_000_000_000L);
        Interval in = new Interval(0, 1, 3, 192, latency, histogram(2_000, 4_000), histogram(150_000),
                histogram(), Map.of(), 2, null, -1, -1, 0);
        Histogram before = in.latency();

        in.compact();
        in.compact();

        assertEquals(latency, in.latency());
        assertEquals(before, in.latency());
        assertEquals(2, in.service().getTotalCount());
        assertEquals(4_000, in.service().getMaxValue(), 4_000 / 1000.0);
        assertEquals(1, in.connect().getTotalCount());
        assertEquals(0, in.censored().getTotalCount(), "an empty histogram stays an empty histogram");
        assertEquals(Metrics.HIGHEST_NANOS, in.latency().getHighestTrackableValue());
    }
}
