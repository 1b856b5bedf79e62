package dev.loombench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
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

    /**
     * One curve: a histogram in nanoseconds, its legend name, colour and line style. {@code legend}
     * says how it appears in the legend: with its p50, p99 and max ({@link Legend#FIGURES}), by name
     * only (the first of several runs of a group, whose figures differ), or not at all (the rest).
     */
    public record Curve(String name, Histogram histogram, Color color, BasicStroke line, Legend legend) {
        public Curve(String name, Histogram histogram, Color color) {
            this(name, histogram, color, SeriesLines.SOLID);
        }

        public Curve(String name, Histogram histogram, Color color, BasicStroke line) {
            this(name, histogram, color, line, Legend.FIGURES);
        }
    }

    /** How a curve appears in the legend. */
    public enum Legend { FIGURES, NAME, NONE }

    private LatencyChart() {}

    public static void write(String title, List<Curve> curves, Path file) throws IOException {
        Charts.writePng(render(title, curves), file);
    }

    /**
     * Draws the chart. XChart's log axis can only label decades as numbers (1, 10, 100) and its
     * label callback does not work on log axes, so the decades' own labels are painted blank and
     * the percentile labels (0%, 90%, 99%, ...) are drawn at the same places afterwards.
     */
    public static BufferedImage render(String title, List<Curve> curves) {
        XYChart chart = create(title, curves);
        BufferedImage image = new BufferedImage(Charts.WIDTH, Charts.HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            chart.paint(g, Charts.WIDTH, Charts.HEIGHT);
            var styler = chart.getStyler();
            g.setFont(styler.getAxisTickLabelsFont());
            g.setColor(styler.getYAxisTickLabelsColor());
            FontMetrics fm = g.getFontMetrics();
            double top = chart.getScreenYFromChart(styler.getYAxisMin()) + styler.getAxisTickMarkLength()
                    + styler.getAxisTickPadding();
            for (double x = 1; x <= styler.getXAxisMax() * 1.0001; x *= 10) {
                String label = percentileLabel(x);
                double left = chart.getScreenXFromChart(x) - fm.stringWidth(label) / 2.0;
                left = Math.min(left, Charts.WIDTH - 4 - fm.stringWidth(label)); // keep the last label inside
                g.drawString(label, (float) left, (float) (top + fm.getAscent()));
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The chart with the percentile axis labels left blank (see {@link #render}); curves with no values are left out. */
    static XYChart create(String title, List<Curve> curves) {
        XYChart chart = Charts.xy(title, "percentile", "latency (ms)", Charts.WIDTH, Charts.HEIGHT);
        double maxX = 100;
        double minY = Double.MAX_VALUE;
        double maxY = 0;
        for (Curve c : curves) {
            if (c.histogram() == null || c.histogram().getTotalCount() == 0) continue;
            double[][] points = points(c.histogram());
            String name = c.legend() == Legend.FIGURES ? legend(c) : c.name();
            if (c.legend() == Legend.NONE) name = name + " #" + chart.getSeriesMap().size(); // unique, not shown
            XYSeries series = chart.addSeries(name, points[0], points[1]);
            series.setShowInLegend(c.legend() != Legend.NONE);
            series.setLineColor(c.color());
            series.setLineStyle(new BasicStroke(c.legend() == Legend.FIGURES ? 2.5f : 1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10,
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
            minY = 0;
            maxY = 1;
        }
        var styler = chart.getStyler();
        // below the plot, where no curve can hide behind it; to the right when there are many runs
        int n = chart.getSeriesMap().size();
        styler.setLegendPosition(n <= 6 ? LegendPosition.OutsideS : LegendPosition.OutsideE);
        styler.setLegendLayout(LegendLayout.Vertical);
        styler.setPlotContentSize(1.0); // axis ends are set below with headroom; the labels need exact edges
        styler.setXAxisLogarithmic(true);
        styler.setXAxisLogarithmicDecadeOnly(true);
        styler.setXAxisMin(1.0);
        styler.setXAxisMax(Math.pow(10, Math.ceil(Math.log10(maxX) - 1e-9)));
        styler.setXAxisTickLabelsColor(styler.getChartBackgroundColor()); // replaced by percentile labels
        boolean logY = minY > 0 && maxY / minY > 100;
        styler.setYAxisLogarithmic(logY);
        styler.setYAxisLogarithmicDecadeOnly(true);
        styler.setYAxisDecimalPattern("#,##0.####");
        if (logY) {
            styler.setYAxisMin(minY / 1.5);
            styler.setYAxisMax(maxY * 1.5);
        } else {
            styler.setYAxisMin(0.0);
            styler.setYAxisMax(maxY * 1.08);
        }
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
}
