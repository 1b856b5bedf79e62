package dev.loombench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Draws JMH results as grouped bar charts with error bars: one PNG per benchmark class, mode and
 * unit; bars grouped by the server model ({@code impl}) or thread {@code kind} when the benchmark
 * has that parameter, else by method; one series per remaining parameter combination.
 */
public final class JmhCharts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final List<String> GROUPING_PARAMS = List.of("impl", "kind", "size");

    private JmhCharts() {}

    /** Writes the charts into {@code outDir} (created if needed) and returns their paths. */
    public static List<Path> write(List<JmhResult> results, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Map<String, List<JmhResult>> charts = new LinkedHashMap<>();
        for (JmhResult r : results) {
            charts.computeIfAbsent(r.className() + "-" + r.mode() + "-" + r.unit().replace('/', '_'), k -> new ArrayList<>()).add(r);
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, List<JmhResult>> e : charts.entrySet()) {
            Path file = outDir.resolve(e.getKey() + ".png");
            BitmapEncoder.saveBitmap(chart(e.getValue()), file.toString(), BitmapEncoder.BitmapFormat.PNG);
            written.add(file);
        }
        return written;
    }

    static CategoryChart chart(List<JmhResult> results) {
        JmhResult first = results.get(0);
        String grouping = GROUPING_PARAMS.stream().filter(first.params()::containsKey).findFirst().orElse(null);
        Set<String> groups = new LinkedHashSet<>();
        Map<String, Map<String, JmhResult>> series = new LinkedHashMap<>();
        for (JmhResult r : results) {
            String group = grouping == null ? r.method() : r.params().get(grouping);
            groups.add(group);
            series.computeIfAbsent(seriesName(r, grouping), k -> new LinkedHashMap<>()).put(group, r);
        }
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(600)
                .title(first.className() + " (" + modeName(first.mode()) + ", mean ± 99.9% CI)")
                .xAxisTitle(grouping == null ? "benchmark" : grouping)
                .yAxisTitle(first.unit() + (first.higherIsBetter() ? "  (higher is better)" : "  (lower is better)"))
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setErrorBarsColor(java.awt.Color.DARK_GRAY).setAxisTitlesVisible(true);
        chart.getStyler().setLabelsVisible(false).setChartTitleFont(new java.awt.Font("SansSerif", java.awt.Font.BOLD, 18));
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setYAxisMin(0.0); // a wide error bar must not draw a negative time or rate
        List<String> xs = new ArrayList<>(groups);
        series.forEach((name, byGroup) -> {
            List<Double> ys = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (String x : xs) {
                JmhResult r = byGroup.get(x);
                ys.add(r == null ? 0.0 : r.score());
                errors.add(r == null || Double.isNaN(r.error()) ? 0.0 : r.error());
            }
            chart.addSeries(name, xs, ys, errors);
        });
        return chart;
    }

    private static String seriesName(JmhResult r, String grouping) {
        List<String> parts = new ArrayList<>();
        if (grouping != null) parts.add(r.method());
        r.params().forEach((k, v) -> {
            if (!k.equals(grouping)) parts.add(k + "=" + v);
        });
        return parts.isEmpty() ? "score" : String.join(" ", parts);
    }

    private static String modeName(String mode) {
        return switch (mode) {
            case "thrpt" -> "throughput";
            case "avgt" -> "average time";
            case "sample" -> "sampled time";
            case "ss" -> "single shot";
            default -> mode;
        };
    }
}
