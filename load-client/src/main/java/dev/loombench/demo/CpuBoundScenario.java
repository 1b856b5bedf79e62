package dev.loombench.demo;

import dev.loombench.client.Interval;
import dev.loombench.client.LoadConfig;
import dev.loombench.client.RunResult;
import dev.loombench.protocol.Protocol;
import dev.loombench.report.Charts;
import dev.loombench.serve.Durations;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;

/**
 * CPU-bound work: {@code --spin} computes for a fixed amount of CPU per request on the serving
 * thread. Whatever the threading, a server with C cores can then make at most C / spin requests
 * per second; more threads only share the same cores. Every model that can use all the cores
 * (a pool sized to them, a thread per client, virtual threads, C event loops) lands near that
 * ceiling; virtual threads add no capacity; {@code nio} with its default single loop uses one
 * core and stops near 1 / spin. The load is {@code rfc868}, a connection per request, so that the
 * pool of C workers serves every client, not just C long-lived ones.
 */
final class CpuBoundScenario implements Scenario {

    /** A model as this scenario runs it: its label, kind and settings. */
    private record Variant(String label, ServerKind kind, ServerConfig server, boolean allCores) {}

    private record Sizes(Duration spin, int clients, Duration warmup, Duration measured) {}

    private static Sizes sizes(Scale scale) {
        return scale.pick(new Sizes(Duration.ofMillis(1), 32, Duration.ofSeconds(2), Duration.ofSeconds(5)),
                new Sizes(Duration.ofMillis(1), 16, Duration.ofSeconds(1), Duration.ofSeconds(2)),
                new Sizes(Duration.ofMillis(1), 4, Duration.ZERO, Duration.ofMillis(500)));
    }

    private static List<Variant> variants(Sizes z, int cores) {
        ServerConfig base = ServerConfig.defaults().withProtocol(Protocol.RFC868).withSpin(z.spin());
        return List.of(
                new Variant("pool (" + cores + ")", ServerKind.POOL, base.withPool(cores, ServerConfig.UNBOUNDED), true),
                new Variant("thread", ServerKind.THREAD, base, true),
                new Variant("virtual", ServerKind.VIRTUAL, base, true),
                new Variant("nio (1 loop)", ServerKind.NIO, base, false),
                new Variant("nio (" + cores + " loops)", ServerKind.NIO, base.withLoops(cores), true),
                new Variant("netty (" + cores + " loops)", ServerKind.NETTY, base.withLoops(cores), true),
                new Variant("async (" + cores + " loops)", ServerKind.ASYNC, base.withLoops(cores), true));
    }

    @Override
    public String id() {
        return "6-cpu-bound";
    }

    @Override
    public String title() {
        return "CPU-bound work: the cores are the ceiling";
    }

    @Override
    public double estimateSeconds(Scale scale) {
        Sizes z = sizes(scale);
        return 7 * (z.warmup().toMillis() / 1e3 + z.measured().toMillis() / 1e3 + 2.5);
    }

