package dev.loombench.report;

import dev.loombench.stats.Spread;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The headline figures of repetitions of one run, each as a {@link Spread} (median, min–max and
 * the order-statistic interval): what {@code repeats.json}, {@code comparison.json} and
 * {@code sweep.json} carry for every group of repetitions. Same names and units as
 * {@code summary.json}; a figure that some repetition lacks (no server with {@code --target}) is
 * null. Immutable.
 *
 * @param requestsPerSecond     verified requests/s
 * @param p50Us                 corrected round trip, median
 * @param p99Us                 corrected round trip, 99th percentile
 * @param p999Us                corrected round trip, 99.9th percentile
 * @param maxUs                 corrected round trip, maximum
 * @param errors                failures of every class in the measured phase
 * @param served                clients served at least once in the measured phase
 * @param serverCpuUsPerRequest the server's CPU per verified request, microseconds
 * @param clientCpuUsPerRequest the load client's CPU per verified request, microseconds
 * @param peakRssBytes          the server's peak resident set size
 * @param peakOsThreads         the server's peak OS threads
 * @param serverMeanCpuPct      the server's mean CPU, percent of one core
 */
public record RepeatedFigures(Spread requestsPerSecond, Spread p50Us, Spread p99Us, Spread p999Us, Spread maxUs,
                              Spread errors, Spread served, Spread serverCpuUsPerRequest, Spread clientCpuUsPerRequest,
                              Spread peakRssBytes, Spread peakOsThreads, Spread serverMeanCpuPct) {

    /** The figures of {@code runs} (at least one). */
    public static RepeatedFigures of(List<Summary> runs) {
        if (runs.isEmpty()) throw new IllegalArgumentException("no runs to summarise");
        return new RepeatedFigures(
                spread(runs, s -> s.throughput().requestsPerSecond()),
                spread(runs, s -> s.latency().roundTrip().p50Us()),
                spread(runs, s -> s.latency().roundTrip().p99Us()),
                spread(runs, s -> s.latency().roundTrip().p999Us()),
                spread(runs, s -> s.latency().roundTrip().maxUs()),
                spread(runs, s -> (double) s.errors().total()),
                spread(runs, s -> (double) s.fairness().served()),
                spread(runs, s -> s.server() == null ? null : s.server().cpuUsPerRequest()),
                spread(runs, s -> s.client() == null ? null : s.client().cpuUsPerRequest()),
                spread(runs, s -> s.server() == null || s.server().peakRssBytes() == null ? null : s.server().peakRssBytes().doubleValue()),
                spread(runs, s -> s.server() == null || s.server().peakOsThreads() == null ? null : s.server().peakOsThreads().doubleValue()),
                spread(runs, s -> s.server() == null ? null : s.server().meanCpuPct()));
    }

    /** The spread of {@code figure} over every run, or null when a run lacks it. */
    private static Spread spread(List<Summary> runs, Function<Summary, Double> figure) {
        List<Double> values = runs.stream().map(figure).toList();
        if (values.stream().anyMatch(Objects::isNull)) return null;
        return Spread.of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
