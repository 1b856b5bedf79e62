package dev.loombench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;

/**
 * A latency percentile distribution drawn the way HdrHistogram plots it: the x axis is
 * {@code 1/(1-p)} on a log scale, so 0%, 90%, 99%, 99.9%, 99.99% are evenly spaced and the tail
 * gets as much room as the median. Each curve ends at its maximum, placed at {@code 1 - 1/count}
 * (the highest percentile its sample count can resolve). The y axis is in milliseconds and turns
 * logarithmic when the plotted values span more than two decades.
 */
public final class LatencyChart {

    /** Ticks per half-distance to 100%, as in {@code Histogram.outputPercentileDistribution}. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;
    private static final double MIN_MS = 1e-3; // log axes cannot show 0; 1 us is below any loopback round trip

    /** One curve: a histogram in nanoseconds, its legend name, colour and line style. */
    public record Curve(String name, Histogram histogram, Color color, BasicStroke line) {
        public Curve(String name, Histogram histogram, Color color) {
            this(name, histogram, color, SeriesLines.SOLID);
        }
    }

    private LatencyChart() {}

    public static void write(String title, List<Curve> curves, Path file) throws IOException {
        Charts.writePng(create(title, curves), file);
    }

    /** The chart; curves with no values are left out. */
    public static XYChart create(String title, List<Curve> curves) {
        XYChart chart = Charts.xy(title, "percentile", "latency (ms)", Charts.WIDTH, Charts.HEIGHT);
        double maxX = 100;
        double minY = Double.MAX_VALUE;
        double maxY = 0;
        for (Curve c : curves) {
            if (c.histogram() == null || c.histogram().getTotalCount() == 0) continue;
            double[][] points = points(c.histogram());
            XYSeries series = chart.addSeries(legend(c), points[0], points[1]);
            series.setLineColor(c.color());
            series.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10,
                    c.line().getDashArray(), 0));
            series.setMarkerColor(c.color());
            maxX = Math.max(maxX, points[0][points[0].length - 1]);
            for (double y : points[1]) {
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.setTitle(title + " (no samples)");
            chart.addSeries("no samples", new double[] {1, 100}, new double[] {0, 0});
            minY = maxY = 0;
        }
        var styler = chart.getStyler();
        styler.setXAxisLogarithmic(true);
        styler.setXAxisLogarithmicDecadeOnly(true);
        styler.setXAxisMin(1.0);
        styler.setXAxisMax(Math.pow(10, Math.ceil(Math.log10(maxX) - 1e-9)));
        styler.setxAxisTickLabelsFormattingFunction(LatencyChart::percentileLabel);
        boolean logY = minY > 0 && maxY / minY > 100;
        styler.setYAxisLogarithmic(logY);
        if (!logY) styler.setYAxisMin(0.0);
        styler.setyAxisTickLabelsFormattingFunction(LatencyChart::millisLabel);
        return chart;
    }

    /** x = 1/(1-p) and y = latency in ms for the percentile iteration, ending at (count, max). */
    static double[][] points(Histogram h) {
        double lastX = Math.max(2, h.getTotalCount());
        List<double[]> points = new ArrayList<>();
        for (HistogramIterationValue v : h.percentiles(TICKS_PER_HALF_DISTANCE)) {
            double x = 1 / (1 - v.getPercentileLevelIteratedTo() / 100);
            if (x >= lastX || Double.isInfinite(x)) break;
            points.add(new double[] {x, ms(v.getValueIteratedTo())});
        }
        points.add(new double[] {lastX, ms(h.getMaxValue())});
        double[][] xy = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++) {
            xy[0][i] = points.get(i)[0];
            xy[1][i] = points.get(i)[1];
        }
        return xy;
    }

    private static String legend(Curve c) {
        Histogram h = c.histogram();
        return c.name() + "  (p50 " + Human.latency(h.getValueAtPercentile(50)) + ", p99 "
                + Human.latency(h.getValueAtPercentile(99)) + ", max " + Human.latency(h.getMaxValue()) + ")";
    }

    private static double ms(long nanos) {
        return Math.max(MIN_MS, nanos / 1e6);
    }

    /** 1 -> 0%, 10 -> 90%, 100 -> 99%, 1000 -> 99.9%, ... */
    static String percentileLabel(double x) {
        if (x <= 1.0001) return "0%";
        double p = 100 * (1 - 1 / x);
        int decimals = Math.max(0, (int) Math.round(Math.log10(x)) - 2);
        return String.format(Locale.ROOT, "%." + decimals + "f%%", p);
    }

    /** Milliseconds without exponents or trailing zeros: 0.05, 1, 2.5, 1000. */
    static String millisLabel(double ms) {
        if (ms == 0) return "0";
        String s = ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms)
                : ms >= 1 ? String.format(Locale.ROOT, "%.2f", ms)
                : String.format(Locale.ROOT, "%.4f", ms);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
