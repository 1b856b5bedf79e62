package dev.loombench.demo;

import dev.loombench.client.LoadConfig;
import dev.loombench.client.RunResult;
import dev.loombench.protocol.Protocol;
import dev.loombench.report.Charts;
import dev.loombench.report.LineChart;
import dev.loombench.run.PollerModes;
import dev.loombench.server.PollerMode;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.awt.Color;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The virtual-thread poller modes: how a virtual thread blocked in a socket read is woken
 * ({@code -Djdk.pollerMode}, see {@link PollerMode}). {@code virtual} runs once per mode the JDK
 * in use accepts (asked with {@link PollerModes#accepted}, never assumed), beside {@code thread}
 * (a platform thread woken by the kernel directly) and {@code netty} (the event-loop reference),
 * at 1, 100 and 1,000 echo clients: round trip (p50, p99) and throughput. One connection shows
 * the per-wake-up cost of each mode; many show whether it still matters when the server is busy.
 */
final class PollerModesScenario implements Scenario {

    /** A model as this scenario runs it. */
    private record Series(String label, ServerKind kind, List<String> jvmArgs, Color color) {}

    private record Sizes(List<Integer> clients, Duration warmup, Duration measured) {}

    private static Sizes sizes(Scale scale) {
        return scale.pick(new Sizes(List.of(1, 100, 1000), Duration.ofSeconds(2), Duration.ofSeconds(5)),
                new Sizes(List.of(1, 100), Duration.ofSeconds(1), Duration.ofSeconds(2)),
                new Sizes(List.of(1, 4), Duration.ZERO, Duration.ofMillis(500)));
    }

    @Override
    public String id() {
        return "7-poller-modes";
    }

    @Override
    public String title() {
        return "Virtual-thread poller modes";
    }

    @Override
    public double estimateSeconds(Scale scale) {
        Sizes z = sizes(scale);
        return 1 + z.clients().size() * 4 * (z.warmup().toMillis() / 1e3 + z.measured().toMillis() / 1e3 + 2.5);
    }

    @Override
    public Finding run(DemoContext ctx) throws Exception {
        Sizes z = sizes(ctx.scale());
        Map<String, String> modes = PollerModes.accepted();
        String jdkDefault = PollerModes.jdkDefault();
        ctx.note("this JDK accepts -D" + PollerMode.PROPERTY + "=" + String.join(", ", modes.keySet()) + "; its default is " + jdkDefault);
        List<Series> series = new ArrayList<>();
        int variant = 0;
        for (Map.Entry<String, String> mode : modes.entrySet()) {
            series.add(new Series("virtual, poller " + mode.getKey() + " (" + mode.getValue()
                    + (mode.getValue().equals(jdkDefault) ? ", default" : "") + ")", ServerKind.VIRTUAL,
                    List.of("-D" + PollerMode.PROPERTY + "=" + mode.getKey()), Charts.variant(Charts.colorFor("virtual"), variant++)));
        }
        series.add(new Series("thread", ServerKind.THREAD, List.of(), Charts.colorFor("thread")));
        series.add(new Series("netty", ServerKind.NETTY, List.of(), Charts.colorFor("netty")));

        ServerConfig server = ServerConfig.defaults().withProtocol(Protocol.ECHO);
        LoadConfig load = LoadConfig.defaults().withProtocol(Protocol.ECHO).withPhases(z.warmup(), z.measured());
        Map<Series, List<RunResult>> runs = new LinkedHashMap<>();
        for (Series s : series) runs.put(s, new ArrayList<>());
        for (int n : z.clients()) {
            for (Series s : series) runs.get(s).add(ctx.run(s.label() + ", " + Text.clients(n), s.kind(), server, s.jvmArgs(), load.withClients(n)));
        }

        double[] x = z.clients().stream().mapToDouble(Integer::doubleValue).toArray();
        LineChart rtt = new LineChart("echo round trip, p50 (solid) and p99 (dashed), by poller mode", "concurrent clients (log scale)",
                "round trip (us, log scale)").logX().y(LineChart.YScale.LOG);
        LineChart rps = new LineChart("echo throughput by poller mode", "concurrent clients (log scale)",
                "verified requests/s").logX().y(LineChart.YScale.AUTO);
        for (Series s : series) {
            rtt.measured(s.label() + " p50", s.color(), x, runs.get(s).stream().mapToDouble(r -> us(r, 50)).toArray());
            rtt.predicted(s.label() + " p99", s.color(), x, runs.get(s).stream().mapToDouble(r -> us(r, 99)).toArray());
            rps.measured(s.label(), s.color(), x, runs.get(s).stream().mapToDouble(RunResult::requestsPerSecond).toArray());
        }
        String file = id() + ".png";
        Charts.writeStacked(ctx.out().resolve(file), Charts.WIDTH, new int[] {Charts.HEIGHT, Charts.HEIGHT},
                rtt.build(), rps.build());

        List<Series> virtuals = series.stream().filter(s -> s.kind() == ServerKind.VIRTUAL).toList();
        double fastest = virtuals.stream().mapToDouble(s -> us(runs.get(s).getFirst(), 50)).min().orElse(0);
        double slowest = virtuals.stream().mapToDouble(s -> us(runs.get(s).getFirst(), 50)).max().orElse(0);
        boolean shown = virtuals.size() >= 2 && fastest > 0 && slowest > 1.1 * fastest;

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("acceptedModes", modes);
        data.put("jdkDefault", jdkDefault);
        data.put("java", Runtime.version().toString());
        data.put("clients", z.clients());
        Map<String, Object> measured = new LinkedHashMap<>();
        runs.forEach((s, r) -> measured.put(s.label(), Map.of("jvmArgs", s.jvmArgs(), "runs", r.stream().map(PollerModesScenario::figures).toList())));
        data.put("measured", measured);
        String headline = String.format(Locale.ROOT, "1 client p50: %s", String.join(", ", series.stream()
                .map(s -> s.label().replaceAll(" \\(.*", "") + " " + Text.us(us(runs.get(s).getFirst(), 50))).toList()));
        return new Finding(headline, List.of(file), text(z, modes, jdkDefault, series, runs, shown), shown, data);
    }

    private static String text(Sizes z, Map<String, String> modes, String jdkDefault, List<Series> series,
                               Map<Series, List<RunResult>> runs, boolean shown) {
        StringBuilder b = new StringBuilder();
        b.append("A virtual thread blocked in a socket read is parked; when data arrives, the JDK's poller unparks it and a")
                .append(" carrier thread runs it. How the poller itself waits is chosen at start-up by `-D")
                .append(PollerMode.PROPERTY).append("`. This JDK (").append(Runtime.version().feature())
                .append(") accepts ").append(String.join(" and ", modes.entrySet().stream()
                        .map(m -> "`" + m.getKey() + "` (" + m.getValue() + ")").toList()))
                .append(" and uses ").append(jdkDefault).append(" by default: SYSTEM_THREADS are platform threads blocked")
                .append(" in epoll that unpark the virtual threads; VTHREAD_POLLERS are virtual threads that poll, parked")
                .append(" in turn under one platform master poller. `thread` (a platform thread woken by the kernel")
                .append(" directly) and `netty` (an event loop, no thread to wake) stand beside them. Closed-loop echo,")
                .append(" 64 bytes.\n\n");
        b.append("| model | clients | p50 | p99 | req/s | served | errors |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < z.clients().size(); i++) {
            for (Series s : series) {
                RunResult r = runs.get(s).get(i);
                b.append("| ").append(s.label()).append(" | ").append(Text.n(r.clients())).append(" | ")
                        .append(Text.us(us(r, 50))).append(" | ").append(Text.us(us(r, 99))).append(" | ")
                        .append(Text.n(r.requestsPerSecond())).append(" | ").append(r.fairness().served()).append("/")
                        .append(r.clients()).append(" | ").append(Text.n(r.totalErrors())).append(" |\n");
            }
        }
        b.append('\n');
        List<Series> virtuals = series.stream().filter(s -> s.kind() == ServerKind.VIRTUAL).toList();
        Series thread = series.stream().filter(s -> s.kind() == ServerKind.THREAD).findFirst().orElseThrow();
        Series netty = series.stream().filter(s -> s.kind() == ServerKind.NETTY).findFirst().orElseThrow();
        Series best = virtuals.stream().min((a, c) -> Double.compare(us(runs.get(a).getFirst(), 50), us(runs.get(c).getFirst(), 50)))
                .orElseThrow();
        Series worst = virtuals.stream().max((a, c) -> Double.compare(us(runs.get(a).getFirst(), 50), us(runs.get(c).getFirst(), 50)))
                .orElseThrow();
        double bestUs = us(runs.get(best).getFirst(), 50);
        double worstUs = us(runs.get(worst).getFirst(), 50);
        if (virtuals.size() < 2) {
            b.append("**Only one poller mode is accepted by this JDK**, so there is nothing to compare. ");
        } else if (shown) {
            b.append("**With one client the poller mode matters**: ").append(best.label()).append(" answers in ")
                    .append(Text.us(bestUs)).append(" (p50), ").append(worst.label()).append(" in ").append(Text.us(worstUs))
                    .append(" (").append(Text.times(worstUs / bestUs)).append("). ");
        } else {
            b.append("**With one client the poller modes showed no clear difference** (p50 ").append(Text.us(bestUs))
                    .append(" to ").append(Text.us(worstUs)).append(", within 10 %). ");
        }
        double threadUs = us(runs.get(thread).getFirst(), 50);
        if (threadUs > 0) {
            b.append("`thread` answers one client in ").append(Text.us(threadUs)).append(": the best mode's wake-up costs ")
                    .append(Text.times(bestUs / threadUs)).append(" a platform thread's. ");
        }
        int last = z.clients().size() - 1;
        int n = z.clients().get(last);
        double bestRps = virtuals.stream().mapToDouble(s -> runs.get(s).get(last).requestsPerSecond()).max().orElse(0);
        double worstRps = virtuals.stream().mapToDouble(s -> runs.get(s).get(last).requestsPerSecond()).min().orElse(0);
        b.append("At ").append(Text.clients(n)).append(" the modes made ").append(Text.n(worstRps)).append(" to ")
                .append(Text.n(bestRps)).append(" req/s (").append(worstRps > 0 && bestRps / worstRps > 1.1
                        ? Text.times(bestRps / worstRps) + " apart" : "no clear difference").append("), `thread` ")
                .append(Text.n(runs.get(thread).get(last).requestsPerSecond())).append(" and `netty` ")
                .append(Text.n(runs.get(netty).get(last).requestsPerSecond())).append(" req/s. ");
        b.append("The mode is a JVM-wide start-up choice: pass it to a child server with `bench run --impl virtual")
                .append(" --server-jvm-args -D").append(PollerMode.PROPERTY).append("=N`.\n");
        return b.toString();
    }

    private static Map<String, Object> figures(RunResult r) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("clients", r.clients());
        f.put("requestsPerSecond", r.requestsPerSecond());
        f.put("p50Us", us(r, 50));
        f.put("p99Us", us(r, 99));
        f.put("served", r.fairness().served());
        f.put("errors", r.totalErrors());
        return f;
    }

    private static double us(RunResult r, double percentile) {
        return r.latency().getTotalCount() == 0 ? 0 : r.latency().getValueAtPercentile(percentile) / 1e3;
    }
}
