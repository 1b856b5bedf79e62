package dev.loombench.demo;

import dev.loombench.client.LoadConfig;
import dev.loombench.client.RunResult;
import dev.loombench.protocol.Protocol;
import dev.loombench.report.Charts;
import dev.loombench.report.LineChart;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Little's law: with {@code --think 10ms} every request holds its serving thread for 10 ms, so a
 * server that serves c requests at once makes at most c / 10 ms. The pool's c is its size: a
 * ceiling of 16 / 10 ms = 1,600 req/s, drawn as a predicted line beside the measured throughput
 * against client count; {@code thread} and {@code virtual} serve every client at once and pass it.
 */
final class LittlesLawScenario implements Scenario {

    static final Duration THINK = Duration.ofMillis(10);
    private static final List<ServerKind> MODELS = List.of(ServerKind.POOL, ServerKind.THREAD, ServerKind.VIRTUAL);

    private record Sizes(List<Integer> clients, int pool, Duration warmup, Duration measured) {}

    private static Sizes sizes(Scale scale) {
        return scale.pick(new Sizes(List.of(1, 4, 16, 64, 256), 16, Duration.ofSeconds(2), Duration.ofSeconds(5)),
                new Sizes(List.of(4, 64), 16, Duration.ofSeconds(1), Duration.ofSeconds(2)),
                new Sizes(List.of(8), 4, Duration.ZERO, Duration.ofMillis(500)));
    }

    @Override
    public String id() {
        return "2-littles-law";
    }

    @Override
    public String title() {
        return "Little's law: the pool's ceiling";
    }

    @Override
    public double estimateSeconds(Scale scale) {
        Sizes z = sizes(scale);
        return z.clients().size() * MODELS.size() * (z.warmup().toMillis() / 1e3 + z.measured().toMillis() / 1e3 + 2.5);
    }

    @Override
    public Finding run(DemoContext ctx) throws Exception {
        Sizes z = sizes(ctx.scale());
        ServerConfig server = ServerConfig.defaults().withProtocol(Protocol.TIME).withThink(THINK)
                .withPool(z.pool(), ServerConfig.UNBOUNDED);
        LoadConfig load = LoadConfig.defaults().withProtocol(Protocol.TIME).withPhases(z.warmup(), z.measured());
        Map<ServerKind, double[]> rps = new LinkedHashMap<>();
        Map<ServerKind, int[]> served = new LinkedHashMap<>();
        for (ServerKind kind : MODELS) {
            rps.put(kind, new double[z.clients().size()]);
            served.put(kind, new int[z.clients().size()]);
        }
        for (int i = 0; i < z.clients().size(); i++) {
            int n = z.clients().get(i);
            for (ServerKind kind : MODELS) {
                RunResult r = ctx.run(kind + ", " + Text.clients(n), kind, server, load.withClients(n));
                rps.get(kind)[i] = r.requestsPerSecond();
                served.get(kind)[i] = r.fairness().served();
            }
        }
        double perClient = 1e9 / THINK.toNanos(); // requests/s one client can make
        double ceiling = z.pool() * perClient;
        double[] x = z.clients().stream().mapToDouble(Integer::doubleValue).toArray();
        // the predictions are drawn through the pool size too, where the ceiling bends
        double[] px = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(x), java.util.stream.DoubleStream.of(z.pool()))
                .distinct().sorted().toArray();
        double[] unbounded = java.util.Arrays.stream(px).map(n -> n * perClient).toArray();
        double[] poolLine = java.util.Arrays.stream(px).map(n -> Math.min(n, z.pool()) * perClient).toArray();
        LineChart chart = new LineChart("Little's law: throughput vs clients, --think " + THINK.toMillis() + " ms, time protocol",
                "concurrent clients (log scale)", "verified requests/s (log scale)").logX().y(LineChart.YScale.LOG)
                .predicted("predicted, every client served at once: N / " + THINK.toMillis() + " ms", Charts.CONNECT_COLOR,
                        px, unbounded)
                .predicted("predicted pool ceiling: min(N, " + z.pool() + ") / " + THINK.toMillis() + " ms", Charts.colorFor("pool"),
                        px, poolLine);
        for (ServerKind kind : MODELS) chart.measured(kind + " (measured)", Charts.colorFor(kind.cliName()), x, rps.get(kind));
        String file = id() + ".png";
        Charts.writePng(chart.build(), ctx.out().resolve(file));

