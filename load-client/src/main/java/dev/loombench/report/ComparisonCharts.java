package dev.loombench.report;

import dev.loombench.client.ErrorClass;
import dev.loombench.report.ComparisonWriter.Group;
import dev.loombench.report.ComparisonWriter.Run;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The three charts of {@link ComparisonWriter}: overlaid latency curves, throughput bars with a dot
 * per run, failure bars.
 */
final class ComparisonCharts {

    /** Repeated models are told apart by line style as well as by shade. */
    private static final BasicStroke[] LINES = {SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT};
    private static final Color DOT = new Color(0x222222);

    private ComparisonCharts() {}

    /**
     * Every run's corrected round-trip curve (the {@code latency} intervals of its hlog, summed). A
     * group's runs share its colour and line style, so repetitions draw a band; the legend names a
     * group once.
     */
    static void latency(List<Group> groups, Path file) throws IOException {
        List<LatencyChart.Curve> curves = new ArrayList<>();
        int runs = 0;
        for (Group g : groups) {
            for (Run r : g.runs()) {
                boolean first = r == g.runs().getFirst();
                boolean alone = g.runs().size() == 1;
                String name = alone ? g.label() : g.label() + " - " + g.runs().size() + " runs, one curve each";
                curves.add(new LatencyChart.Curve(name, r.latency(), r.color(), LINES[r.repeat() % LINES.length],
                        alone ? LatencyChart.Legend.FIGURES : first ? LatencyChart.Legend.NAME : LatencyChart.Legend.NONE));
                runs++;
            }
        }
        LatencyChart.write("corrected round-trip latency by percentile - " + runs + " runs", curves, file);
    }

    /**
     * One bar per group at its median requests/s, in its colour, and a dot for each run of a group
     * of several: the dots are the spread.
     */
    static CategoryChart throughput(List<Group> groups) {
        int most = groups.stream().mapToInt(g -> g.runs().size()).max().orElse(1);
        CategoryChart chart = Charts.bars("verified throughput - " + (most > 1 ? "bar: median, dots: each run"
                : "one run each"), "group", "requests/s");
        List<String> labels = groups.stream().map(Group::label).toList();
        chart.getStyler().setOverlapped(true); // one bar per category: each group is its own series
        double max = 10;
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            List<Double> values = new ArrayList<>(Collections.nCopies(labels.size(), (Double) null));
            values.set(i, g.figures().requestsPerSecond().median());
            chart.addSeries(g.label(), labels, values).setFillColor(g.color());
            for (Run r : g.runs()) max = Math.max(max, r.summary().throughput().requestsPerSecond());
        }
        for (int k = 0; k < most; k++) {
            List<Double> dots = new ArrayList<>();
            for (Group g : groups) {
                dots.add(g.runs().size() > 1 && k < g.runs().size()
                        ? g.runs().get(k).summary().throughput().requestsPerSecond() : null);
            }
            if (dots.stream().allMatch(java.util.Objects::isNull)) continue;
            CategorySeries s = chart.addSeries("run " + (k + 1), labels, dots);
            s.setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(DOT);
            s.setShowInLegend(false);
        }
        chart.getStyler().setDecimalPattern("#,##0");
        chart.getStyler().setLegendVisible(false); // the categories name the groups
        chart.getStyler().setLabelsVisible(false);
        chart.getStyler().setMarkerSize(8);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(max * 1.15);
        if (labels.size() > 4) chart.getStyler().setXAxisLabelRotation(20);
        return chart;
    }

    /** Groups = failure classes that occurred in any run (one empty group if none did), one bar per run. */
    static CategoryChart errors(List<Run> runs) {
        Set<String> classes = new LinkedHashSet<>();
        for (ErrorClass c : ErrorClass.values()) {
            for (Run r : runs) {
                if (r.summary().errors().byClass().getOrDefault(c.label(), 0L) > 0) classes.add(c.label());
            }
        }
        boolean none = classes.isEmpty();
        if (none) classes.add("all classes");
        CategoryChart chart = Charts.bars("failures by class" + (none ? " - none in any run" : "") + " - "
                + runs.size() + " runs", "failure class", "failures in the measured phase");
        List<String> categories = List.copyOf(classes);
        for (Run r : runs) {
            List<Long> counts = new ArrayList<>(); // zero is drawn as no bar at all, without a "0" label
            for (String c : categories) {
                long n = r.summary().errors().byClass().getOrDefault(c, 0L);
                counts.add(n == 0 ? null : n);
            }
            CategorySeries s = chart.addSeries(r.label(), categories, counts);
            s.setFillColor(r.color());
        }
        chart.getStyler().setDecimalPattern("#,##0");
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
        long max = runs.stream().mapToLong(r -> r.summary().errors().byClass().values().stream()
                .mapToLong(Long::longValue).max().orElse(0)).max().orElse(0);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(Math.max(5, max * 1.15));
        if (categories.size() > 4) chart.getStyler().setXAxisLabelRotation(20); // long class names would collide
        return chart;
    }
}
