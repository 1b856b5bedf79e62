package dev.loombench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line chart of measured points (round markers, one series per model in its {@link Charts}
 * colour) and predicted lines (dashed, no markers) over a shared x axis — what {@code bench sweep}
 * and the demo scenarios draw against client or connection counts.
 *
 * <p>Axes: x is logarithmic when asked ({@link #logX}); y is logarithmic when asked, or in
 * {@link YScale#AUTO} when its positive values span more than {@link #AUTO_LOG_RATIO} times. A log axis cannot show
 * 0 or less, so such points are left out of its series (their value is in the table and the JSON).
 * No tick-label formatting function is ever set: XChart 3.8.8 hangs on a log axis that has one
 * (decimal patterns are fine).
 *
 * <p>Usage: {@code new LineChart(title, "clients", "requests/s").logX().measured("pool", blue, x, y).build()}.
 */
public final class LineChart {

    /** In {@link YScale#AUTO}, the y axis turns logarithmic when its largest value is more than this times its smallest. */
    static final double AUTO_LOG_RATIO = 20;

    /** How the y axis is scaled. */
    public enum YScale { LINEAR, LOG, AUTO }

    private enum Style { MEASURED, MEASURED_SECONDARY, CURVE, PREDICTED, GUIDE, WHISKERS }

    /** For {@link Style#WHISKERS}, {@code y} holds the lows and {@code high} the highs; null otherwise. */
    private record Line(String name, Color color, double[] x, double[] y, Style style, double[] high) {
        Line(String name, Color color, double[] x, double[] y, Style style) {
            this(name, color, x, y, style, null);
        }
    }

    private final String title;
    private final String xTitle;
    private final String yTitle;
    private final List<Line> lines = new ArrayList<>();
    private boolean logX;
    private YScale yScale = YScale.LINEAR;
    private Double yMin;
    private Double yMax;
    private int width = Charts.WIDTH;
    private int height = Charts.HEIGHT;

    public LineChart(String title, String xTitle, String yTitle) {
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
    }

    public LineChart logX() {
        this.logX = true;
        return this;
    }

    public LineChart y(YScale scale) {
        this.yScale = scale;
        return this;
    }

    /** Fixes the y range of a linear axis (e.g. 0 .. 105 for percentages). */
    public LineChart yRange(double min, double max) {
        this.yMin = min;
        this.yMax = max;
        return this;
    }

    public LineChart size(int w, int h) {
        this.width = w;
        this.height = h;
        return this;
    }

    /** Measured points, joined by a solid line, with round markers. */
    public LineChart measured(String name, Color color, double[] x, double[] y) {
        lines.add(new Line(name, color, x, y, Style.MEASURED));
        return this;
    }

    /** Measured values too many to mark one by one (a distribution): a solid line without markers. */
    public LineChart curve(String name, Color color, double[] x, double[] y) {
        lines.add(new Line(name, color, x, y, Style.CURVE));
        return this;
    }

    /** Measured points of a second kind beside {@link #measured} ones of the same colour: dashed, with square markers. */
    public LineChart measuredSecondary(String name, Color color, double[] x, double[] y) {
        lines.add(new Line(name, color, x, y, Style.MEASURED_SECONDARY));
        return this;
    }

    /**
     * The spread of measured points: a thin vertical bar from {@code low[i]} to {@code high[i]} at
     * each {@code x[i]} (min–max of repetitions), in the line's colour, not in the legend.
     */
    public LineChart whiskers(String name, Color color, double[] x, double[] low, double[] high) {
        lines.add(new Line(name, color, x, low, Style.WHISKERS, high));
        return this;
    }

    /** A prediction: a dashed line without markers. */
    public LineChart predicted(String name, Color color, double[] x, double[] y) {
        lines.add(new Line(name, color, x, y, Style.PREDICTED));
        return this;
    }

    /**
     * A guide line with no legend entry (a marked value such as a knee, named by a measured line's
     * legend): thin, dashed, no markers. {@code name} only has to be unique in the chart.
     */
    public LineChart guide(String name, Color color, double[] x, double[] y) {
        lines.add(new Line(name, color, x, y, Style.GUIDE));
        return this;
    }

    /** True when the y axis of {@link #build} is logarithmic. */
    public boolean yIsLog() {
        if (yScale != YScale.AUTO) return yScale == YScale.LOG;
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Line l : lines) {
            for (double v : l.y()) {
                if (v > 0) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            if (l.high() != null) {
                for (double v : l.high()) if (v > 0) max = Math.max(max, v);
            }
        }
        return max > 0 && max / min > AUTO_LOG_RATIO;
    }

    public XYChart build() {
        boolean logY = yIsLog();
        XYChart chart = Charts.xy(title, xTitle, yTitle, width, height);
        double xMin = Double.MAX_VALUE, xMax = -Double.MAX_VALUE, lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (Line l : lines) {
            if (l.style() == Style.WHISKERS) {
                for (int i = 0; i < l.x().length; i++) {
                    double low = l.y()[i];
                    double high = l.high()[i];
                    if ((logX && l.x()[i] <= 0) || (logY && low <= 0) || !Double.isFinite(low) || !Double.isFinite(high)
                            || high <= low) {
                        continue;
                    }
                    XYSeries w = chart.addSeries(l.name() + " " + i, new double[] {l.x()[i], l.x()[i]}, new double[] {low, high});
                    w.setLineColor(l.color());
                    w.setMarker(SeriesMarkers.NONE);
                    w.setShowInLegend(false);
                    w.setLineStyle(new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
                    xMin = Math.min(xMin, l.x()[i]);
                    xMax = Math.max(xMax, l.x()[i]);
                    lo = Math.min(lo, low);
                    hi = Math.max(hi, high);
                }
                continue;
            }
            List<double[]> kept = new ArrayList<>();
            for (int i = 0; i < l.x().length; i++) {
                if ((logX && l.x()[i] <= 0) || (logY && l.y()[i] <= 0) || !Double.isFinite(l.y()[i])) continue;
                kept.add(new double[] {l.x()[i], l.y()[i]});
            }
            if (kept.isEmpty()) continue;
            double[] x = kept.stream().mapToDouble(p -> p[0]).toArray();
            double[] y = kept.stream().mapToDouble(p -> p[1]).toArray();
            XYSeries s = chart.addSeries(l.name(), x, y);
            s.setLineColor(l.color());
            s.setMarkerColor(l.color());
            boolean predicted = l.style() == Style.PREDICTED || l.style() == Style.GUIDE;
            if (l.style() == Style.GUIDE) s.setShowInLegend(false);
            boolean dashed = predicted || l.style() == Style.MEASURED_SECONDARY;
            s.setMarker(switch (l.style()) {
                case MEASURED -> SeriesMarkers.CIRCLE;
                case MEASURED_SECONDARY -> SeriesMarkers.SQUARE;
                default -> SeriesMarkers.NONE;
            });
            float[] dash = dashed ? SeriesLines.DASH_DASH.getDashArray() : null;
            s.setLineStyle(new BasicStroke(predicted ? 2f : 2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10,
                    dash, 0));
            for (int i = 0; i < x.length; i++) {
                xMin = Math.min(xMin, x[i]);
                xMax = Math.max(xMax, x[i]);
                lo = Math.min(lo, y[i]);
                hi = Math.max(hi, y[i]);
            }
        }
        var styler = chart.getStyler();
        styler.setMarkerSize(9);
        // below the plot; one entry per row when they would not fit side by side
        int legendChars = lines.stream().filter(l -> l.style() != Style.WHISKERS && l.style() != Style.GUIDE)
                .mapToInt(l -> l.name().length() + 8).sum();
        styler.setLegendPosition(LegendPosition.OutsideS);
        styler.setLegendLayout(legendChars * 7 < width - 40 ? LegendLayout.Horizontal : LegendLayout.Vertical);
        styler.setXAxisDecimalPattern("#,##0.###");
        styler.setYAxisDecimalPattern("#,##0.###");
        if (chart.getSeriesMap().isEmpty()) {
            chart.setTitle(title + " (no data)");
            chart.addSeries("no data", new double[] {1, 10}, new double[] {1, 1});
            return chart;
        }
        if (logX) {
            styler.setXAxisLogarithmic(true);
            styler.setXAxisMin(Math.min(xMin / 1.5, decadeBelow(xMin)));
            styler.setXAxisMax(xMax * 1.5);
        } else {
            styler.setXAxisMin(Math.min(0, xMin));
            styler.setXAxisMax(xMax * 1.05);
        }
        if (logY) {
            styler.setYAxisLogarithmic(true);
            styler.setYAxisMin(Math.min(lo / 1.6, decadeBelow(lo)));
            styler.setYAxisMax(hi * 1.6);
        } else {
            styler.setYAxisMin(yMin != null ? yMin : Math.min(0, lo));
            styler.setYAxisMax(yMax != null ? yMax : hi <= 0 ? 1 : hi * 1.12);
        }
        return chart;
    }

    /**
     * The power of ten at or below {@code x}: a log axis starting there has a labelled decade at its
     * left or bottom end (XChart labels only decades on log axes).
     */
    static double decadeBelow(double x) {
        return Math.pow(10, Math.floor(Math.log10(x) + 1e-9));
    }
}
