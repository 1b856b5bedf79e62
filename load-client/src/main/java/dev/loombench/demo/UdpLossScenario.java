package dev.loombench.demo;

import dev.loombench.client.DatagramCounts;
import dev.loombench.client.Interval;
import dev.loombench.client.LoadConfig;
import dev.loombench.client.RunResult;
import dev.loombench.protocol.Transport;
import dev.loombench.report.Charts;
import dev.loombench.report.LatencyLog;
import dev.loombench.report.LineChart;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * UDP loss under load: each model is offered a rising open-loop rate of 64-byte echo datagrams by
 * {@value #CLIENTS} clients. Nobody waits over UDP: a datagram the server has not taken off its
 * socket when the socket's receive buffer is full is dropped by the kernel, and the sender is not
 * told. So how fast a model <em>drains</em> its socket — one thread answering in turn ({@code single}),
 * a receiver handing off to threads ({@code thread}, {@code pool}, {@code virtual}), an event loop
 * answering in place ({@code nio}) — decides the rate where it starts to lose. The runs say where
 * each datagram was dropped: at the server's socket, in its own queue, in the kernel's input backlog
 * or at the client (then the step measured the client, not the server, and says so).
 */
final class UdpLossScenario implements Scenario {

    static final int CLIENTS = 8;
    static final int SIZE = 64;
    static final Duration TIMEOUT = Duration.ofMillis(500);
    /** Loss above this share of the settled datagrams counts as "dropping". */
    static final double ONSET_PCT = 0.1;

    private record Sizes(List<Integer> rates, Duration warmup, Duration measured) {}

    private static Sizes sizes(Scale scale) {
        return scale.pick(new Sizes(List.of(5_000, 10_000, 20_000, 40_000), Duration.ofSeconds(1), Duration.ofSeconds(2)),
                new Sizes(List.of(5_000, 15_000, 40_000), Duration.ofMillis(500), Duration.ofMillis(1500)),
                new Sizes(List.of(2_000, 10_000), Duration.ZERO, Duration.ofMillis(500)));
    }

    /**
     * One model at one offered rate.
     *
     * @param clientLimited the load client did not send what was asked, fell behind by more than half the
     *                      timeout, dropped replies itself, or used 90 % of its core: the step measured the
     *                      client, not the server
     */
    record Step(String model, int offered, double sentPerSecond, double receivedPerSecond, double lossPct, long lost,
                long late, long reordered, double p99Ms, double receivedP99Ms, Long serverSocketDrops, Long serverDropped, Long backlogDrops,
                Long clientSocketDrops, double maxLagMs, Double serverCpuUsPerDatagram, boolean clientLimited) {

        boolean dropping() {
            return !clientLimited && lossPct > ONSET_PCT;
        }
    }

    @Override
    public String id() {
        return "8-udp-loss";
    }

    @Override
    public String title() {
        return "UDP loss under load";
    }

    @Override
    public double estimateSeconds(Scale scale) {
        Sizes z = sizes(scale);
        return models().size() * z.rates().size() * (z.warmup().toMillis() / 1e3 + z.measured().toMillis() / 1e3 + 2.5);
    }

    private static List<ServerKind> models() {
        return java.util.Arrays.stream(ServerKind.values()).filter(ServerKind::servesUdp).toList();
    }

    @Override
    public Finding run(DemoContext ctx) throws Exception {
        Sizes z = sizes(ctx.scale());
        ServerConfig server = ServerConfig.defaults().withTransport(Transport.UDP, 0);
        LoadConfig load = LoadConfig.defaults().withClients(CLIENTS).withSize(SIZE).withTimeout(TIMEOUT)
                .withPhases(z.warmup(), z.measured()).withTransport(Transport.UDP);
        Map<ServerKind, List<Step>> steps = new LinkedHashMap<>();
        Integer granted = null;
        for (ServerKind kind : models()) {
            List<Step> list = new ArrayList<>();
            for (int rate : z.rates()) {
                RunResult r = ctx.run(kind + ", " + Text.n(rate) + " datagrams/s", kind, server, load.withRate(rate));
                list.add(step(kind, rate, r));
                if (granted == null) granted = grantedReceiveBuffer(r);
            }
            steps.put(kind, list);
        }
        double[] x = z.rates().stream().mapToDouble(Integer::doubleValue).toArray();
        LineChart loss = new LineChart("UDP echo: loss vs offered rate (" + CLIENTS + " clients, " + SIZE + "-byte datagrams)",
                "offered datagrams/s (log scale)", "lost, % of the datagrams settled").logX();
        LineChart p99 = new LineChart("UDP echo: p99 round trip vs offered rate (lost ones at their age, >= " + TIMEOUT.toMillis() + " ms)",
                "offered datagrams/s (log scale)", "p99 (ms, log scale)").logX().y(LineChart.YScale.LOG);
        for (ServerKind kind : models()) {
            List<Step> s = steps.get(kind);
            java.awt.Color color = Charts.colorFor(kind.cliName());
            Integer onset = onset(s);
            String name = kind + (onset == null ? " (no loss)" : " (drops from " + Text.n(onset) + "/s)");
            loss.measured(name, color, x, s.stream().mapToDouble(Step::lossPct).toArray());
            p99.measured(kind + ": all, lost included", color, x, s.stream().mapToDouble(Step::p99Ms).toArray());
            p99.measuredSecondary(kind + ": received only", color, x, s.stream().mapToDouble(Step::receivedP99Ms).toArray());
        }
        String lossFile = id() + ".png";
        String p99File = id() + "-p99.png";
        Charts.writePng(loss.build(), ctx.out().resolve(lossFile));
        Charts.writePng(p99.build(), ctx.out().resolve(p99File));

        boolean anyDrops = steps.values().stream().anyMatch(s -> onset(s) != null);
        boolean cleanStart = steps.values().stream().allMatch(s -> !s.getFirst().dropping());
        boolean shown = anyDrops && cleanStart;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("clients", CLIENTS);
        data.put("sizeBytes", SIZE);
        data.put("timeoutMs", TIMEOUT.toMillis());
        data.put("receiveBufferBytes", granted);
        data.put("rates", z.rates());
        for (ServerKind kind : models()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("onset", onset(steps.get(kind)));
            m.put("steps", steps.get(kind));
            data.put(kind.cliName(), m);
        }
        return new Finding(headline(steps), List.of(lossFile, p99File), text(z, steps, granted, shown), shown, data);
    }

    private static Step step(ServerKind kind, int rate, RunResult r) {
        DatagramCounts d = r.datagrams();
        double seconds = r.measuredSeconds();
        Histogram received = new Histogram(3);
        for (Interval in : r.intervals()) received.add(LatencyLog.received(in));
        long maxLag = r.openLoop() == null ? 0 : r.openLoop().maxLagNanos();
        boolean clientLimited = d.sent() < 0.95 * rate * seconds || d.clientSocketDrops() > 0
                || maxLag > TIMEOUT.toNanos() / 2 || r.clientMeanCpuFraction() > 0.9;
        Long dropped = r.serverCounters() == null ? null : r.serverCounters().datagramsDropped();
        return new Step(kind.cliName(), rate, d.sent() / seconds, d.received() / seconds, round(d.lossRate() * 100),
                d.lost(), d.late(), d.reordered(), ms(r.latency(), 99), ms(received, 99), known(d.serverSocketDrops()), dropped,
                known(d.backlogDrops()), known(d.clientSocketDrops()), maxLag / 1e6, r.serverCpuPerRequestMicros(), clientLimited);
    }

    /** The lowest offered rate at which the model lost more than {@value #ONSET_PCT} %, the client keeping up; null if none. */
    static Integer onset(List<Step> steps) {
        return steps.stream().filter(Step::dropping).map(Step::offered).findFirst().orElse(null);
    }

    private static String headline(Map<ServerKind, List<Step>> steps) {
        List<String> parts = new ArrayList<>();
        steps.forEach((kind, s) -> {
            Integer onset = onset(s);
            parts.add(kind + (onset == null ? " none" : " " + Text.n(onset) + "/s"));
        });
        return "loss starts at: " + String.join(", ", parts);
    }

    private static String text(Sizes z, Map<ServerKind, List<Step>> steps, Integer granted, boolean shown) {
        StringBuilder b = new StringBuilder();
        b.append("Over UDP nobody waits. A datagram waits in the server socket's receive buffer until a thread of the")
                .append(" server takes it; when the buffer is full, the kernel drops the next one and tells no one. Each model")
                .append(" was offered a rising open-loop rate of ").append(SIZE).append("-byte echo datagrams by ")
                .append(CLIENTS).append(" clients (each its own socket), ").append(Text.n(z.rates().getFirst())).append(" to ")
                .append(Text.n(z.rates().getLast())).append(" per second; a datagram not back within ").append(TIMEOUT.toMillis())
                .append(" ms counts as lost, and is in p99 at its age.");
        if (granted != null) {
            b.append(" The servers' receive buffer was the system default, ").append(Text.n(granted))
                    .append(" bytes (`--rcvbuf` sets it); the kernel charges each queued datagram its whole buffer")
                    .append(" (several hundred bytes for a ").append(SIZE).append("-byte one), so only a few hundred fit: a")
                    .append(" server that stops draining for a few milliseconds at these rates starts to lose.");
        }
        b.append("\n\n| model | who drains the socket | no loss up to | loss starts at | at the highest rate | p99 there | where (highest rate) |\n")
                .append("|---|---|---:|---:|---:|---:|---|\n");
        for (Map.Entry<ServerKind, List<Step>> e : steps.entrySet()) {
            List<Step> s = e.getValue();
            Integer onset = onset(s);
            Step last = s.getLast();
            Step clean = lastClean(s);
            b.append("| ").append(e.getKey()).append(" | ").append(drainer(e.getKey())).append(" | ")
                    .append(clean == null ? "-" : Text.n(clean.offered()) + "/s").append(" | ")
                    .append(onset == null ? "not reached" : Text.n(onset) + "/s").append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f %%", last.lossPct())).append(last.clientLimited() ? " (client-limited)" : "")
                    .append(" | ").append(Text.ms(last.p99Ms())).append(" | ").append(Text.n(last.lost())).append(" lost; ")
                    .append(where(last)).append(" |\n");
        }
        b.append('\n');
        for (Map.Entry<ServerKind, List<Step>> e : steps.entrySet()) b.append(paragraph(e.getKey(), e.getValue())).append("\n\n");
        List<Step> limited = steps.values().stream().flatMap(List::stream).filter(Step::clientLimited).toList();
        if (!limited.isEmpty()) {
            b.append("The load client itself could not keep up in ").append(limited.size()).append(" step(s) (")
                    .append(String.join(", ", limited.stream().map(s -> s.model() + " at " + Text.n(s.offered()) + "/s").toList()))
                    .append("): it sent less than asked, fell behind its schedule by more than half the timeout, or dropped")
                    .append(" replies at its own sockets. Those steps measured the client, not the server, and do not count as")
                    .append(" the server's loss onset.\n\n");
        }
        if (!shown) {
            b.append(steps.values().stream().allMatch(s -> onset(s) == null)
                    ? "**No model lost datagrams up to " + Text.n(z.rates().getLast()) + "/s** (or only where the client itself"
                            + " fell behind): the expected loss onset did not show on this machine at this scale.\n"
                    : "**The lowest rate already lost datagrams** for some model: the ramp did not start below every onset.\n");
        }
        return b.toString();
    }

    /** Who takes datagrams off the socket, and what it does with each, per model. */
    private static String drainer(ServerKind kind) {
        return switch (kind) {
            case SINGLE -> "the one thread, between answers";
            case THREAD -> "a receiver thread, handing each to its peer's thread";
            case POOL -> "a receiver thread, queueing each for 16 workers";
            case VIRTUAL -> "a receiver, starting a virtual thread per datagram";
            case NIO -> "the event loop, answering each in place";
            case NETTY -> "Netty's loops, one socket each (SO_REUSEPORT)";
            case ASYNC -> "(no UDP form)";
        };
    }

    private static String paragraph(ServerKind kind, List<Step> s) {
        StringBuilder b = new StringBuilder("**`").append(kind).append("`**: ").append(switch (kind) {
            case SINGLE -> "one thread receives a datagram, answers it and only then takes the next: the socket is drained"
                    + " exactly as fast as one thread turns a datagram around, and nothing else can help.";
            case THREAD -> "a receiver thread takes each datagram, copies it and hands it to the thread of its peer (one per"
                    + " client address, " + CLIENTS + " here); the receiver drains quickly, but every hand-off wakes a thread,"
                    + " and on a core shared with the peers' threads the receiver is not always the one running.";
            case POOL -> "a receiver thread takes each datagram and queues it for 16 workers (1,024 may wait); it drains"
                    + " quickly, and when the workers fall behind, the queue is full and the server drops datagrams itself.";
            case VIRTUAL -> "a receiver takes each datagram and starts a virtual thread to answer it: draining costs a copy"
                    + " and a thread start per datagram, and the answers compete with the receiver for the carrier threads.";
            case NIO -> "the event loop takes up to 256 ready datagrams per wakeup and answers each one in place, from"
                    + " the same buffer: no hand-off, no copy, one thread.";
            case NETTY -> "each of Netty's loops reads its own socket on the shared port (SO_REUSEPORT: the kernel spreads"
                    + " the clients over them), copies each datagram into a pooled buffer, answers it on the loop and"
                    + " flushes once per read batch.";
            case ASYNC -> "has no UDP form.";
        });
        Step clean = lastClean(s);
        Integer onset = onset(s);
        long reordered = s.stream().mapToLong(Step::reordered).sum();
        if (reordered > 0) {
            b.append(" Its threads also answered ").append(Text.n(reordered)).append(" datagrams of a client out of order")
                    .append(" (over all rates): a datagram handed to another thread may overtake the one before it.");
        }
        if (clean != null && clean.serverCpuUsPerDatagram() != null) {
            b.append(" At ").append(Text.n(clean.offered())).append("/s, the highest rate it lost nothing at, the server spent ")
                    .append(Text.f(clean.serverCpuUsPerDatagram())).append(" us of CPU per datagram");
            if (kind == ServerKind.SINGLE || kind == ServerKind.NIO) {
                b.append(" — one thread at that cost drains at most about ")
                        .append(Text.n(1e6 / clean.serverCpuUsPerDatagram())).append(" datagrams/s of a whole core");
            }
            b.append('.');
        }
        if (onset == null) {
            b.append(" It lost nothing that the client can be held to up to ").append(Text.n(s.getLast().offered())).append("/s.");
        } else {
            Step first = s.stream().filter(st -> st.offered() == onset).findFirst().orElseThrow();
            b.append(" It started to lose at ").append(Text.n(onset)).append("/s: ")
                    .append(String.format(Locale.ROOT, "%.2f %%", first.lossPct())).append(" (").append(Text.n(first.lost()))
                    .append(" lost; ").append(where(first)).append(").");
        }
        return b.toString();
    }

    /**
     * e.g. {@code 1,200 dropped at the server's socket, 30 by the server itself, 0 in the kernel's backlog, 0 at
     * the client; 12 dropped nowhere: delayed past the timeout}. Drops are counted when they happen and losses a
     * timeout later, so at a phase's edges the two need not match exactly.
     */
    private static String where(Step s) {
        List<String> parts = new ArrayList<>();
        parts.add(count(s.serverSocketDrops()) + " dropped at the server's socket");
        if (s.serverDropped() != null && s.serverDropped() > 0) parts.add(Text.n(s.serverDropped()) + " by the server itself (whole run)");
        parts.add(count(s.backlogDrops()) + " in the kernel's backlog");
        parts.add(count(s.clientSocketDrops()) + " at the client");
        long dropped = 0;
        for (Long n : new Long[] {s.serverSocketDrops(), s.serverDropped(), s.backlogDrops(), s.clientSocketDrops()}) dropped += n == null ? 0 : n;
        String text = String.join(", ", parts);
        if (s.lost() > dropped) {
            text += "; " + Text.n(s.lost() - dropped) + " lost were dropped nowhere: delayed past the timeout in a queue"
                    + (s.late() > 0 ? " (" + Text.n(s.late()) + " came back late)" : "");
        }
        return text;
    }

    private static Step lastClean(List<Step> s) {
        Step clean = null;
        for (Step st : s) {
            if (st.clientLimited() || st.lossPct() > ONSET_PCT) break;
            clean = st;
        }
        return clean;
    }

    private static Integer grantedReceiveBuffer(RunResult r) {
        if (r.config() instanceof Map<?, ?> config && config.get("serverReady") instanceof com.fasterxml.jackson.databind.JsonNode ready) {
            com.fasterxml.jackson.databind.JsonNode bytes = ready.at("/facts/receiveBufferBytes");
            if (bytes.isNumber()) return bytes.asInt();
        }
        return null;
    }

    private static String count(Long n) {
        return n == null ? "?" : Text.n(n);
    }

    private static Long known(long n) {
        return n < 0 ? null : n;
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1e6;
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