        int last = x.length - 1;
        double poolShare = rps.get(ServerKind.POOL)[last] / ceiling;
        boolean poolCapped = poolShare > 0.75 && poolShare < 1.05;
        boolean othersPass = rps.get(ServerKind.THREAD)[last] > 1.5 * ceiling && rps.get(ServerKind.VIRTUAL)[last] > 1.5 * ceiling;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("thinkMs", THINK.toMillis());
        data.put("poolSize", z.pool());
        data.put("poolCeilingRequestsPerSecond", ceiling);
        data.put("clients", z.clients());
        data.put("predictedClients", px);
        data.put("predictedUnbounded", unbounded);
        data.put("predictedPool", poolLine);
        Map<String, Object> measured = new LinkedHashMap<>();
        rps.forEach((k, v) -> measured.put(k.cliName(), Map.of("requestsPerSecond", v, "served", served.get(k))));
        data.put("measured", measured);
        String headline = String.format(Locale.ROOT, "at %d clients: pool %s req/s (ceiling %s), thread %s, virtual %s",
                z.clients().get(last), Text.n(rps.get(ServerKind.POOL)[last]), Text.n(ceiling),
                Text.n(rps.get(ServerKind.THREAD)[last]), Text.n(rps.get(ServerKind.VIRTUAL)[last]));
        return new Finding(headline, List.of(file), text(z, x, rps, served, ceiling, poolCapped, othersPass),
                poolCapped && othersPass, data);
    }

    private static String text(Sizes z, double[] x, Map<ServerKind, double[]> rps, Map<ServerKind, int[]> served,
                               double ceiling, boolean poolCapped, boolean othersPass) {
        int last = x.length - 1;
        double perClient = 1e9 / THINK.toNanos();
        StringBuilder b = new StringBuilder();
        b.append("The `time` protocol with `--think ").append(THINK.toMillis()).append("ms`: every request sleeps ")
                .append(THINK.toMillis()).append(" ms on its serving thread. Little's law says throughput = requests in")
                .append(" service / time in service. One client can make at most 1 / ").append(THINK.toMillis())
                .append(" ms = ").append(Text.n(perClient)).append(" req/s, so N clients make N x ").append(Text.n(perClient))
                .append(" req/s — if the server serves all of them at once. The pool serves at most ").append(z.pool())
                .append(" at a time: its ceiling is ").append(z.pool()).append(" / ").append(THINK.toMillis())
                .append(" ms = **").append(Text.n(ceiling)).append(" req/s**, however many clients come.\n\n");
        b.append("| clients | N / ").append(THINK.toMillis()).append(" ms | pool ceiling | pool | thread | virtual |\n")
                .append("|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < x.length; i++) {
            int n = (int) x[i];
            b.append("| ").append(n).append(" | ").append(Text.n(n * perClient)).append(" | ")
                    .append(Text.n(Math.min(n, z.pool()) * perClient)).append(" | ");
            b.append(Text.n(rps.get(ServerKind.POOL)[i]));
            if (served.get(ServerKind.POOL)[i] < n) b.append(" (").append(served.get(ServerKind.POOL)[i]).append("/").append(n).append(" served)");
            b.append(" | ").append(Text.n(rps.get(ServerKind.THREAD)[i])).append(" | ")
                    .append(Text.n(rps.get(ServerKind.VIRTUAL)[i])).append(" |\n");
        }
        b.append('\n');
        double pool = rps.get(ServerKind.POOL)[last];
        if (poolCapped) {
            b.append("**The pool stops at its ceiling.** At ").append((int) x[last]).append(" clients it made ")
                    .append(Text.n(pool)).append(" req/s, ").append(Text.pct(100 * pool / ceiling))
                    .append(" of the predicted ").append(Text.n(ceiling)).append(" (each request also spends a round trip")
                    .append(" beyond its ").append(THINK.toMillis()).append(" ms). More clients add no throughput, only")
                    .append(" waiting — and with long-lived connections the waiting clients are never served at all")
                    .append(" (scenario 1).");
        } else {
            b.append("**The pool did not behave as predicted:** at ").append((int) x[last]).append(" clients it made ")
                    .append(Text.n(pool)).append(" req/s, ").append(Text.pct(100 * pool / ceiling))
                    .append(" of its predicted ceiling of ").append(Text.n(ceiling)).append('.');
        }
        b.append(' ');
        double thread = rps.get(ServerKind.THREAD)[last];
        double virtual = rps.get(ServerKind.VIRTUAL)[last];
        if (othersPass) {
            b.append("**`thread` and `virtual` pass it**: ").append(Text.n(thread)).append(" and ").append(Text.n(virtual))
                    .append(" req/s (").append(Text.times(thread / ceiling)).append(" and ").append(Text.times(virtual / ceiling))
                    .append(" the pool's ceiling), because every client has its own thread to sleep on.");
        } else {
            b.append("**`thread` and `virtual` did not clearly pass the ceiling** (expected more than 1.5x): ")
                    .append(Text.n(thread)).append(" and ").append(Text.n(virtual)).append(" req/s.");
        }
        double predicted = x[last] * perClient;
        double best = Math.max(thread, virtual);
        if (best < 0.8 * predicted) {
            b.append(" Neither reached N / ").append(THINK.toMillis()).append(" ms = ").append(Text.n(predicted))
                    .append(" req/s at ").append((int) x[last]).append(" clients (best: ").append(Text.pct(100 * best / predicted))
                    .append("): there the CPU, which the load client shares with the server, becomes the limit.");
        }
        b.append('\n');
        return b.toString();
    }
}
