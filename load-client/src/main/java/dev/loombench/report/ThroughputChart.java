package dev.loombench.report;

import dev.loombench.client.ErrorClass;
import dev.loombench.client.Interval;
import dev.loombench.client.RunResult;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.YAxisPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One run over time: verified requests/s per interval on the left axis (in the model's colour)
 * and failures per interval on the right axis (red-brown, one line per error class that occurred,
 * or a flat "no errors" line). Points sit at the middle of their interval.
 */
public final class ThroughputChart {

    private ThroughputChart() {}

    public static void write(RunResult r, String title, Path file) throws IOException {
        Charts.writePng(create(r, title), file);
    }

    public static XYChart create(RunResult r, String title) {
        List<Interval> intervals = r.intervals();
        int n = intervals.size();
        double[] t = new double[Math.max(1, n)];
        double[] rps = new double[t.length];
        for (int i = 0; i < n; i++) {
            Interval in = intervals.get(i);
            t[i] = in.startSeconds() + in.lengthSeconds() / 2;
            rps[i] = in.requestsPerSecond();
        }
        XYChart chart = Charts.xy(title, "time since the measured phase began (s)", "verified requests/s",
                Charts.WIDTH, Charts.HEIGHT);
        Color model = Charts.colorFor(r.impl());
        XYSeries throughput = chart.addSeries("requests/s (left axis)", t, rps);
        throughput.setLineColor(model);
        throughput.setMarkerColor(model);
        throughput.setLineStyle(SeriesLines.SOLID);

        int errorSeries = 0;
        double maxErrors = 0;
        for (ErrorClass c : ErrorClass.values()) {
            double[] counts = new double[t.length];
            double total = 0;
            for (int i = 0; i < n; i++) {
                counts[i] = intervals.get(i).errors().getOrDefault(c, 0L);
                total += counts[i];
                maxErrors = Math.max(maxErrors, counts[i]);
            }
            if (total == 0) continue;
            addErrorSeries(chart, c.label() + " per interval (right axis)", t, counts, errorSeries++);
        }
        if (errorSeries == 0) addErrorSeries(chart, "errors per interval: none (right axis)", t, new double[t.length], 0);

        var styler = chart.getStyler();
        styler.setMarkerSize(n <= 30 ? 6 : 0);
        styler.setYAxisMin(0, 0.0);
        styler.setYAxisMin(1, 0.0);
        styler.setYAxisMax(1, Math.max(5, Math.ceil(maxErrors * 1.1)));
        styler.setYAxisGroupPosition(1, YAxisPosition.Right);
        chart.setYAxisGroupTitle(1, "failures per interval");
        styler.setYAxisGroupTickLabelsColorMap(1, Charts.ERROR_COLOR);
        styler.setYAxisGroupTickLabelsColorMap(0, model.darker());
        styler.putYAxisGroupDecimalPatternMap(1, "#,##0");
        styler.putYAxisGroupDecimalPatternMap(0, "#,##0");
        styler.setXAxisMin(0.0);
        return chart;
    }

    private static void addErrorSeries(XYChart chart, String name, double[] t, double[] counts, int index) {
        XYSeries s = chart.addSeries(name, t, counts);
        s.setYAxisGroup(1);
        s.setLineColor(Charts.variant(Charts.ERROR_COLOR, index));
        s.setMarkerColor(Charts.variant(Charts.ERROR_COLOR, index));
        s.setMarker(SeriesMarkers.DIAMOND);
        s.setLineStyle(index % 2 == 0 ? SeriesLines.DASH_DASH : SeriesLines.DOT_DOT);
    }
}
