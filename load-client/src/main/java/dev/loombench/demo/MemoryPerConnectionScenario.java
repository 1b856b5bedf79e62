package dev.loombench.demo;

import dev.loombench.client.ChildServer;
import dev.loombench.client.ProcessResources;
import dev.loombench.client.ResourceSample;
import dev.loombench.report.Charts;
import dev.loombench.report.LineChart;
import dev.loombench.run.ModelRunner;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.knowm.xchart.XYChart;

/**
 * Memory per connection: OS threads, RSS and live heap of {@code thread}, {@code virtual} and
 * {@code nio} servers holding 1k, 2k and 5k idle echo connections ({@link IdleConnections}), and
 * the cost of one connection from the slope. The heap is fixed and pre-touched
 * ({@link #SERVER_JVM}), so RSS grows only by what lives outside the Java heap (thread stacks,
 * native thread structures); what lives on the heap is measured apart, as live heap after a full GC
 * ({@link LiveHeap}). Each figure is read once the server has settled (threads and RSS steady).
 */
final class MemoryPerConnectionScenario implements Scenario {

    /** The servers' JVM flags: one heap size for all, committed and touched up front; the default 1 MiB stacks, stated. */
    static final List<String> SERVER_JVM = List.of("-XX:+UseG1GC", "-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch", "-Xss1m");
    private static final List<ServerKind> MODELS = List.of(ServerKind.THREAD, ServerKind.VIRTUAL, ServerKind.NIO);
    private static final double KIB = 1024;

    /** One reading: connections open, the server's OS threads and RSS, and its live heap (-1 if unknown). */
    record Point(int connections, long threads, long rssBytes, long liveHeapBytes) {}

    /** The cost of one more idle connection, from the least-squares slope over the non-zero steps. */
    record PerConnection(double threads, double rssKib, double liveHeapKib) {
        double totalKib() {
            return rssKib + Math.max(0, liveHeapKib);
        }
    }

    private static List<Integer> steps(Scale scale) {
        return scale.pick(List.of(1000, 2000, 5000), List.of(500, 1000, 2000), List.of(50, 100, 200));
    }

    @Override
    public String id() {
        return "3-memory-per-connection";
    }

    @Override
    public String title() {
        return "Memory per connection";
    }

    @Override
    public double estimateSeconds(Scale scale) {
        return MODELS.size() * (2 + 4 * 0.8 + steps(scale).getLast() / 1000.0);
    }

    @Override
    public Finding run(DemoContext ctx) throws Exception {
        List<Integer> steps = steps(ctx.scale());
        Map<ServerKind, List<Point>> points = new LinkedHashMap<>();
        Map<ServerKind, PerConnection> cost = new LinkedHashMap<>();
        for (ServerKind kind : MODELS) {
            List<Point> p = measure(ctx, kind, steps);
            points.put(kind, p);
            cost.put(kind, perConnection(p));
        }
        String file = id() + ".png";
        int w = Charts.WIDTH;
        int h = 420;
        Charts.writeStacked(ctx.out().resolve(file), w, new int[] {h, h, h},
                panel("server OS threads", "OS threads", points, Point::threads, 1,
                        k -> String.format(Locale.ROOT, "%+.2f threads", cost.get(k).threads()), w, h),
                panel("server RSS growth since no connection (heap fixed and pre-touched)",
                        "RSS growth (MiB)", growth(points), Point::rssBytes, KIB * KIB,
                        k -> String.format(Locale.ROOT, "%+.1f KiB", cost.get(k).rssKib()), w, h),
                panel("live Java heap after a full GC", "live heap (MiB)", points, Point::liveHeapBytes, KIB * KIB,
                        k -> String.format(Locale.ROOT, "%+.1f KiB", cost.get(k).liveHeapKib()), w, h));
        PerConnection t = cost.get(ServerKind.THREAD);
        PerConnection v = cost.get(ServerKind.VIRTUAL);
        PerConnection n = cost.get(ServerKind.NIO);
        boolean shown = t.threads() > 0.9 && t.threads() < 1.1 && Math.abs(v.threads()) < 0.05 && Math.abs(n.threads()) < 0.05
                && t.totalKib() > v.totalKib();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("serverJvmArgs", SERVER_JVM);
        data.put("steps", steps);
        data.put("points", points.entrySet().stream().collect(LinkedHashMap::new,
                (m, e) -> m.put(e.getKey().cliName(), e.getValue()), Map::putAll));
        data.put("perConnection", cost.entrySet().stream().collect(LinkedHashMap::new,
                (m, e) -> m.put(e.getKey().cliName(), e.getValue()), Map::putAll));
        String headline = String.format(Locale.ROOT, "per idle connection: thread %s threads + %s KiB, virtual %s KiB,"
                + " nio %s KiB", Text.f(t.threads()), Text.f(t.totalKib()), Text.f(v.totalKib()), Text.f(n.totalKib()));
        return new Finding(headline, List.of(file), MemoryText.of(steps, points, cost, shown), shown, data);
    }

