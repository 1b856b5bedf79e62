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
 * {@code single} and the listen backlog: N clients connect at once to a server that accepts one
 * connection, serves it to its end, then accepts the next. With rfc868 and {@code --think 50ms}
 * each connection holds it 50 ms, so the k-th client gets its first reply after about k × 50 ms
 * — a staircase — while {@code thread} answers all of them at once. With long-lived echo
 * connections the queue never drains: client 1 is served, clients 2..N wait for good.
 */
final class ListenBacklogScenario implements Scenario {

    private record Sizes(int clients, Duration think, Duration rfcPhase, Duration echoPhase) {}

    private static Sizes sizes(Scale scale) {
        return scale.pick(new Sizes(40, Duration.ofMillis(50), Duration.ofSeconds(4), Duration.ofSeconds(3)),
                new Sizes(20, Duration.ofMillis(50), Duration.ofSeconds(3), Duration.ofSeconds(2)),
                new Sizes(5, Duration.ofMillis(20), Duration.ofMillis(500), Duration.ofMillis(500)));
    }

    @Override
    public String id() {
        return "4-listen-backlog";
    }

    @Override
    public String title() {
        return "single: the listen backlog";
    }

    @Override
    public double estimateSeconds(Scale scale) {
        Sizes z = sizes(scale);
        return (2 * z.rfcPhase().toMillis() + z.echoPhase().toMillis()) / 1e3 + 3 * 2.5;
    }

    @Override
    public Finding run(DemoContext ctx) throws Exception {
        Sizes z = sizes(ctx.scale());
        ServerConfig rfc = ServerConfig.defaults().withProtocol(Protocol.RFC868).withThink(z.think());
        LoadConfig rfcLoad = LoadConfig.defaults().withProtocol(Protocol.RFC868).withClients(z.clients())
                .withPhases(Duration.ZERO, z.rfcPhase());
        RunResult single = ctx.run("single, rfc868, think " + z.think().toMillis() + " ms", ServerKind.SINGLE, rfc, rfcLoad);
        RunResult thread = ctx.run("thread, rfc868, think " + z.think().toMillis() + " ms", ServerKind.THREAD, rfc, rfcLoad);
        RunResult echo = ctx.run("single, echo, long-lived", ServerKind.SINGLE, ServerConfig.defaults(),
                LoadConfig.defaults().withClients(z.clients()).withPhases(Duration.ZERO, z.echoPhase()));

        double thinkMs = z.think().toMillis();
        double[] singleMs = sortedMs(single);
        double[] threadMs = sortedMs(thread);
        double[] k = new double[z.clients()];
        double[] predicted = new double[z.clients()];
        for (int i = 0; i < k.length; i++) {
            k[i] = i + 1;
            predicted[i] = (i + 1) * thinkMs;
        }
        double msPerClient = Fit.of(Arrays.copyOf(k, singleMs.length), singleMs).slope();
        FirstReplies e = echo.firstReplies();
        FirstReplies t = thread.firstReplies();
        boolean staircase = single.firstReplies().never() == 0 && msPerClient > 0.7 * thinkMs && msPerClient < 1.5 * thinkMs;
        boolean together = t.never() == 0 && t.maxMs() < Math.max(3 * thinkMs, 0.25 * single.firstReplies().maxMs());
        boolean stuck = e.served() == 1;

        String file = id() + ".png";
        LineChart chart = new LineChart("time to first reply, " + z.clients() + " clients connecting at once (rfc868, --think "
                + z.think().toMillis() + " ms)", "client, in the order served", "time from connect attempt to first reply (ms)")
                .predicted("predicted for single: k x " + z.think().toMillis() + " ms", Charts.colorFor("single"), k, predicted)
                .measured("single: one connection at a time (" + single.firstReplies().served() + " served)",
                        Charts.colorFor("single"), Arrays.copyOf(k, singleMs.length), singleMs)
                .measured("thread: a thread per connection (" + t.served() + " served)", Charts.colorFor("thread"),
                        Arrays.copyOf(k, threadMs.length), threadMs);
        Charts.writePng(chart.build(), ctx.out().resolve(file));

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("clients", z.clients());
        data.put("thinkMs", thinkMs);
        data.put("singleMsPerClientInQueue", msPerClient);
        data.put("singleFirstReplyMsSorted", singleMs);
        data.put("threadFirstReplyMsSorted", threadMs);
        data.put("singleRfc868", Map.of("firstReply", single.firstReplies(), "requestsPerSecond", single.requestsPerSecond()));
        data.put("threadRfc868", Map.of("firstReply", t, "requestsPerSecond", thread.requestsPerSecond()));
        data.put("singleEchoLongLived", Map.of("firstReply", e, "servedInMeasuredPhase", echo.fairness().served(),
                "readTimeouts", echo.errors().getOrDefault(ErrorClass.READ_TIMEOUT, 0L)));
        String headline = String.format(java.util.Locale.ROOT, "single: %s ms per client in the queue (last after %s);"
                + " thread: all within %s; echo long-lived: %d/%d served", Text.f(msPerClient),
                Text.ms(single.firstReplies().maxMs()), Text.ms(t.maxMs()), e.served(), z.clients());
        return new Finding(headline, List.of(file), text(z, single, thread, echo, msPerClient, staircase, together, stuck),
                staircase && together && stuck, data);
    }