    @Override
    public Finding run(DemoContext ctx) throws Exception {
        Sizes z = sizes(ctx.scale());
        int cores = Runtime.getRuntime().availableProcessors(); // the child servers run on this machine, unpinned
        double spinMs = z.spin().toNanos() / 1e6;
        double ceiling = cores * 1000 / spinMs;
        double oneCore = 1000 / spinMs;
        LoadConfig load = LoadConfig.defaults().withProtocol(Protocol.RFC868).withClients(z.clients())
                .withPhases(z.warmup(), z.measured());
        List<Variant> variants = variants(z, cores);
        Map<Variant, RunResult> runs = new LinkedHashMap<>();
        for (Variant v : variants) runs.put(v, ctx.run(v.label() + ", " + Text.clients(z.clients()), v.kind(), v.server(), load));

        String file = id() + ".png";
        Charts.writePng(chart(z, cores, runs, ceiling, oneCore), ctx.out().resolve(file));

        Variant pool = variants.getFirst();
        Variant virtual = variants.get(2);
        double best = runs.values().stream().mapToDouble(RunResult::requestsPerSecond).max().orElse(0);
        boolean allCapped = runs.entrySet().stream().filter(e -> e.getKey().allCores())
                .allMatch(e -> e.getValue().requestsPerSecond() <= 1.1 * ceiling && e.getValue().requestsPerSecond() >= 0.5 * ceiling);
        boolean virtualAddsNothing = runs.get(virtual).requestsPerSecond() <= 1.1 * runs.get(pool).requestsPerSecond();
        boolean poolAsGood = runs.get(pool).requestsPerSecond() >= 0.85 * best;
        boolean shown = allCapped && virtualAddsNothing && poolAsGood;

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("spinMs", spinMs);
        data.put("cores", cores);
        data.put("clients", z.clients());
        data.put("ceilingRequestsPerSecond", ceiling);
        data.put("oneCoreRequestsPerSecond", oneCore);
        Map<String, Object> measured = new LinkedHashMap<>();
        runs.forEach((v, r) -> measured.put(v.label(), figures(r)));
        data.put("measured", measured);
        String headline = String.format(Locale.ROOT, "ceiling %s req/s: pool %s, virtual %s, netty %s, nio (1 loop) %s",
                Text.n(ceiling), Text.n(runs.get(pool).requestsPerSecond()), Text.n(runs.get(virtual).requestsPerSecond()),
                Text.n(runs.get(variants.get(5)).requestsPerSecond()), Text.n(runs.get(variants.get(3)).requestsPerSecond()));
        return new Finding(headline, List.of(file), text(z, cores, ceiling, oneCore, runs, pool, virtual, best, allCapped,
                virtualAddsNothing, poolAsGood), shown, data);
    }

    private static CategoryChart chart(Sizes z, int cores, Map<Variant, RunResult> runs, double ceiling, double oneCore) {
        List<String> labels = runs.keySet().stream().map(Variant::label).toList();
        CategoryChart chart = Charts.bars(String.format(Locale.ROOT, "CPU-bound work: --spin %s per request, %s (rfc868)",
                        Text.ms(z.spin().toNanos() / 1e6), Text.clients(z.clients())), "model", "verified requests/s");
        chart.getStyler().setOverlapped(true); // one bar per category: full width, not offset by the other series
        chart.getStyler().setLabelsVisible(false); // the figures are in the table; labels would also mark every point of the lines
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        int i = 0;
        for (Map.Entry<Variant, RunResult> e : runs.entrySet()) {
            Double[] values = new Double[labels.size()];
            values[i++] = e.getValue().requestsPerSecond();
            chart.addSeries(e.getKey().label(), labels, Arrays.asList(values)).setFillColor(Charts.colorFor(e.getKey().kind().cliName()));
        }
        line(chart, "predicted ceiling: " + cores + " cores / spin = " + Text.n(ceiling) + " req/s", labels, ceiling, Charts.CONNECT_COLOR);
        line(chart, "one core / spin = " + Text.n(oneCore) + " req/s", labels, oneCore, Charts.variant(Charts.CONNECT_COLOR, 1));
        return chart;
    }