    private static List<Point> measure(DemoContext ctx, ServerKind kind, List<Integer> steps) throws Exception {
        List<Point> points = new ArrayList<>();
        try (ChildServer child = ctx.startServer(kind, ServerConfig.defaults(), SERVER_JVM);
             IdleConnections idle = new IdleConnections(ModelRunner.address(child, ServerConfig.defaults()))) {
            points.add(read(child.pid(), 0));
            for (int step : steps) {
                idle.growTo(step);
                Point p = read(child.pid(), idle.size());
                points.add(p);
                ctx.note(String.format(Locale.ROOT, "%s, %,d idle connections: %,d OS threads, RSS %.0f MiB, live heap %s",
                        kind, p.connections(), p.threads(), p.rssBytes() / KIB / KIB,
                        p.liveHeapBytes() < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f MiB", p.liveHeapBytes() / KIB / KIB)));
            }
        }
        return points;
    }

    /** Live heap first (its full GC and attach thread come before the /proc reading), then threads and RSS once steady. */
    private static Point read(long pid, int connections) throws InterruptedException {
        OptionalLong heap = LiveHeap.bytes(pid);
        ResourceSample s = settled(pid);
        return new Point(connections, s.threads(), s.rssBytes(), heap.orElse(-1));
    }

    /** A /proc sample once two readings 300 ms apart agree (same threads, RSS within 0.5%), at most ~5 s. */
    private static ResourceSample settled(long pid) throws InterruptedException {
        Thread.sleep(300);
        ResourceSample previous = ProcessResources.sample(pid);
        for (int i = 0; i < 15; i++) {
            Thread.sleep(300);
            ResourceSample now = ProcessResources.sample(pid);
            if (now == null) throw new IllegalStateException("the server (pid " + pid + ") is gone");
            if (previous != null && now.threads() == previous.threads()
                    && Math.abs(now.rssBytes() - previous.rssBytes()) < previous.rssBytes() / 200) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    static PerConnection perConnection(List<Point> points) {
        List<Point> steps = points.stream().filter(p -> p.connections() > 0).toList();
        double[] x = steps.stream().mapToDouble(Point::connections).toArray();
        double threads = Fit.of(x, steps.stream().mapToDouble(Point::threads).toArray()).slope();
        double rss = Fit.of(x, steps.stream().mapToDouble(p -> p.rssBytes() / KIB).toArray()).slope();
        boolean heapKnown = steps.stream().allMatch(p -> p.liveHeapBytes() >= 0);
        double heap = heapKnown ? Fit.of(x, steps.stream().mapToDouble(p -> p.liveHeapBytes() / KIB).toArray()).slope() : -1;
        return new PerConnection(threads, rss, heap);
    }

    /** The points with RSS counted from the reading at no connection. */
    private static Map<ServerKind, List<Point>> growth(Map<ServerKind, List<Point>> points) {
        Map<ServerKind, List<Point>> grown = new LinkedHashMap<>();
        points.forEach((kind, p) -> grown.put(kind, p.stream().map(q -> new Point(q.connections(), q.threads(),
                q.rssBytes() - p.getFirst().rssBytes(), q.liveHeapBytes())).toList()));
        return grown;
    }

    /** One panel: a figure of every model against connections, each legend entry with its slope. */
    private static XYChart panel(String title, String yTitle, Map<ServerKind, List<Point>> points,
                                 ToLongFunction<Point> figure, double unit, Function<ServerKind, String> slope, int w, int h) {
        LineChart chart = new LineChart(title, "idle connections", yTitle).size(w, h);
        for (Map.Entry<ServerKind, List<Point>> e : points.entrySet()) {
            List<Point> p = e.getValue().stream().filter(q -> figure.applyAsLong(q) >= 0).toList();
            chart.measured(e.getKey() + " (" + slope.apply(e.getKey()) + " per connection)",
                    Charts.colorFor(e.getKey().cliName()), p.stream().mapToDouble(Point::connections).toArray(),
                    p.stream().mapToDouble(q -> figure.applyAsLong(q) / unit).toArray());
        }
        return chart.build();
    }
}