    private static String text(Sizes z, RunResult single, RunResult thread, RunResult echo, double msPerClient,
                               boolean staircase, boolean together, boolean stuck) {
        long think = z.think().toMillis();
        FirstReplies s = single.firstReplies();
        FirstReplies t = thread.firstReplies();
        FirstReplies e = echo.firstReplies();
        StringBuilder b = new StringBuilder();
        b.append("`single` accepts one connection, serves it to its end, then accepts the next. Until then a client waits")
                .append(" in the kernel's listen backlog: its connect has succeeded — the kernel completed the handshake —")
                .append(" but no thread has accepted it. Here ").append(z.clients()).append(" clients connect at once; with")
                .append(" rfc868 and `--think ").append(think).append("ms` each connection holds the server ").append(think)
                .append(" ms, and each client reconnects as soon as it has its reply. The chart sorts the clients by when")
                .append(" they got their first reply.\n\n");
        if (staircase) {
            b.append("**`single` drains its backlog one connection at a time**: the k-th client got its first reply after")
                    .append(" about k x ").append(think).append(" ms (measured: ").append(Text.f(msPerClient))
                    .append(" ms more per place in the queue; the last of ").append(z.clients()).append(" after ")
                    .append(Text.ms(s.maxMs())).append("). Throughput is one connection per ").append(think).append(" ms, ")
                    .append(Text.n(single.requestsPerSecond())).append(" req/s, however many clients wait, and since every")
                    .append(" client queues again after its reply, each request waits for all the others: median latency ")
                    .append(Text.us(single.latency().getValueAtPercentile(50) / 1e3)).append(".");
        } else {
            b.append("**The staircase did not show as expected** (about ").append(think).append(" ms per place in the")
                    .append(" queue): measured ").append(Text.f(msPerClient)).append(" ms per place, ").append(s.served())
                    .append(" of ").append(z.clients()).append(" served, the last after ").append(Text.ms(s.maxMs())).append('.');
        }
        b.append(' ');
        if (together) {
            b.append("**`thread` serves them all at once**: every client had its first reply within ").append(Text.ms(t.maxMs()))
                    .append(", at ").append(Text.n(thread.requestsPerSecond())).append(" req/s.");
        } else {
            b.append("`thread` was expected to answer every client within a few think times; its slowest first reply came")
                    .append(" after ").append(Text.ms(t.maxMs())).append(" (").append(t.never()).append(" never).");
        }
        b.append("\n\n");
        long timeouts = echo.errors().getOrDefault(ErrorClass.READ_TIMEOUT, 0L);
        if (stuck) {
            b.append("**With long-lived echo connections the queue never drains**: in ").append(Human.seconds(z.echoPhase()))
                    .append(" `single` served **1 of ").append(z.clients()).append("** clients — one client, for the whole")
                    .append(" run — and the other ").append(e.never()).append(" never got a reply")
                    .append(timeouts > 0 ? " (" + Text.n(timeouts) + " read timeouts)" : "").append(".\n");
        } else {
            b.append("With long-lived echo connections `single` was expected to serve exactly one client; it served ")
                    .append(e.served()).append(" of ").append(z.clients()).append(".\n");
        }
        return b.toString();
    }

    private static double[] sortedMs(RunResult run) {
        return Arrays.stream(run.firstReplyNanos()).filter(t -> t >= 0).sorted().mapToDouble(t -> t / 1e6).toArray();
    }
}