    private static void line(CategoryChart chart, String name, List<String> labels, double value, java.awt.Color color) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) values.add(value);
        CategorySeries s = chart.addSeries(name, labels, values);
        s.setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Line);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        s.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
    }

    private static String text(Sizes z, int cores, double ceiling, double oneCore, Map<Variant, RunResult> runs, Variant pool,
                               Variant virtual, double best, boolean allCapped, boolean virtualAddsNothing, boolean poolAsGood) {
        String spin = Text.ms(z.spin().toNanos() / 1e6);
        StringBuilder b = new StringBuilder();
        b.append("`--spin ").append(Durations.format(z.spin())).append("` makes every request compute for ").append(spin)
                .append(" of CPU on its serving thread (a fixed number of steps, calibrated per JVM, so a thread that is")
                .append(" descheduled mid-request still owes the rest). With ").append(cores).append(" cores no server can")
                .append(" make more than ").append(cores).append(" / ").append(spin).append(" = **").append(Text.n(ceiling))
                .append(" req/s**, however it maps requests onto threads: threads beyond the cores only take turns on them.")
                .append(" `rfc868` (a connection per request), ").append(Text.clients(z.clients()))
                .append(", so a pool of ").append(cores).append(" workers serves every client. The load client shares the cores,")
                .append(" so every model lands somewhat below the ceiling.\n\n");
        b.append("| model | req/s | of the ceiling | server CPU per request | p99 | served | errors |\n|---|---:|---:|---:|---:|---:|---:|\n");
        runs.forEach((v, r) -> {
            double cpu = cpuPerRequestMs(r);
            b.append("| ").append(v.label()).append(" | ").append(Text.n(r.requestsPerSecond())).append(" | ")
                    .append(Text.pct(100 * r.requestsPerSecond() / ceiling)).append(" | ")
                    .append(cpu > 0 ? Text.ms(cpu) : "n/a").append(" | ").append(Text.ms(ms(r, 99))).append(" | ")
                    .append(r.fairness().served()).append("/").append(r.clients()).append(" | ").append(Text.n(r.totalErrors()))
                    .append(" |\n");
        });
        b.append('\n');
        double poolRps = runs.get(pool).requestsPerSecond();
        double virtualRps = runs.get(virtual).requestsPerSecond();
        if (allCapped) {
            b.append("**Every model that can use all ").append(cores).append(" cores lands near the ceiling** (between ")
                    .append(Text.pct(100 * runs.entrySet().stream().filter(e -> e.getKey().allCores())
                            .mapToDouble(e -> e.getValue().requestsPerSecond()).min().orElse(0) / ceiling))
                    .append(" and ").append(Text.pct(100 * best / ceiling)).append(" of it). ");
        } else {
            b.append("**Not every model that can use all the cores landed between half the ceiling and the ceiling**; see the")
                    .append(" table. ");
        }
        b.append(virtualAddsNothing
                ? "**Virtual threads add no capacity**: `virtual` made " + Text.n(virtualRps) + " req/s against the pool's "
                        + Text.n(poolRps) + ": a virtual thread that computes holds its carrier, and there are only " + cores
                        + " carriers. "
                : "`virtual` made " + Text.n(virtualRps) + " req/s, more than 1.1x the pool's " + Text.n(poolRps)
                        + ", which CPU-bound work should not allow; see the table. ");
        b.append(poolAsGood
                ? "**A pool of " + cores + " workers, one per core, is as good as anything here** (" + Text.pct(100 * poolRps / best)
                        + " of the best). "
                : "The pool of " + cores + " workers made " + Text.pct(100 * poolRps / best) + " of the best model's throughput,"
                        + " less than the 85 % expected. ");
        RunResult nio = runs.entrySet().stream().filter(e -> !e.getKey().allCores()).findFirst().orElseThrow().getValue();
        b.append("`nio` with its one loop computes on one core: ").append(Text.n(nio.requestsPerSecond()))
                .append(" req/s against one core / spin = ").append(Text.n(oneCore))
                .append("; with one loop per core it joins the others. `--think` (a sleep) is the opposite case: there")
                .append(" virtual threads multiply capacity (scenario 2).\n");
        return b.toString();
    }

    /** Server CPU time over the measured phase per verified request, ms; 0 when the server's CPU was not sampled. */
    static double cpuPerRequestMs(RunResult r) {
        List<Interval> sampled = r.intervals().stream().filter(i -> i.server() != null && i.server().cpuNanos() >= 0).toList();
        if (sampled.size() < 2) return 0;
        long cpu = sampled.getLast().server().cpuNanos() - sampled.getFirst().server().cpuNanos();
        long requests = 0;
        boolean counting = false;
        for (Interval i : r.intervals()) {
            if (counting) requests += i.requests();
            if (i == sampled.getFirst()) counting = true;
            if (i == sampled.getLast()) break;
        }
        return requests > 0 && cpu > 0 ? cpu / 1e6 / requests : 0;
    }

    private static Map<String, Object> figures(RunResult r) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("requestsPerSecond", r.requestsPerSecond());
        f.put("serverCpuPerRequestMs", cpuPerRequestMs(r));
        f.put("p50Ms", ms(r, 50));
        f.put("p99Ms", ms(r, 99));
        f.put("served", r.fairness().served());
        f.put("errors", r.totalErrors());
        return f;
    }

    private static double ms(RunResult r, double percentile) {
        return r.latency().getTotalCount() == 0 ? 0 : r.latency().getValueAtPercentile(percentile) / 1e6;
    }
}
