package dev.loombench.demo;

import dev.loombench.client.LoadConfig;
import dev.loombench.client.RunResult;
import dev.loombench.protocol.Protocol;
import dev.loombench.report.Charts;
import dev.loombench.report.LatencyChart;
import dev.loombench.report.LineChart;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.style.lines.SeriesLines;

/**
 * Event-loop head-of-line blocking: {@code --think 1ms} sleeps on the serving thread. In
 * {@code nio} that is the one event-loop thread, so each request waits for every other ready
 * request — p99 grows with the number of clients, about N × 1 ms, for every client alike —
 * while {@code virtual} parks only the client's own virtual thread and stays near 1 ms.
 */
final class HeadOfLineScenario implements Scenario {

    static final Duration THINK = Duration.ofMillis(1);
    private static final List<ServerKind> MODELS = List.of(ServerKind.NIO, ServerKind.VIRTUAL);

    private record Sizes(List<Integer> clients, Duration warmup, Duration measured) {}

    private static Sizes sizes(Scale scale) {
        return scale.pick(new Sizes(List.of(1, 10, 50), Duration.ofSeconds(1), Duration.ofSeconds(5)),
                new Sizes(List.of(1, 20), Duration.ofSeconds(1), Duration.ofSeconds(2)),
                new Sizes(List.of(4), Duration.ZERO, Duration.ofMillis(500)));
    }

    @Override
    public String id() {
        return "5-head-of-line";
    }

    @Override
    public String title() {
        return "Event-loop head-of-line blocking";
    }

    @Override
    public double estimateSeconds(Scale scale) {
        Sizes z = sizes(scale);
        return z.clients().size() * MODELS.size() * (z.warmup().toMillis() / 1e3 + z.measured().toMillis() / 1e3 + 2.5);
    }

    @Override
    public Finding run(DemoContext ctx) throws Exception {
        Sizes z = sizes(ctx.scale());
        ServerConfig server = ServerConfig.defaults().withProtocol(Protocol.TIME).withThink(THINK);
        LoadConfig load = LoadConfig.defaults().withProtocol(Protocol.TIME).withPhases(z.warmup(), z.measured());
        Map<ServerKind, List<RunResult>> runs = new LinkedHashMap<>();
        for (ServerKind kind : MODELS) runs.put(kind, new ArrayList<>());
        for (int n : z.clients()) {
            for (ServerKind kind : MODELS) runs.get(kind).add(ctx.run(kind + ", " + Text.clients(n), kind, server, load.withClients(n)));
        }
        double[] x = z.clients().stream().mapToDouble(Integer::doubleValue).toArray();
        double thinkMs = THINK.toNanos() / 1e6;
        double[] nioPredicted = java.util.Arrays.stream(x).map(n -> n * thinkMs).toArray();
        double[] nioTwoRounds = java.util.Arrays.stream(x).map(n -> 2 * n * thinkMs).toArray();
        double[] virtualPredicted = java.util.Arrays.stream(x).map(n -> thinkMs).toArray();
        LineChart p99 = new LineChart("p99 vs clients with --think 1 ms (time protocol)", "concurrent clients (log scale)",
                "p99 round trip (ms, log scale)").logX().y(LineChart.YScale.LOG)
                .predicted("predicted nio: N x 1 ms, one round of the loop", Charts.colorFor("nio"), x, nioPredicted)
                .predicted("2N x 1 ms: two rounds, for a request that just missed a batch", Charts.variant(Charts.colorFor("nio"), 1), x,
                        nioTwoRounds)
                .predicted("predicted virtual: 1 ms (each sleeps on its own thread)", Charts.colorFor("virtual"), x, virtualPredicted);
        for (ServerKind kind : MODELS) {
            p99.measured(kind + " (measured)", Charts.colorFor(kind.cliName()), x,
                    runs.get(kind).stream().mapToDouble(r -> ms(r, 99)).toArray());
        }
        String p99File = id() + ".png";
        String distFile = id() + "-latency.png";
        Charts.writePng(p99.build(), ctx.out().resolve(p99File));
        List<LatencyChart.Curve> curves = new ArrayList<>();
        for (ServerKind kind : MODELS) {
            List<RunResult> r = runs.get(kind);
            curves.add(new LatencyChart.Curve(kind + ", " + Text.clients(r.getLast().clients()), r.getLast().latency(),
                    Charts.colorFor(kind.cliName())));
            if (r.size() > 1) {
                curves.add(new LatencyChart.Curve(kind + ", " + Text.clients(r.getFirst().clients()), r.getFirst().latency(),
                        Charts.variant(Charts.colorFor(kind.cliName()), 2), SeriesLines.DASH_DASH));
            }
        }
        LatencyChart.write("round-trip latency by percentile, --think 1 ms: nio vs virtual", curves, ctx.out().resolve(distFile));

        int last = x.length - 1;
        int n = (int) x[last];
        double nioP99 = ms(runs.get(ServerKind.NIO).get(last), 99);
        double virtualP99 = ms(runs.get(ServerKind.VIRTUAL).get(last), 99);
        boolean shown = nioP99 > 0.5 * n * thinkMs && virtualP99 < 0.25 * nioP99;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("thinkMs", thinkMs);
        data.put("clients", z.clients());
        for (ServerKind kind : MODELS) data.put(kind.cliName(), runs.get(kind).stream().map(HeadOfLineScenario::figures).toList());
        String headline = String.format(Locale.ROOT, "at %d clients p99: nio %s, virtual %s", n, Text.ms(nioP99), Text.ms(virtualP99));
        return new Finding(headline, List.of(p99File, distFile), text(z, runs, shown), shown, data);
    }

