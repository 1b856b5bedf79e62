package dev.loombench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loombench.client.Fairness;
import dev.loombench.client.FirstReplies;
import dev.loombench.client.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The few lines printed after a run: what was measured, how fast, how slow at the tail, what
 * failed, who was served, what the server spent, whether the load client kept up, and where
 * the files are. Figures are the same as in summary.json (it is formatted from {@link Summary}).
 */
public final class TerminalSummary {

    private TerminalSummary() {}

    public static String format(RunResult result, Path resultDir) {
        return format(Summary.of(result), resultDir);
    }

    public static String format(Summary s, Path resultDir) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s / %s%s / %d clients / %.1f s measured from %s%n", s.impl(), s.protocol(),
                s.udp() ? " over udp" : "", s.clients(), s.measuredSeconds(), s.startedAt()));
        String model = modelFacts(s.config());
        if (model != null) line(b, "model", model);
        Summary.Throughput t = s.throughput();
        line(b, "throughput", Human.count(t.requestsPerSecond()) + " req/s, "
                + String.format(Locale.ROOT, "%.2f MB/s", t.megabytesPerSecond()) + " (" + Human.count(t.requests())
                + " verified requests" + (t.messages() > 0 ? ", " + Human.count(t.messages()) + " MESSAGE indications, "
                + Human.count(t.messagesPerSecond()) + "/s" : "") + ")");
        line(b, "RTT rate", String.format(Locale.ROOT, "%.3f MB/s per request in flight (bytes per request / mean service time)",
                t.rttRateMegabytesPerSecond()));
        long censored = s.latency().censored();
        latency(b, "latency", s.latency().roundTrip(), "round trip from the intended send"
                + (censored > 0 ? "; includes " + Human.count(censored) + " censored: given up or unanswered at the end, at their age" : ""));
        if (s.openLoop() == null) {
            line(b, "service", "same as latency (closed loop: every request is sent the moment it is due)");
        } else {
            latency(b, "service", s.latency().service(), "actual send to reply");
        }
        if (!s.udp()) latency(b, "connect", s.latency().connect(), null);
        line(b, "errors", errors(s.errors()));
        if (s.datagrams() != null) {
            line(b, "datagrams", datagrams(s.datagrams()));
            line(b, "drops", drops(s.datagrams()));
        }
        Fairness f = s.fairness();
        line(b, "fairness", String.format(Locale.ROOT, "served %d/%d clients; requests per client min %s / median %s"
                        + " / max %s; Jain %.3f%s", f.served(), f.clients(), Human.count(f.min()),
                Human.count(f.median()), Human.count(f.max()), f.jainIndex(),
                f.served() < f.clients() ? "  <- " + (f.clients() - f.served()) + " clients never served" : ""));
        if (s.firstReply() != null) line(b, "1st reply", firstReply(s.firstReply()));
        if (s.server() != null) line(b, "server", server(s.server()));
        Summary.Client c = s.client();
        line(b, "client", (c.cpuUsPerRequest() == null ? "" : String.format(Locale.ROOT, "CPU %.2f us per request, ", c.cpuUsPerRequest()))
                + "mean " + Human.percent(c.meanCpuPct()) + " / max " + Human.percent(c.maxCpuPct()) + " of a core, max hiccup "
                + String.format(Locale.ROOT, "%.1f ms", c.maxHiccupMs()));
        if (s.config() instanceof Map<?, ?> config && config.get("cpus") instanceof Map<?, ?> cpus) line(b, "cpus", cpus(cpus));
        if (s.noise() != null) line(b, "machine", s.noise().describe());
        if (!c.verdict().equals("ok")) b.append("  WARNING    ").append(c.verdict()).append('\n');
        if (s.openLoop() != null) {
            Summary.OpenLoop o = s.openLoop();
            line(b, "open loop", "target " + Human.count(o.targetRequestsPerSecond()) + " req/s, achieved "
                    + Human.count(o.achievedRequestsPerSecond()) + " req/s (" + Human.percent(o.achievedPct())
                    + "), max send lag " + Human.latency(o.maxLagMs() * 1e6));
        }
        if (resultDir != null) {
            line(b, "files", resultDir + "/");
            b.append("             ").append(String.join(", ", s.files() == null ? List.of() : s.files().values()))
                    .append('\n');
        }
        return b.toString();
    }

    /**
     * What the child server's ready line said about the model beyond its options, e.g. {@code epoll
     * transport, 2 loops} or {@code poller VTHREAD_POLLERS (JDK default)}; null when it said nothing
     * (other models, --target, results from before facts were recorded).
     */
    static String modelFacts(Object config) {
        if (config == null) return null;
        JsonNode facts = Json.PRETTY.valueToTree(config).path("serverReady").path("facts"); // a Map, or JSON read back
        List<String> parts = new ArrayList<>();
        if (facts.hasNonNull("transport")) parts.add(facts.get("transport").asText() + " transport");
        if (facts.hasNonNull("loops")) parts.add(facts.get("loops").asInt() + (facts.get("loops").asInt() == 1 ? " loop" : " loops"));
        if (facts.has("nettyUnsafe") && !facts.get("nettyUnsafe").asBoolean()) parts.add("Netty without sun.misc.Unsafe");
        if (facts.hasNonNull("pollerMode")) {
            parts.add("virtual-thread poller " + facts.get("pollerMode").asText() + " (" + facts.path("pollerModeOption").asText() + ")");
        }
        if (facts.hasNonNull("spinStepsPerMicrosecond")) {
            parts.add("--spin calibrated at " + facts.get("spinStepsPerMicrosecond").asText() + " steps/us");
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    /** Non-zero classes with their counts, e.g. {@code read-timeout 12, reset 3 (15 in total)}, or {@code none}. */
    static String errors(Summary.Errors e) {
        if (e.total() == 0) return "none";
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Long> c : e.byClass().entrySet()) {
            if (c.getValue() > 0) parts.add(c.getKey() + " " + Human.count(c.getValue()));
        }
        return String.join(", ", parts) + " (" + Human.count(e.total()) + " in total)";
    }

    /** e.g. {@code sent 40,000, received 39,000, lost 1,000 (2.50 %), corrupted 0; late 3, duplicated 0, reordered 12}. */
    static String datagrams(Summary.Datagrams d) {
        return "sent " + Human.count(d.sent()) + ", received " + Human.count(d.received()) + ", lost " + Human.count(d.lost())
                + String.format(Locale.ROOT, " (%.2f %%)", d.lossPct()) + ", corrupted " + Human.count(d.corrupted())
                + "; late " + Human.count(d.late()) + ", duplicated " + Human.count(d.duplicated()) + ", reordered "
                + Human.count(d.reordered());
    }

    /** Where datagrams were dropped: by the kernel at either side's socket or in its input backlog, and by the server itself. */
    static String drops(Summary.Datagrams d) {
        return "by the kernel at the server's socket " + count(d.serverSocketDrops()) + ", at the client's sockets "
                + count(d.clientSocketDrops()) + (d.clientSocketDrops() != null && d.clientSocketDrops() > 0
                ? " (the load client itself lost replies)" : "") + ", in its input backlog " + count(d.backlogDrops())
                + " (all of this host); by the server itself " + count(d.serverDropped()) + " (its counters, the whole run)";
    }

    private static String count(Long n) {
        return n == null ? "unknown" : Human.count(n);
    }

    /** e.g. {@code 16/500 clients ever served, after p50 1.20 ms / p99 3.40 ms / max 5.00 ms; 484 never}. */
    static String firstReply(FirstReplies f) {
        if (f.served() == 0) return "no client was ever served";
        return f.served() + "/" + f.clients() + " clients ever served, after p50 " + Human.latency(f.p50Ms() * 1e6)
                + " / p99 " + Human.latency(f.p99Ms() * 1e6) + " / max " + Human.latency(f.maxMs() * 1e6)
                + " from the first connect attempt" + (f.never() > 0 ? "; " + f.never() + " never" : "");
    }

    /** e.g. {@code client 0, server 1 (pinned apart)}. */
    private static String cpus(Map<?, ?> cpus) {
        Object client = cpus.get("client");
        Object server = cpus.get("server");
        Object note = cpus.get("note");
        return "client " + (client == null ? "unpinned" : client) + ", server " + (server == null ? "unpinned" : server)
                + (note instanceof String n && !n.isEmpty() ? " (" + n + ")" : "");
    }

    private static String server(Summary.Server sv) {
        List<String> parts = new ArrayList<>();
        if (sv.cpuUsPerRequest() != null) parts.add(String.format(Locale.ROOT, "CPU %.2f us per request", sv.cpuUsPerRequest()));
        if (sv.peakOsThreads() != null) parts.add("peak " + sv.peakOsThreads() + " OS threads");
        if (sv.counters() != null) parts.add(sv.counters().peakThreads() + " serving threads at peak");
        if (sv.peakRssBytes() != null) parts.add("peak RSS " + Human.bytes(sv.peakRssBytes()));
        if (sv.meanCpuPct() != null) parts.add("mean " + Human.percent(sv.meanCpuPct()) + " of a core");
        if (sv.counters() != null && sv.counters().rejected() > 0) parts.add(sv.counters().rejected() + " rejected");
        return parts.isEmpty() ? "not sampled" : String.join(", ", parts);
    }

    private static void latency(StringBuilder b, String label, Summary.Stats st, String note) {
        if (st.count() == 0) {
            line(b, label, "no samples");
            return;
        }
        line(b, label, "p50 " + Human.latencyUs(st.p50Us()) + "  p90 " + Human.latencyUs(st.p90Us())
                + "  p99 " + Human.latencyUs(st.p99Us()) + "  p99.9 " + Human.latencyUs(st.p999Us())
                + "  p99.99 " + Human.latencyUs(st.p9999Us()) + "  max " + Human.latencyUs(st.maxUs())
                + (note == null ? "  (" + Human.count(st.count()) + " samples)" : "  (" + note + ")"));
    }

    private static void line(StringBuilder b, String label, String text) {
        b.append(String.format(Locale.ROOT, "  %-10s %s%n", label, text));
    }
}
