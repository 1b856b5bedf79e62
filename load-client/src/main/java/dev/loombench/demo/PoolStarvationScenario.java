package dev.loombench.demo;

import dev.loombench.client.ErrorClass;
import dev.loombench.client.FirstReplies;
import dev.loombench.client.LoadConfig;
import dev.loombench.client.RunResult;
import dev.loombench.protocol.Protocol;
import dev.loombench.report.Charts;
import dev.loombench.report.Human;
import dev.loombench.report.LineChart;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pool starvation: {@code pool} (16 workers) with 500 long-lived echo clients serves 16 of them —
 * a worker serves a connection to its end — and the rest never get a reply, time out, reconnect and
 * queue again. The same pool under {@code rfc868} (a connection per request) serves every client,
 * because each connection holds a worker for one reply only. Charted: clients served so far
 * against the time from their first connect attempt to their first verified reply.
 */
final class PoolStarvationScenario implements Scenario {

    private record Sizes(int clients, int pool, Duration measured, Duration timeout) {}

    private static Sizes sizes(Scale scale) {
        return scale.pick(new Sizes(500, 16, Duration.ofSeconds(12), Duration.ofSeconds(5)),
                new Sizes(200, 16, Duration.ofSeconds(6), Duration.ofSeconds(5)),
                new Sizes(12, 4, Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }

    @Override
    public String id() {
        return "1-pool-starvation";
    }

    @Override
    public String title() {
        return "Pool starvation";
    }

    @Override
    public double estimateSeconds(Scale scale) {
        return 2 * (sizes(scale).measured().toMillis() / 1e3 + 3);
    }

    @Override
    public Finding run(DemoContext ctx) throws Exception {
        Sizes z = sizes(ctx.scale());
        ServerConfig pool = ServerConfig.defaults().withPool(z.pool(), ServerConfig.UNBOUNDED);
        LoadConfig load = LoadConfig.defaults().withClients(z.clients()).withPhases(Duration.ZERO, z.measured())
                .withTimeout(z.timeout());
        RunResult echo = ctx.run("pool, echo, long-lived", ServerKind.POOL, pool, load);
        RunResult rfc = ctx.run("pool, rfc868, a connection per request", ServerKind.POOL,
                pool.withProtocol(Protocol.RFC868), load.withProtocol(Protocol.RFC868));
        FirstReplies e = echo.firstReplies();
        FirstReplies r = rfc.firstReplies();
        long timeouts = echo.errors().getOrDefault(ErrorClass.READ_TIMEOUT, 0L);
        boolean starved = e.never() > 0 && e.served() <= z.pool();
        boolean coped = r.never() == 0;

        String chart = id() + ".png";
        double endMs = z.measured().toMillis();
        double startMs = Math.min(first(echo, endMs), first(rfc, endMs));
        // reference lines first, so that the measured curves are drawn over them where they meet
        LineChart c = new LineChart("pool of " + z.pool() + ": time to first reply, " + z.clients() + " clients",
                "time from a client's first connect attempt to its first verified reply (ms, log scale)",
                "clients served so far (log scale)").logX().y(LineChart.YScale.LOG)
                .predicted("all " + z.clients() + " clients", Charts.CONNECT_COLOR, new double[] {startMs, endMs},
                        new double[] {z.clients(), z.clients()})
                .predicted("pool size " + z.pool(), Charts.ERROR_COLOR, new double[] {startMs, endMs},
                        new double[] {z.pool(), z.pool()})
                .curve("echo, long-lived: " + e.served() + " served, " + e.never() + " never", Charts.colorFor("pool"),
                        cdfX(echo, endMs), cdfY(echo))
                .curve("rfc868, a connection per request: " + r.served() + " served, " + r.never() + " never",
                        Charts.colorFor("other"), cdfX(rfc, endMs), cdfY(rfc));
        Charts.writePng(c.build(), ctx.out().resolve(chart));

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("poolSize", z.pool());
        data.put("clients", z.clients());
        data.put("measuredSeconds", z.measured().toMillis() / 1e3);
        data.put("echo", figures(echo, timeouts));
        data.put("rfc868", figures(rfc, rfc.errors().getOrDefault(ErrorClass.READ_TIMEOUT, 0L)));
        String headline = "echo: " + e.served() + "/" + z.clients() + " served, " + e.never() + " never; rfc868: "
                + r.served() + "/" + z.clients() + " served";
        return new Finding(headline, List.of(chart), text(z, echo, rfc, timeouts, starved, coped), starved && coped, data);
    }

    private static String text(Sizes z, RunResult echo, RunResult rfc, long timeouts, boolean starved, boolean coped) {
        FirstReplies e = echo.firstReplies();
        FirstReplies r = rfc.firstReplies();
        StringBuilder b = new StringBuilder();
        b.append("`pool` with ").append(z.pool()).append(" worker threads and an unbounded queue; ").append(z.clients())
                .append(" clients connect at once and send requests back to back for ").append(Human.seconds(z.measured()))
                .append(" (read timeout ").append(Human.seconds(z.timeout())).append("). First with long-lived echo")
                .append(" connections, then with rfc868, where every request is a new connection. The chart counts, per")
                .append(" client, the time from its first connect attempt to its first verified reply; a client never")
                .append(" served never joins its curve.\n\n");
        if (starved) {
            b.append("**Long-lived connections starve the pool's queue.** The pool served **").append(e.served())
                    .append(" of ").append(z.clients()).append("** clients (first reply after a median of ")
                    .append(Text.ms(e.p50Ms())).append("); the other **").append(e.never())
                    .append(" never got a single reply** in the whole run. A worker serves one connection until it ends, and")
                    .append(" these never end: every queued connection waits for a worker that never comes back. ")
                    .append(timeouts > 0 ? "Each starved client timed out after " + Human.seconds(z.timeout()) + " ("
                            + Text.n(timeouts) + " read timeouts in all), reconnected, and queued again. "
                            : "None of them timed out within the run (timeout " + Human.seconds(z.timeout()) + "). ")
                    .append("Meanwhile the ")
                    .append(e.served()).append(" lucky clients shared ").append(Text.n(echo.requestsPerSecond()))
                    .append(" req/s (Jain's fairness index over all clients: ")
                    .append(String.format(java.util.Locale.ROOT, "%.3f", echo.fairness().jainIndex())).append(").\n\n");
        } else {
            b.append("**Expected starvation did not show.** Expected: ").append(z.pool()).append(" clients served (one per")
                    .append(" worker) and the rest never. Measured: ").append(e.served()).append(" of ").append(z.clients())
                    .append(" served, ").append(e.never()).append(" never, ").append(Text.n(timeouts))
                    .append(" read timeouts.\n\n");
        }
        if (coped) {
            b.append("**A connection per request: the same pool copes.** With rfc868 it served **all ").append(z.clients())
                    .append("** clients, the slowest first reply after ").append(Text.ms(r.maxMs())).append(" (median ")
                    .append(Text.ms(r.p50Ms())).append("), at ").append(Text.n(rfc.requestsPerSecond())).append(" req/s with ")
                    .append(Text.n(rfc.totalErrors())).append(" failures. Each connection holds a worker for one reply, so ")
                    .append(z.pool()).append(" workers cycle through every client: the pool's limit is connections *held*,")
                    .append(" not clients.\n");
        } else {
            b.append("**With rfc868 the pool did not cope either:** ").append(r.never()).append(" of ").append(z.clients())
                    .append(" clients were never served (").append(Text.n(rfc.totalErrors())).append(" failures).\n");
        }
        return b.toString();
    }

    private static Map<String, Object> figures(RunResult run, long timeouts) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("firstReply", run.firstReplies());
        f.put("servedInMeasuredPhase", run.fairness().served());
        f.put("jainIndex", run.fairness().jainIndex());
        f.put("requestsPerSecond", run.requestsPerSecond());
        f.put("readTimeouts", timeouts);
        f.put("failures", run.totalErrors());
        f.put("firstReplyMsSorted", Arrays.stream(servedSorted(run)).map(t -> Math.round(t * 1000) / 1000.0).toArray());
        return f;
    }

    /** First-reply times of the served clients, ms, ascending. */
    private static double[] servedSorted(RunResult run) {
        return Arrays.stream(run.firstReplyNanos()).filter(t -> t >= 0).sorted().mapToDouble(t -> t / 1e6).toArray();
    }

    /** The earliest first reply of the run, ms; {@code otherwise} if nobody was served. */
    private static double first(RunResult run, double otherwise) {
        double[] t = servedSorted(run);
        return t.length == 0 ? otherwise : t[0];
    }

    /** x of the "served so far" staircase: each client's time twice (before and after it counts), then the end of the run. */
    private static double[] cdfX(RunResult run, double endMs) {
        double[] t = servedSorted(run);
        if (t.length == 0) return new double[0];
        double[] x = new double[2 * t.length];
        for (int i = 0; i < t.length; i++) {
            x[2 * i] = t[i];
            x[2 * i + 1] = i + 1 < t.length ? t[i + 1] : Math.max(endMs, t[i]);
        }
        return x;
    }

    /** y of the staircase: 1, 1, 2, 2, ... (the number served so far, flat until the next client's first reply). */
    private static double[] cdfY(RunResult run) {
        int n = servedSorted(run).length;
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            y[2 * i] = i + 1;
            y[2 * i + 1] = i + 1;
        }
        return y;
    }
}