    private static String text(Sizes z, Map<ServerKind, List<RunResult>> runs, boolean shown) {
        StringBuilder b = new StringBuilder();
        b.append("`--think 1ms` sleeps 1 ms per request on the thread that serves it. In `nio` that thread is the event")
                .append(" loop: while it sleeps for one client, the ready requests of all the others wait behind it")
                .append(" (head-of-line blocking). `virtual` sleeps on the client's own virtual thread, which parks and")
                .append(" frees its carrier. Closed loop, `time` protocol, ").append(Text.n(z.clients().getLast()))
                .append(" clients at most.\n\n");
        b.append("| clients | nio p50 | nio p99 | nio req/s | virtual p50 | virtual p99 | virtual req/s |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < z.clients().size(); i++) {
            RunResult nio = runs.get(ServerKind.NIO).get(i);
            RunResult virtual = runs.get(ServerKind.VIRTUAL).get(i);
            b.append("| ").append(z.clients().get(i)).append(" | ").append(Text.ms(ms(nio, 50))).append(" | ")
                    .append(Text.ms(ms(nio, 99))).append(" | ").append(Text.n(nio.requestsPerSecond())).append(" | ")
                    .append(Text.ms(ms(virtual, 50))).append(" | ").append(Text.ms(ms(virtual, 99))).append(" | ")
                    .append(Text.n(virtual.requestsPerSecond())).append(" |\n");
        }
        b.append('\n');
        int last = z.clients().size() - 1;
        int n = z.clients().get(last);
        RunResult nio = runs.get(ServerKind.NIO).get(last);
        RunResult virtual = runs.get(ServerKind.VIRTUAL).get(last);
        RunResult nioAlone = runs.get(ServerKind.NIO).getFirst(); // one client, unless the scale skips it
        double thinkMs = THINK.toNanos() / 1e6;
        RunResult virtualAlone = runs.get(ServerKind.VIRTUAL).getFirst();
        if (nioAlone.clients() > 1) {
            // no one-client run at this scale: nothing to compare with
        } else if (ms(nioAlone, 99) < 3 * thinkMs && ms(virtualAlone, 99) < 3 * thinkMs) {
            b.append("With one client both models answer in about the think time (p99: nio ").append(Text.ms(ms(nioAlone, 99)))
                    .append(", virtual ").append(Text.ms(ms(virtualAlone, 99))).append("): there is no one else to block. ");
        } else {
            b.append("With one client both models were expected to answer in about the think time; p99 was ")
                    .append(Text.ms(ms(nioAlone, 99))).append(" (nio) and ").append(Text.ms(ms(virtualAlone, 99)))
                    .append(" (virtual). ");
        }
        if (shown) {
            b.append("**At ").append(n).append(" clients `nio`'s p99 is ").append(Text.ms(ms(nio, 99)))
                    .append("** (median ").append(Text.ms(ms(nio, 50))).append(") against N x 1 ms = ").append(n)
                    .append(" ms for one round of the loop: each request waits for the sleeps of all the requests ahead")
                    .append(" of it, and one that arrives just after the loop collected its batch of ready connections waits")
                    .append(" out that whole batch and then its place in the next: up to two rounds (").append(2 * n)
                    .append(" ms). ");
            double rps = nio.requestsPerSecond();
            b.append(rps > 0.5 * 1000 / thinkMs && rps < 1.1 * 1000 / thinkMs
                    ? "Its throughput is stuck at about 1 / 1 ms = 1,000 req/s (" + Text.n(rps) + " measured). "
                    : "Its throughput should be stuck near 1 / 1 ms = 1,000 req/s; " + Text.n(rps) + " req/s were measured. ");
            if (nio.fairness().jainIndex() > 0.9) {
                b.append("This is everyone's p99, not a few unlucky clients': the loop served the clients evenly (Jain's")
                        .append(" index ").append(String.format(Locale.ROOT, "%.3f", nio.fairness().jainIndex()))
                        .append("), so every one of them saw this tail. ");
            }
            b.append("**`virtual` stays at ").append(Text.ms(ms(virtual, 99))).append(" p99** (")
                    .append(Text.times(ms(nio, 99) / ms(virtual, 99))).append(" lower) while making ")
                    .append(Text.n(virtual.requestsPerSecond())).append(" req/s. One blocking call in an event loop costs")
                    .append(" every connection; the same call on a virtual thread costs only its own.\n");
        } else {
            b.append("**Head-of-line blocking did not show as expected** (nio p99 near ").append(n)
                    .append(" x 1 ms or more, virtual far below it): at ").append(n).append(" clients nio p99 was ")
                    .append(Text.ms(ms(nio, 99))).append(", virtual ").append(Text.ms(ms(virtual, 99))).append(".\n");
        }
        return b.toString();
    }

    private static Map<String, Object> figures(RunResult r) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("clients", r.clients());
        f.put("requestsPerSecond", r.requestsPerSecond());
        f.put("p50Ms", ms(r, 50));
        f.put("p99Ms", ms(r, 99));
        f.put("maxMs", r.latency().getMaxValue() / 1e6);
        f.put("jainIndex", r.fairness().jainIndex());
        f.put("served", r.fairness().served());
        return f;
    }

    private static double ms(RunResult r, double percentile) {
        return r.latency().getTotalCount() == 0 ? 0 : r.latency().getValueAtPercentile(percentile) / 1e6;
    }
}
