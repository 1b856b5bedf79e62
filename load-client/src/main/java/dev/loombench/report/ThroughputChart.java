package dev.loombench.report;

import dev.loombench.client.ErrorClass;
import dev.loombench.client.Interval;
import dev.loombench.client.RunResult;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.Styler.YAxisPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One run over time: verified requests/s per interval on the left axis (in the model's colour)
 * and failures per interval on the right axis (red-brown, one line per failure class that occurred,
 * one line for all of them when more than three did, or a flat "none" line). Points sit at the middle of their interval.
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
        XYSeries throughput = chart.addSeries("verified requests/s (left axis)", t, rps);
        throughput.setLineColor(model);
        throughput.setMarkerColor(model);
        throughput.setLineStyle(SeriesLines.SOLID);

        // one line per failure class that occurred; all classes in one line when more than three did
        Map<ErrorClass, double[]> perClass = new EnumMap<>(ErrorClass.class);
        double[] all = new double[t.length];
        for (int i = 0; i < n; i++) {
            for (Map.Entry<ErrorClass, Long> e : intervals.get(i).errors().entrySet()) {
                if (e.getValue() == 0) continue;
                perClass.computeIfAbsent(e.getKey(), c -> new double[t.length])[i] += e.getValue();
                all[i] += e.getValue();
            }
        }
        double maxErrors = Arrays.stream(all).max().orElse(0);
        if (perClass.isEmpty()) {
            addErrorSeries(chart, "failures: none (right axis)", t, all, 0);
        } else if (perClass.size() > 3) {
            addErrorSeries(chart, "failures, all classes (right axis)", t, all, 0);
        } else {
            int k = 0;
            for (Map.Entry<ErrorClass, double[]> e : perClass.entrySet()) {
                addErrorSeries(chart, e.getKey().label() + " (right axis)", t, e.getValue(), k++);
            }
        }
        double maxRps = Arrays.stream(rps).max().orElse(0);

        var styler = chart.getStyler();
        styler.setMarkerSize(n <= 30 ? 6 : 0);
        styler.setLegendPosition(LegendPosition.OutsideS);
        styler.setLegendLayout(LegendLayout.Horizontal);
        styler.setYAxisMin(0, 0.0);
        styler.setYAxisMax(0, Math.max(10, maxRps * 1.1));
        styler.setYAxisMin(1, 0.0);
        styler.setYAxisMax(1, Math.max(5, Math.ceil(maxErrors * 1.1)));
        styler.setYAxisGroupPosition(1, YAxisPosition.Right);
        chart.setYAxisGroupTitle(1, "failures per interval");
        styler.setYAxisGroupTickLabelsColorMap(1, Charts.ERROR_COLOR);
        styler.setYAxisGroupTickLabelsColorMap(0, model.darker());
        styler.putYAxisGroupDecimalPatternMap(1, "#,##0");
        styler.putYAxisGroupDecimalPatternMap(0, "#,##0");
        styler.setXAxisMin(0.0);
        if (n > 0) styler.setXAxisMax(intervals.get(n - 1).startSeconds() + intervals.get(n - 1).lengthSeconds());
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
