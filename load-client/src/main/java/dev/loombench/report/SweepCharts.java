package dev.loombench.report;

import dev.loombench.report.LineChart.YScale;
import dev.loombench.report.Sweep.Cell;
import dev.loombench.stats.Spread;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.XYChart;

/**
 * The charts of a {@link Sweep}: one figure per chart, one line per model in its colour, client
 * count on a log x axis. Cells that did not run, and figures a cell lacks, are left out of the line.
 * <pre>
 * throughput.png  verified requests/s          y log when it spans decades
 * p99.png         p99 round trip (ms)          y log when it spans decades
 * errors.png      failures in the measured phase
 * served.png      % of clients served at least once in the measured phase (fairness)
 * threads.png     the server's peak OS threads  y log when it spans decades
 * rss.png         the server's peak RSS (MB)
 * cpu.png         CPU per verified request (us): the server's (solid) and the load client's (dashed),
 *                 which tells who did the work on a shared machine
 * </pre>
 * With repetitions, each point is the cell's median and a thin vertical bar spans its min–max:
 * a zigzag the bars cover is noise, one they do not is the model.
 */
public final class SweepCharts {

    /** Chart file by role, in the order they are drawn (and listed in sweep.json and the README). */
    public static final Map<String, String> FILES = files();

    private SweepCharts() {}

    /** Writes every chart of {@code sweep} into {@code dir}. */
    public static void write(Sweep sweep, Path dir) throws IOException {
        for (Map.Entry<String, XYChart> chart : charts(sweep).entrySet()) {
            Charts.writePng(chart.getValue(), dir.resolve(FILES.get(chart.getKey())));
        }
    }

    /** The charts by role (the keys of {@link #FILES}). */
    public static Map<String, XYChart> charts(Sweep sweep) {
        int most = sweep.cells().stream().mapToInt(c -> c.spread() == null ? 1 : c.spread().requestsPerSecond().n()).max().orElse(1);
        String what = " - " + sweep.protocol() + ", " + sweep.impls().size() + " models"
                + (most > 1 ? ", median of " + most + " runs, bars min-max" : "");
        Map<String, XYChart> charts = new LinkedHashMap<>();
        charts.put("throughput", chart(sweep, "verified throughput vs clients" + what, "requests/s (verified)",
                YScale.AUTO, c -> c.requestsPerSecond(), spread(RepeatedFigures::requestsPerSecond, 1)));
        charts.put("p99", chart(sweep, "p99 round-trip latency vs clients" + what, "p99 round trip, censored included (ms)",
                YScale.AUTO, c -> c.p99Us() == null ? null : c.p99Us() / 1e3, spread(RepeatedFigures::p99Us, 1e-3)));
        charts.put("errors", chart(sweep, "failures vs clients" + what, "failures in the measured phase",
                YScale.LINEAR, c -> c.errors() == null ? null : c.errors().doubleValue(), spread(RepeatedFigures::errors, 1)));
        charts.put("served", addModels(new LineChart("clients served vs clients (fairness)" + what,
                "concurrent clients (log scale)", "clients served at least once in the measured phase (%)")
                .logX().yRange(0, 105), sweep, Cell::servedPct,
                c -> c.spread() == null || c.spread().served() == null ? null
                        : scaled(c.spread().served(), c.clients() == 0 ? 0 : 100.0 / c.clients())).build());
        charts.put("threads", chart(sweep, "server OS threads vs clients" + what, "server OS threads (peak)",
                YScale.AUTO, c -> c.peakOsThreads() == null ? null : c.peakOsThreads().doubleValue(),
                spread(RepeatedFigures::peakOsThreads, 1)));
        charts.put("rss", chart(sweep, "server memory vs clients" + what, "server RSS (peak, MB)",
                YScale.AUTO, c -> c.peakRssBytes() == null ? null : c.peakRssBytes() / 1e6, spread(RepeatedFigures::peakRssBytes, 1e-6)));
        LineChart cpu = new LineChart("CPU per verified request vs clients" + what, "concurrent clients (log scale)",
                "CPU per request (us): server solid, load client dashed").logX().y(YScale.AUTO);
        addModels(cpu, sweep, Cell::serverCpuUsPerRequest, spread(RepeatedFigures::serverCpuUsPerRequest, 1));
        for (String impl : sweep.impls()) {
            List<Cell> cells = cellsOf(sweep, impl, Cell::clientCpuUsPerRequest);
            cpu.measuredSecondary(impl + " (client)", Charts.colorFor(impl), cells.stream().mapToDouble(Cell::clients).toArray(),
                    cells.stream().mapToDouble(Cell::clientCpuUsPerRequest).toArray());
            whiskers(cpu, impl + " (client) min-max", impl, cells, spread(RepeatedFigures::clientCpuUsPerRequest, 1));
        }
        charts.put("cpu", cpu.build());
        return charts;
    }

    private static List<Cell> cellsOf(Sweep sweep, String impl, Function<Cell, Double> figure) {
        return sweep.cells().stream()
                .filter(c -> c.impl().equals(impl) && c.ran() && figure.apply(c) != null)
                .sorted(java.util.Comparator.comparingInt(Cell::clients)).toList();
    }

    private static XYChart chart(Sweep sweep, String title, String yTitle, YScale y, Function<Cell, Double> figure,
                                 Function<Cell, double[]> range) {
        LineChart chart = new LineChart(title, "concurrent clients (log scale)", yTitle).logX().y(y);
        return addModels(chart, sweep, figure, range).build();
    }

    private static LineChart addModels(LineChart chart, Sweep sweep, Function<Cell, Double> figure, Function<Cell, double[]> range) {
        for (String impl : sweep.impls()) {
            List<Cell> cells = cellsOf(sweep, impl, figure);
            double[] x = cells.stream().mapToDouble(Cell::clients).toArray();
            double[] v = cells.stream().mapToDouble(figure::apply).toArray();
            chart.measured(impl, Charts.colorFor(impl), x, v);
            whiskers(chart, impl + " min-max", impl, cells, range);
        }
        return chart;
    }

    /** Min–max bars of the cells that have a spread of more than one run. */
    private static void whiskers(LineChart chart, String name, String impl, List<Cell> cells, Function<Cell, double[]> range) {
        List<Cell> withRange = cells.stream().filter(c -> range.apply(c) != null).toList();
        if (withRange.isEmpty()) return;
        chart.whiskers(name, Charts.colorFor(impl), withRange.stream().mapToDouble(Cell::clients).toArray(),
                withRange.stream().mapToDouble(c -> range.apply(c)[0]).toArray(),
                withRange.stream().mapToDouble(c -> range.apply(c)[1]).toArray());
    }

    /** A cell's min and max of one figure, times {@code factor}; null for a single run or no spread. */
    private static Function<Cell, double[]> spread(Function<RepeatedFigures, Spread> figure, double factor) {
        return c -> c.spread() == null || figure.apply(c.spread()) == null ? null : scaled(figure.apply(c.spread()), factor);
    }

    private static double[] scaled(Spread s, double factor) {
        return s.n() < 2 ? null : new double[] {s.min() * factor, s.max() * factor};
    }

    private static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        for (String role : List.of("throughput", "p99", "errors", "served", "threads", "rss", "cpu")) files.put(role, role + ".png");
        return java.util.Collections.unmodifiableMap(files);
    }
}
