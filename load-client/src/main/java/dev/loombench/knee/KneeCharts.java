package dev.loombench.knee;

import dev.loombench.stats.Spread;
import dev.loombench.report.Charts;
import dev.loombench.report.Human;
import dev.loombench.report.LineChart;
import dev.loombench.report.LineChart.YScale;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The charts of a knee search, offered rate on a log x axis, every figure the median of a step's runs:
 * <pre>
 * latency-vs-rate.png         p99 latency (from the intended send) of every model against the offered
 *                             rate, each model's knee a dashed vertical line in its colour (named in the
 *                             model's legend entry), the objective a grey line
 * latency-vs-rate-&lt;impl&gt;.png  one model: p50, p99 and p99.9, its knee and the objective
 * achieved.png                verified rate against offered rate for every model, beside the line achieved = offered
 * </pre>
 */
public final class KneeCharts {

    public static final String LATENCY = "latency-vs-rate.png";
    public static final String ACHIEVED = "achieved.png";
    private static final Color OBJECTIVE = new Color(0x777777);

    private KneeCharts() {}

    /** The file of one model's latency chart. */
    public static String latencyOf(String impl) {
        return "latency-vs-rate-" + impl + ".png";
    }

    /** Writes every chart into {@code dir}; returns the files by role. */
    public static Map<String, String> write(KneeResult k, Path dir) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        String what = k.protocol() + ", " + Human.count(clients(k)) + " clients, open loop";
        double slo = k.objective().p99().toNanos() / 1e6;
        LineChart all = new LineChart("p99 latency vs offered rate - " + what, "offered rate (req/s, log scale)",
                "p99 latency from the intended send (ms, log scale)").logX().y(YScale.LOG).size(Charts.WIDTH, 700);
        for (ModelKnee m : k.models()) {
            Color c = Charts.colorFor(m.impl());
            all.measured(m.impl() + knee(m), c, rates(m), ms(m, Step::p99Us));
            markKnee(all, m, c, k);
        }
        objective(all, k, slo);
        Charts.writePng(all.build(), dir.resolve(LATENCY));
        files.put("latencyChart", LATENCY);

        for (ModelKnee m : k.models()) {
            Color c = Charts.colorFor(m.impl());
            LineChart one = new LineChart("latency vs offered rate - " + m.impl() + ", " + what, "offered rate (req/s, log scale)",
                    "latency from the intended send (ms, log scale)").logX().y(YScale.LOG);
            one.measured("p99" + knee(m), c, rates(m), ms(m, Step::p99Us));
            one.measuredSecondary("p50", Charts.variant(c, 2), rates(m), ms(m, Step::p50Us));
            one.measuredSecondary("p99.9", Charts.variant(c, 1), rates(m), ms(m, Step::p999Us));
            markKnee(one, m, c, k);
            objective(one, k, slo);
            Charts.writePng(one.build(), dir.resolve(latencyOf(m.impl())));
            files.put(m.impl() + "LatencyChart", latencyOf(m.impl()));
        }

        LineChart achieved = new LineChart("verified vs offered rate - " + what, "offered rate (req/s, log scale)",
                "verified rate (req/s)").logX().y(YScale.LOG);
        double top = 1;
        for (ModelKnee m : k.models()) {
            achieved.measured(m.impl(), Charts.colorFor(m.impl()), rates(m),
                    m.byRate().stream().mapToDouble(s -> s.achieved().median()).toArray());
            for (Step s : m.steps()) top = Math.max(top, s.offered());
        }
        achieved.predicted("achieved = offered", OBJECTIVE, new double[] {k.plan().minRate(), top}, new double[] {k.plan().minRate(), top});
        Charts.writePng(achieved.build(), dir.resolve(ACHIEVED));
        files.put("achievedChart", ACHIEVED);
        return files;
    }

    private static String knee(ModelKnee m) {
        return m.knee() == null ? " (no knee)" : " (knee " + Human.count(m.knee()) + " req/s)";
    }

    private static double[] rates(ModelKnee m) {
        return m.byRate().stream().mapToDouble(Step::offered).toArray();
    }

    private static double[] ms(ModelKnee m, Function<Step, Spread> figure) {
        return m.byRate().stream().mapToDouble(s -> figure.apply(s).median() / 1e3).toArray();
    }

    /** A vertical line at the knee, spanning the latencies of the chart. */
    private static void markKnee(LineChart chart, ModelKnee m, Color c, KneeResult k) {
        if (m.knee() == null) return;
        double[] span = span(k);
        chart.guide(m.impl() + " knee", c, new double[] {m.knee(), m.knee()}, span);
    }

    private static void objective(LineChart chart, KneeResult k, double sloMs) {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (ModelKnee m : k.models()) {
            for (Step s : m.steps()) {
                lo = Math.min(lo, s.offered());
                hi = Math.max(hi, s.offered());
            }
        }
        if (hi == 0) return;
        chart.predicted("objective: p99 " + Human.latency(k.objective().p99().toNanos()), OBJECTIVE, new double[] {lo, hi},
                new double[] {sloMs, sloMs});
    }

    /** The lowest p50 and highest p99.9 of all steps (ms), so a knee line spans every curve. */
    private static double[] span(KneeResult k) {
        double lo = k.objective().p99().toNanos() / 1e6;
        double hi = lo;
        for (ModelKnee m : k.models()) {
            for (Step s : m.steps()) {
                if (s.p50Us().median() > 0) lo = Math.min(lo, s.p50Us().median() / 1e3);
                hi = Math.max(hi, s.p999Us().median() / 1e3);
            }
        }
        return new double[] {lo, hi};
    }

    private static double clients(KneeResult k) {
        return k.load().clients();
    }
}
