package dev.loombench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import dev.loombench.server.ServerKind;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class LatencyChartTest {

    @Test
    void labelsTheLogAxisInPercentiles() {
        assertEquals("0%", LatencyChart.percentileLabel(1));
        assertEquals("90%", LatencyChart.percentileLabel(10));
        assertEquals("99%", LatencyChart.percentileLabel(100));
        assertEquals("99.9%", LatencyChart.percentileLabel(1_000));
        assertEquals("99.99%", LatencyChart.percentileLabel(10_000));
        assertEquals("99.999%", LatencyChart.percentileLabel(100_000));
    }

    @Test
    void curveRisesAlongOneOverOneMinusPAndEndsAtTheMaximum() {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= 10_000; i++) h.recordValue(i * 1_000L); // 1 us .. 10 ms
        double[][] xy = LatencyChart.points(h);
        int last = xy[0].length - 1;
        assertEquals(1.0, xy[0][0], 1e-9, "starts at 0%");
        assertEquals(10_000, xy[0][last], 1e-9, "the maximum sits at 1 - 1/count");
        assertEquals(h.getMaxValue() / 1e6, xy[1][last], 1e-9);
        for (int i = 1; i <= last; i++) {
            assertTrue(xy[0][i] > xy[0][i - 1], "x increases");
            assertTrue(xy[1][i] >= xy[1][i - 1], "latency never falls with the percentile");
        }
    }

    @Test
    void plotsEachCurveOnAPercentileLogAxisWithItsFiguresInTheLegend() {
        Histogram fast = histogram(1_000, 1_000_000);         // 1 us .. 1 ms
        Histogram slow = histogram(100_000, 100_000_000);     // 100 us .. 100 ms
        XYChart chart = LatencyChart.create("echo", List.of(new LatencyChart.Curve("nio", fast, Color.BLUE),
                new LatencyChart.Curve("pool", slow, Color.RED)));

        assertEquals(List.of("nio  (p50 500 us, p99 990 us, max 1.00 ms)", "pool  (p50 50.0 ms, p99 99.0 ms, max 100 ms)"),
                List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals("echo", chart.getTitle());
        assertEquals("percentile", chart.getXAxisTitle());
        assertEquals("latency (ms)", chart.getYAxisTitle());
        assertTrue(chart.getStyler().isXAxisLogarithmic(), "x is 1/(1-p) on a log axis");
        assertEquals(1_000.0, chart.getStyler().getXAxisMax().doubleValue(), "up to the decade that holds 1 - 1/count");
        assertTrue(chart.getStyler().isYAxisLogarithmic(), "1 us to 100 ms spans five decades");
        XYSeries nio = chart.getSeriesMap().get("nio  (p50 500 us, p99 990 us, max 1.00 ms)");
        assertArrayEquals(LatencyChart.points(fast)[0], nio.getXData());
        assertArrayEquals(LatencyChart.points(fast)[1], nio.getYData());
        assertEquals(Color.BLUE, nio.getLineColor());
    }

    @Test
    void keepsALinearLatencyAxisFromZeroWhenTheValuesSpanLessThanTwoDecades() {
        XYChart chart = LatencyChart.create("echo", List.of(new LatencyChart.Curve("nio", histogram(100_000, 1_000_000), Color.BLUE)));

        assertFalse(chart.getStyler().isYAxisLogarithmic());
        assertEquals(0.0, chart.getStyler().getYAxisMin().doubleValue());
        assertTrue(chart.getStyler().getYAxisMax() > 1.0, "headroom above the 1 ms maximum");
    }

    @Test
    void leavesOutCurvesWithoutSamplesAndSaysSoWhenNoneHasAny() {
        LatencyChart.Curve empty = new LatencyChart.Curve("none", new Histogram(3), Charts.colorFor("nio"));
        XYChart some = LatencyChart.create("echo", List.of(empty, new LatencyChart.Curve("pool", histogram(1_000, 2_000), Color.RED)));
        assertEquals(1, some.getSeriesMap().size());
        assertTrue(some.getSeriesMap().keySet().iterator().next().startsWith("pool  "));

        XYChart none = LatencyChart.create("echo", List.of(empty));
        assertEquals("echo (no samples)", none.getTitle());
        assertEquals(Set.of("no samples"), none.getSeriesMap().keySet());
        BufferedImage image = LatencyChart.render("echo", List.of(empty)); // and it draws without failing
        assertEquals(Charts.WIDTH, image.getWidth());
    }

    /** 1000 values evenly spread from {@code minNanos} to {@code maxNanos}. */
    private static Histogram histogram(long minNanos, long maxNanos) {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= 1_000; i++) h.recordValue(minNanos + (maxNanos - minNanos) * (i - 1) / 999);
        return h;
    }

    @Test
    void everyModelHasItsOwnColourAndRepeatsGetVariants() {
        Set<Integer> colours = Stream.of(ServerKind.values()).map(ServerKind::cliName)
                .peek(m -> assertTrue(Charts.hasOwnColor(m), m + " is drawn in the colour of unknown servers"))
                .map(m -> Charts.colorFor(m).getRGB()).collect(Collectors.toSet());
        assertEquals(ServerKind.values().length, colours.size());
        assertEquals(Charts.colorFor("pool"), Charts.colorFor("POOL"));
        assertNotEquals(Charts.colorFor("pool"), Charts.variant(Charts.colorFor("pool"), 1));
        assertNotEquals(Charts.variant(Charts.colorFor("pool"), 1), Charts.variant(Charts.colorFor("pool"), 2));
    }
}
