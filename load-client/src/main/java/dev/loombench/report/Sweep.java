package dev.loombench.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.loombench.client.FirstReplies;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The contents of {@code sweep.json}: a grid of runs (model × client count), one {@link Cell} of
 * key figures per run, with the exact command and the environment. Same units as
 * {@code summary.json} ({@code Us} microseconds, {@code Bytes}, {@code Pct}); each cell names its
 * result directory, relative to the sweep directory, where everything else about the run is.
 *
 * @param schema      {@value #SCHEMA}
 * @param createdAt   ISO-8601 UTC, when the sweep finished
 * @param command     the command line as typed, e.g. {@code bench sweep --impl all --clients 1,10,100}
 * @param protocol    echo, time or rfc868
 * @param impls       the models, in order
 * @param clients     the client counts, in order
 * @param load        the load of every cell but the client count (its {@code clients} is the first count)
 * @param server      the server options of every cell
 * @param environment JDK, OS, cores, memory, host (of the load client's JVM)
 * @param wallSeconds how long the sweep took
 * @param cells       one per model and client count, in the order they ran
 * @param files       the charts and the README beside it, by role
 */
public record Sweep(String schema, String createdAt, String command, String protocol, List<String> impls,
                   List<Integer> clients, Object load, Object server, Map<String, Object> environment,
                   double wallSeconds, List<Cell> cells, Map<String, String> files) {

    public static final String SCHEMA = "loombench-sweep/1";
    public static final String FILE = "sweep.json";

    /**
     * One run of the grid. Figures are null when the run could not be made ({@code failure} says why).
     *
     * @param impl                 server model
     * @param clients              concurrent clients asked for
     * @param dir                  the run's result directory, relative to the sweep directory; null if it failed
     * @param failure              why the run could not be made (server did not start); null if it ran
     * @param requestsPerSecond    verified requests/s in the measured phase
     * @param p50Us                corrected round trip, median
     * @param p99Us                corrected round trip, 99th percentile
     * @param maxUs                corrected round trip, maximum
     * @param errors               failures of every class in the measured phase
     * @param errorsByClass        the classes that occurred, with their counts
     * @param served               clients with at least one verified reply in the measured phase
     * @param servedPct            served / clients, percent
     * @param jainIndex            Jain's fairness index of requests per client
     * @param firstReply           time to first reply over the whole run; null if not measured
     * @param peakOsThreads        the server's peak OS threads (/proc)
     * @param peakRssBytes         the server's peak resident set size (/proc)
     * @param meanCpuPct           the server's mean CPU, percent of one core
     * @param clientStalled        the load client itself stalled: its latency figures are suspect
     * @param serverCpuUsPerRequest the server's CPU per verified request, microseconds
     * @param clientCpuUsPerRequest the load client's CPU per verified request, microseconds
     * @param repetitions          every repetition of the cell, in round order, with its noise verdict and the
     *                             noisy attempts made again (directories relative to the sweep directory);
     *                             null in sweeps made before repetitions existed
     * @param noisy                how many of the repetitions kept were marked noisy (retries ran out)
     * @param spread               the cell's headline figures over its repetitions, median and min–max
     *
     * <p>With several repetitions the figures above are their medians (counts rounded), and
     * {@code dir}, {@code errorsByClass}, {@code jainIndex} and {@code firstReply} are those of the
     * repetition with the median throughput.
     */
    public record Cell(String impl, int clients, String dir, String failure, Double requestsPerSecond, Double p50Us,
                       Double p99Us, Double maxUs, Long errors, Map<String, Long> errorsByClass, Integer served,
                       Double servedPct, Double jainIndex, FirstReplies firstReply, Long peakOsThreads,
                       Long peakRssBytes, Double meanCpuPct, Boolean clientStalled, Double serverCpuUsPerRequest,
                       Double clientCpuUsPerRequest, List<RepeatSet.Repetition> repetitions, Integer noisy,
                       RepeatedFigures spread) {

        /** The key figures of one run's summary; {@code dir} relative to the sweep directory. */
        public static Cell of(Summary s, String dir) {
            return of(List.of(s), List.of(dir), null);
        }

        /**
         * The cell of several repetitions: medians, and the repetition with the median throughput for
         * the rest; {@code dirs[i]} is the directory of {@code runs[i]}, relative to the sweep directory.
         */
        public static Cell of(List<Summary> runs, List<String> dirs, List<RepeatSet.Repetition> repetitions) {
            List<Integer> byRate = java.util.stream.IntStream.range(0, runs.size()).boxed()
                    .sorted(java.util.Comparator.comparingDouble(i -> runs.get(i).throughput().requestsPerSecond())).toList();
            int middle = byRate.get((runs.size() - 1) / 2);
            Cell m = one(runs.get(middle), dirs.get(middle));
            if (runs.size() == 1) {
                return new Cell(m.impl, m.clients, m.dir, null, m.requestsPerSecond, m.p50Us, m.p99Us, m.maxUs, m.errors,
                        m.errorsByClass, m.served, m.servedPct, m.jainIndex, m.firstReply, m.peakOsThreads, m.peakRssBytes,
                        m.meanCpuPct, m.clientStalled, m.serverCpuUsPerRequest, m.clientCpuUsPerRequest, repetitions,
                        runs.get(0).noisy() ? 1 : 0, RepeatedFigures.of(runs));
            }
            RepeatedFigures f = RepeatedFigures.of(runs);
            int served = (int) Math.round(f.served().median());
            return new Cell(m.impl, m.clients, m.dir, null, f.requestsPerSecond().median(), f.p50Us().median(),
                    f.p99Us().median(), f.maxUs().median(), Math.round(f.errors().median()), m.errorsByClass, served,
                    Summary.round3(m.clients == 0 ? 0 : 100.0 * served / m.clients), m.jainIndex, m.firstReply,
                    f.peakOsThreads() == null ? null : Math.round(f.peakOsThreads().median()),
                    f.peakRssBytes() == null ? null : Math.round(f.peakRssBytes().median()),
                    f.serverMeanCpuPct() == null ? null : Summary.round3(f.serverMeanCpuPct().median()),
                    runs.stream().anyMatch(r -> r.client() != null && r.client().clientStalled()),
                    f.serverCpuUsPerRequest() == null ? null : Summary.round3(f.serverCpuUsPerRequest().median()),
                    f.clientCpuUsPerRequest() == null ? null : Summary.round3(f.clientCpuUsPerRequest().median()),
                    repetitions, (int) runs.stream().filter(Summary::noisy).count(), f);
        }

        private static Cell one(Summary s, String dir) {
            Summary.Server sv = s.server();
            Map<String, Long> byClass = new java.util.LinkedHashMap<>();
            s.errors().byClass().forEach((k, v) -> {
                if (v > 0) byClass.put(k, v);
            });
            double servedPct = s.clients() == 0 ? 0 : 100.0 * s.fairness().served() / s.clients();
            return new Cell(s.impl(), s.clients(), dir, null, s.throughput().requestsPerSecond(),
                    s.latency().roundTrip().p50Us(), s.latency().roundTrip().p99Us(), s.latency().roundTrip().maxUs(),
                    s.errors().total(), byClass, s.fairness().served(), Summary.round3(servedPct),
                    Summary.round3(s.fairness().jainIndex()), s.firstReply(),
                    sv == null ? null : sv.peakOsThreads(), sv == null ? null : sv.peakRssBytes(),
                    sv == null ? null : sv.meanCpuPct(), s.client() != null && s.client().clientStalled(),
                    sv == null ? null : sv.cpuUsPerRequest(), s.client() == null ? null : s.client().cpuUsPerRequest(),
                    null, null, null);
        }

        /** A run that could not be made. */
        public static Cell failed(String impl, int clients, String failure) {
            return failed(impl, clients, failure, null);
        }

        /** A cell none of whose repetitions could be made. */
        public static Cell failed(String impl, int clients, String failure, List<RepeatSet.Repetition> repetitions) {
            return new Cell(impl, clients, null, failure, null, null, null, null, null, Map.of(), null, null, null,
                    null, null, null, null, null, null, null, repetitions, null, null);
        }

        public boolean ran() {
            return failure == null;
        }
    }

    /** Reads a {@code sweep.json} (the file, or the directory holding it). */
    public static Sweep read(Path dirOrFile) throws IOException {
        Path file = java.nio.file.Files.isDirectory(dirOrFile) ? dirOrFile.resolve(FILE) : dirOrFile;
        return Json.PRETTY.readerFor(Sweep.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(file.toFile());
    }
}
