package dev.loombench.report;

import dev.loombench.client.Fairness;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@code index.html} of one run's result directory: the noise verdict, the headline figures,
 * the two charts, the configuration and environment, and links to the raw files
 * ({@link HtmlReport}).
 */
public final class RunReport {

    private RunReport() {}

    /** Writes {@code dir/index.html} for the run {@code s} stored there. */
    public static Path write(Summary s, Path dir) throws IOException {
        HtmlReport page = new HtmlReport(s.impl() + " / " + s.protocol() + (s.udp() ? " over udp" : "") + " / " + s.clients() + " clients")
                .subtitle(String.format(Locale.ROOT, "%.1f s measured from %s", s.measuredSeconds(), s.startedAt()));
        if (s.noise() != null) page.noise("Machine while measuring: " + s.noise().describe(), s.noise().noisy());
        if (!s.client().verdict().equals("ok")) page.noise("Load client: " + s.client().verdict(), true);
        page.table("Headline figures (as in summary.json)", figures(s))
                .image(dir, ResultWriter.LATENCY_PNG, "latency by percentile")
                .image(dir, ResultWriter.THROUGHPUT_PNG, "throughput and failures over time")
                .heading("Configuration")
                .json("The full resolved configuration, as stored in summary.json:", s.config())
                .json("Environment:", s.environment());
        return page.filesOf(dir).write(dir);
    }

    /** One row per headline figure. */
    static Table figures(Summary s) {
        Table t = new Table("figure", "value");
        Summary.Throughput tp = s.throughput();
        t.row("verified requests/s", Human.count(tp.requestsPerSecond()));
        t.row("MB/s", String.format(Locale.ROOT, "%.2f", tp.megabytesPerSecond()));
        Summary.Stats l = s.latency().roundTrip();
        t.row("latency p50", Human.latencyUs(l.p50Us()));
        t.row("latency p90", Human.latencyUs(l.p90Us()));
        t.row("latency p99", Human.latencyUs(l.p99Us()));
        t.row("latency p99.9", Human.latencyUs(l.p999Us()));
        t.row("latency max", Human.latencyUs(l.maxUs()));
        t.row("censored requests", Human.count(s.latency().censored()));
        t.row("errors", TerminalSummary.errors(s.errors()));
        if (s.datagrams() != null) {
            t.row("datagrams", TerminalSummary.datagrams(s.datagrams()));
            t.row("datagrams dropped", TerminalSummary.drops(s.datagrams()));
        }
        Fairness f = s.fairness();
        t.row("clients served", f.served() + "/" + f.clients());
        t.row("Jain's fairness index", String.format(Locale.ROOT, "%.3f", f.jainIndex()));
        Summary.Server sv = s.server();
        if (sv != null) {
            t.row("server CPU per request", perRequest(sv.cpuUsPerRequest()));
            t.row("server peak OS threads", sv.peakOsThreads() == null ? "-" : sv.peakOsThreads());
            t.row("server peak RSS", sv.peakRssBytes() == null ? "-" : Human.bytes(sv.peakRssBytes()));
            t.row("server mean CPU", sv.meanCpuPct() == null ? "-" : Human.percent(sv.meanCpuPct()) + " of a core");
        }
        t.row("client CPU per request", perRequest(s.client().cpuUsPerRequest()));
        t.row("client longest stall", String.format(Locale.ROOT, "%.1f ms", s.client().maxHiccupMs()));
        return t;
    }

    static String perRequest(Double us) {
        return us == null ? "-" : String.format(Locale.ROOT, "%.2f us", us);
    }
}
