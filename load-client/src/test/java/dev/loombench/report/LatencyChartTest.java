package dev.loombench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.server.ServerKind;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

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
    void drawsAnEmptyChartWhenThereAreNoSamples() {
        BufferedImage image = LatencyChart.render("nothing", List.of(new LatencyChart.Curve("none", new Histogram(3),
                Charts.colorFor("nio"))));
        assertEquals(Charts.WIDTH, image.getWidth());
        assertEquals(Charts.HEIGHT, image.getHeight());
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
