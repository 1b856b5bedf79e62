package dev.loombench.report;

import dev.loombench.client.ErrorClass;
import dev.loombench.report.ComparisonWriter.Run;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;

/** The three charts of {@link ComparisonWriter}: overlaid latency curves, throughput bars, failure bars. */
final class ComparisonCharts {

    /** Repeated models are told apart by line style as well as by shade. */
    private static final BasicStroke[] LINES = {SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT};

    private ComparisonCharts() {}

    /** Every run's corrected round-trip curve (the {@code latency} intervals of its hlog, summed). */
    static void latency(List<Run> runs, Path file) throws IOException {
        List<LatencyChart.Curve> curves = new ArrayList<>();
        for (Run r : runs) {
            curves.add(new LatencyChart.Curve(r.label(), r.latency(), r.color(), LINES[r.repeat() % LINES.length]));
        }
        LatencyChart.write("corrected round-trip latency by percentile - " + runs.size() + " runs", curves, file);
    }

    /** Groups = load points (clients, protocol), one bar per model; a repeated model at one load point gets its own bar. */
    static CategoryChart throughput(List<Run> runs) {
        CategoryChart chart = Charts.bars("verified throughput - " + runs.size() + " runs", "load point",
                "requests/s");
        List<String> groups = new ArrayList<>(new LinkedHashSet<>(runs.stream().map(ComparisonCharts::loadPoint).toList()));
        Map<String, Double[]> bars = new LinkedHashMap<>();
        Map<String, Color> colors = new HashMap<>();
        for (Run r : runs) {
            int g = groups.indexOf(loadPoint(r));
            String key = r.summary().impl();
            for (int k = 2; bars.containsKey(key) && bars.get(key)[g] != null; k++) key = r.summary().impl() + " #" + k;
            bars.computeIfAbsent(key, x -> new Double[groups.size()])[g] = r.summary().throughput().requestsPerSecond();
            colors.putIfAbsent(key, r.color());
        }
        bars.forEach((key, values) -> chart.addSeries(key, groups, Arrays.asList(values))
                .setFillColor(colors.get(key)));
        double max = runs.stream().mapToDouble(r -> r.summary().throughput().requestsPerSecond()).max().orElse(0);
        chart.getStyler().setDecimalPattern("#,##0");
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(Math.max(10, max * 1.15));
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

    private static String loadPoint(Run r) {
        Summary s = r.summary();
        return s.clients() + " clients, " + s.protocol()
                + (s.openLoop() == null ? "" : " @" + Human.count(s.openLoop().targetRequestsPerSecond()) + "/s");
    }
}
