package dev.loombench.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.loombench.client.DatagramCounts;
import dev.loombench.client.ErrorClass;
import dev.loombench.client.Fairness;
import dev.loombench.client.FirstReplies;
import dev.loombench.client.Interval;
import dev.loombench.client.ResourceSample;
import dev.loombench.client.RunResult;
import dev.loombench.machine.Noise;
import dev.loombench.server.ServerStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The contents of {@code summary.json}: one run's whole-phase figures, read by {@code bench
 * check}, {@code bench compare} and {@code bench sweep}. Field names are a contract: add fields,
 * never rename or re-unit them; readers ignore fields they do not know. Units are in the key
 * names ({@code Us} microseconds, {@code Ms} milliseconds, {@code Pct} percent of one core,
 * {@code Bytes}, {@code PerSecond}); MB means 10<sup>6</sup> bytes. Per-interval figures are not
 * repeated here: they are in {@code timeseries.csv} and {@code latency.hlog}.
 *
 * @param schema          {@value #SCHEMA}; bumped only for an incompatible change
 * @param impl            server model, or "target" for a server that was already running
 * @param protocol        echo, time or rfc868
 * @param clients         concurrent client connections asked for
 * @param startedAt       ISO-8601 UTC start of the measured phase
 * @param measuredSeconds actual length of the measured phase (warm-up excluded)
 * @param config          the full resolved configuration, as the load client resolved it
 * @param environment     JDK, OS, cores, memory, host, command line
 * @param throughput      verified requests and bytes
 * @param latency         round trip, service and connect latency
 * @param errors          failures by class
 * @param fairness        how evenly verified requests were spread over the clients ({@link Fairness}):
 *                        clients, served (at least one request), min / median / max requests per
 *                        client, jainIndex (1 = equal shares, k/n = k clients got everything, 0 = nobody served)
 * @param server          the child server's resources and counters; null with --target
 * @param client          whether the load client itself kept up
 * @param openLoop        target vs achieved rate; null in closed loop
 * @param files           the other files of the result directory, by role
 * @param firstReply      how long clients waited for their first verified reply, over the whole run
 *                        ({@link FirstReplies}): served, never, and min / p50 / p90 / p99 / max in ms;
 *                        null in results written before it existed
 * @param noise           how disturbed the machine was while measuring ({@link Noise}: others' CPU share,
 *                        steal, load, client stalls, and whether the run counts as noisy); null when not
 *                        watched (results written before it existed, or off Linux)
 * @param transport       {@code tcp} or {@code udp}; null in results written before UDP existed (they are tcp)
 * @param datagrams       UDP: what became of the datagrams ({@link Datagrams}); null over TCP
 */
public record Summary(String schema, String impl, String protocol, int clients, String startedAt,
                      double measuredSeconds, Object config, Map<String, Object> environment,
                      Throughput throughput, Latencies latency, Errors errors, Fairness fairness,
                      Server server, Client client, OpenLoop openLoop, Map<String, String> files,
                      FirstReplies firstReply, Noise noise, String transport, Datagrams datagrams) {

    public static final String SCHEMA = "loombench-summary/1";
    public static final String FILE = "summary.json";
    /** A hiccup longer than this means the load client stalled and its latency figures include its own pauses. */
    public static final double STALL_THRESHOLD_MS = RunResult.CLIENT_STALL_NANOS / 1e6;
    static final String RTT_RATE_DEFINITION = "bytes / RTT per request in flight: mean verified bytes per request"
            + " divided by the mean service time (actual send to verified reply). A connection with K requests in"
            + " flight (--pipeline K) moves up to K times that; so clients x pipeline x rttRate is what the run"
            + " would move if every request in flight were always busy, and megabytesPerSecond below it is time"
            + " the requests spent not in flight (the client preparing, the server queueing before reading).";

    /**
     * @param requests                  verified requests in the measured phase
     * @param requestsPerSecond         requests / measuredSeconds
     * @param bytes                     verified payload bytes received
     * @param megabytesPerSecond        bytes / 10^6 / measuredSeconds
     * @param bytesPerRequest           bytes / requests (0 when none)
     * @param rttRateMegabytesPerSecond the RTT-based rate of one request in flight, see {@code rttRateDefinition}
     * @param rttRateDefinition         how rttRateMegabytesPerSecond is computed, in words
     * @param messages                  time protocol: MESSAGE indications received and verified (the other side of SEND); 0 otherwise
     * @param messagesPerSecond         messages / measuredSeconds
     */
    public record Throughput(long requests, double requestsPerSecond, long bytes, double megabytesPerSecond,
                             double bytesPerRequest, double rttRateMegabytesPerSecond, String rttRateDefinition,
                             long messages, double messagesPerSecond) {}

    /**
     * @param roundTrip corrected round trip: from the intended send time (equals service in closed loop);
     *                  censored requests included at their age
     * @param service   raw service time: from the actual send to the verified reply; censored requests that
     *                  were sent included at their age since the send
     * @param connect   TCP connect latency of every connection of the run, those made while connecting and
     *                  warming up included (long-lived connections are all made before the measured phase);
     *                  latency.hlog holds the connects of each measured second
     * @param censored  requests given up (timed out, or failed with their connection) or unanswered when the
     *                  phase ended, in the measured phase: counted in roundTrip (and service) at their age, as
     *                  the latency.hlog tag {@code censored} holds them; a failure never leaves the figures
     * @param connectHistogram the whole-run connect histogram behind {@code connect}, in HdrHistogram's
     *                  compressed base64 encoding (as an hlog line holds it), so that {@code bench merge} can
     *                  add it (latency.hlog has the measured phase's connects only); null in older results
     */
    public record Latencies(Stats roundTrip, Stats service, Stats connect, long censored, String connectHistogram) {}

    /** Percentiles of one latency histogram, microseconds; all 0 when {@code count} is 0. */
    public record Stats(long count, double meanUs, double p50Us, double p90Us, double p99Us, double p999Us,
                        double p9999Us, double maxUs) {
        static Stats of(Histogram h) {
            if (h == null || h.getTotalCount() == 0) return new Stats(0, 0, 0, 0, 0, 0, 0, 0);
            return new Stats(h.getTotalCount(), round3(h.getMean() / 1e3), us(h, 50), us(h, 90), us(h, 99),
                    us(h, 99.9), us(h, 99.99), h.getMaxValue() / 1e3);
        }

        private static double us(Histogram h, double percentile) {
            return h.getValueAtPercentile(percentile) / 1e3;
        }
    }

    /**
     * @param total   failures of every class
     * @param byClass failures per class label ({@code connect-refused}, ...), every class present, in enum order
     */
    public record Errors(long total, Map<String, Long> byClass) {}

    /**
     * @param peakOsThreads   OS threads of the server process at its peak (/proc; virtual threads are not OS threads); null if never sampled
     * @param peakRssBytes    resident set size at its peak since the server started ({@code VmHWM}); null if never sampled
     * @param cpuSeconds      CPU time (user + system) of the server process since it started, at the last sample; null if never sampled
     * @param meanCpuPct      server CPU over the measured phase (CPU time / wall time), percent of one core; null if not sampled
     * @param peakCpuPct      the highest per-interval server CPU, percent of one core; null if not sampled
     * @param counters        the model's final counters (accepted, rejected, peak connections, peak serving threads, ...); null if unknown
     * @param cpuUsPerRequest server CPU time in the measured phase per verified request, microseconds; null if not sampled
     */
    public record Server(Long peakOsThreads, Long peakRssBytes, Double cpuSeconds, Double meanCpuPct,
                         Double peakCpuPct, ServerStats.Snapshot counters, Double cpuUsPerRequest) {}

    /**
     * @param maxCpuPct        the load client's highest per-interval CPU, percent of one core
     * @param maxHiccupMs      the longest stall of the client's own JVM in any interval
     * @param clientStalled    maxHiccupMs > stallThresholdMs: the latency figures include client pauses
     * @param stallThresholdMs {@value #STALL_THRESHOLD_MS}
     * @param verdict          "ok" or a one-line warning (client stalled; client spent more CPU per request than the server)
     * @param meanCpuPct       the load client's CPU over the measured phase (CPU time / wall time), percent of one core
     * @param cpuUsPerRequest  the load client's CPU time in the measured phase per verified request, microseconds; null if none
     * @param heavierThanServer true when the client spent more CPU per verified request than the server while it was busy
     *                          (at least half a core on average): it may be the bottleneck
     */
    public record Client(double maxCpuPct, double maxHiccupMs, boolean clientStalled, double stallThresholdMs,
                         String verdict, double meanCpuPct, Double cpuUsPerRequest, boolean heavierThanServer) {}

    /**
     * @param targetRequestsPerSecond   the rate asked for, in total
     * @param achievedRequestsPerSecond the verified rate achieved
     * @param achievedPct               achieved / target, percent
     * @param maxLagMs                  how far sending fell behind the schedule at worst
     */
    public record OpenLoop(double targetRequestsPerSecond, double achievedRequestsPerSecond, double achievedPct,
                           double maxLagMs) {}

    /**
     * UDP: what became of the datagrams in the measured phase ({@link DatagramCounts}). Every datagram
     * sent was received, lost or corrupted, or was still in flight at the end (then censored); late,
     * duplicated and reordered replies are counted beside, never as a second success.
     *
     * @param sent              request datagrams sent
     * @param received          replies back intact within {@code --timeout} (the verified requests)
     * @param lost              not back within {@code --timeout}: failures, in the latency at their age
     * @param late              replies to datagrams already lost (they stay lost)
     * @param duplicated        second and later replies to one datagram
     * @param reordered         received after the reply to a later datagram of the same client
     * @param corrupted         replies that are not the datagram sent: failures
     * @param lossPct           lost / (received + lost + corrupted), percent
     * @param serverSocketDrops datagrams the kernel dropped at the server's socket, its receive buffer full
     *                          ({@code /proc/net/udp}); null when unknown (a server on another host)
     * @param clientSocketDrops the same at the load client's sockets: not 0 means the client lost replies itself
     * @param serverDropped     datagrams the server dropped itself (a full pool queue...), from its final counters;
     *                          null with --target
     * @param backlogDrops      packets this host's kernel dropped from its input backlog ({@code net.core.netdev_max_backlog},
     *                          {@code /proc/net/softnet_stat}) before any socket: all traffic of the host; null when unknown
     */
    public record Datagrams(long sent, long received, long lost, long late, long duplicated, long reordered,
                            long corrupted, double lossPct, Long serverSocketDrops, Long clientSocketDrops,
                            Long serverDropped, Long backlogDrops) {
        static Datagrams of(DatagramCounts d, ServerStats.Snapshot counters) {
            if (d == null) return null;
            return new Datagrams(d.sent(), d.received(), d.lost(), d.late(), d.duplicated(), d.reordered(), d.corrupted(),
                    round3(d.lossRate() * 100), d.serverSocketDrops() < 0 ? null : d.serverSocketDrops(),
                    d.clientSocketDrops() < 0 ? null : d.clientSocketDrops(), counters == null ? null : counters.datagramsDropped(),
                    d.backlogDrops() < 0 ? null : d.backlogDrops());
        }
    }

    /** The summary of one run, not watched by a noise guard. */
    public static Summary of(RunResult r) {
        return of(r, null);
    }

    /** The summary of one run and how noisy the machine was meanwhile (null: not watched). */
    public static Summary of(RunResult r, Noise noise) {
        DatagramCounts datagrams = r.datagrams();
        return new Summary(SCHEMA, r.impl(), r.protocol(), r.clients(), r.startedAt().toString(), r.measuredSeconds(),
                r.config(), r.environment(), throughput(r),
                new Latencies(Stats.of(r.latency()), Stats.of(r.service()), Stats.of(r.connect()), r.censored(),
                        r.connect() == null ? null : Histograms.encode(r.connect())),
                errors(r.errors()), r.fairness(), server(r), client(r), openLoop(r.openLoop()),
                ResultWriter.FILES, r.firstReplies(), noise, datagrams == null ? "tcp" : "udp",
                Datagrams.of(datagrams, r.serverCounters()));
    }

    /** True for a run over UDP. */
    public boolean udp() {
        return "udp".equals(transport);
    }

    /**
     * True when the run is not to be trusted as a clean figure: the noise guard marked it (others
     * took a share of its CPUs, or the load client stalled), or, without a guard, the client stalled.
     */
    public boolean noisy() {
        return noise != null ? noise.noisy() : client != null && client.clientStalled();
    }

    /** Reads {@code summary.json} from a result directory (or the file itself). */
    public static Summary read(Path dirOrFile) throws IOException {
        Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(FILE) : dirOrFile;
        return READER.readValue(file.toFile());
    }

    private static final ObjectReader READER = Json.PRETTY.readerFor(Summary.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static Throughput throughput(RunResult r) {
        long requests = r.totalRequests();
        long bytes = r.intervals().stream().mapToLong(Interval::bytes).sum();
        double seconds = r.measuredSeconds();
        double bytesPerRequest = requests == 0 ? 0 : (double) bytes / requests;
        double meanServiceSeconds = r.service() == null ? 0 : r.service().getMean() / 1e9;
        double rttRate = meanServiceSeconds > 0 ? bytesPerRequest / meanServiceSeconds / 1e6 : 0;
        return new Throughput(requests, round3(seconds > 0 ? requests / seconds : 0), bytes,
                round3(seconds > 0 ? bytes / 1e6 / seconds : 0), round3(bytesPerRequest), round3(rttRate),
                RTT_RATE_DEFINITION, r.messages(), round3(seconds > 0 ? r.messages() / seconds : 0));
    }

    static Errors errors(Map<ErrorClass, Long> errors) {
        Map<String, Long> byClass = new LinkedHashMap<>();
        long total = 0;
        for (ErrorClass c : ErrorClass.values()) {
            long n = errors == null ? 0 : errors.getOrDefault(c, 0L);
            byClass.put(c.label(), n);
            total += n;
        }
        return new Errors(total, byClass);
    }

    private static Server server(RunResult r) {
        Long peakThreads = null;
        Long peakRss = null;
        Double cpuSeconds = null;
        double peakCpuPct = 0;
        for (Interval in : r.intervals()) {
            ResourceSample s = in.server();
            if (s == null) continue;
            peakThreads = Math.max(peakThreads == null ? 0 : peakThreads, s.threads());
            peakRss = Math.max(peakRss == null ? 0 : peakRss, Math.max(s.peakRssBytes(), s.rssBytes()));
            cpuSeconds = s.cpuNanos() / 1e9;
            if (in.serverCpuFraction() != null) peakCpuPct = Math.max(peakCpuPct, in.serverCpuFraction() * 100);
        }
        if (peakThreads == null && r.serverCounters() == null) return null;
        long cpu = r.serverCpuNanos();
        Double meanPct = cpu < 0 || r.measuredSeconds() <= 0 ? null : round3(cpu / 1e9 / r.measuredSeconds() * 100);
        return new Server(peakThreads, peakRss, cpuSeconds == null ? null : round3(cpuSeconds), meanPct,
                cpu < 0 ? null : round3(peakCpuPct), r.serverCounters(), round3(r.serverCpuPerRequestMicros()));
    }

    private static Client client(RunResult r) {
        double maxCpu = r.clientPeakCpuFraction() * 100;
        double maxHiccupMs = r.clientMaxHiccupNanos() / 1e6;
        boolean stalled = r.clientStalled();
        Double own = r.clientCpuPerRequestMicros();
        Double server = r.serverCpuPerRequestMicros();
        // at a low rate fixed costs (sampling, timers) dominate CPU per request: a client that was mostly idle is no bottleneck
        boolean busy = r.clientMeanCpuFraction() >= 0.5;
        boolean heavier = own != null && server != null && own > server && busy;
        List<String> warnings = new ArrayList<>();
        if (stalled) {
            warnings.add(String.format(java.util.Locale.ROOT, "client stalled: a %.1f ms hiccup (> %.0f ms) - latency figures"
                    + " include the load client's own pauses; use fewer clients or a bigger machine", maxHiccupMs, STALL_THRESHOLD_MS));
        }
        if (heavier) {
            warnings.add(String.format(java.util.Locale.ROOT, "the client spent more CPU per request than the server"
                    + " (%.2f vs %.2f us): the client may be the bottleneck", own, server));
        }
        return new Client(round3(maxCpu), round3(maxHiccupMs), stalled, STALL_THRESHOLD_MS,
                warnings.isEmpty() ? "ok" : String.join("; ", warnings), round3(r.clientMeanCpuFraction() * 100),
                round3(own), heavier);
    }

    private static OpenLoop openLoop(RunResult.OpenLoop o) {
        if (o == null) return null;
        double pct = o.targetRate() > 0 ? 100 * o.achievedRate() / o.targetRate() : 0;
        return new OpenLoop(o.targetRate(), round3(o.achievedRate()), round3(pct), round3(o.maxLagNanos() / 1e6));
    }

    static double round3(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    private static Double round3(Double x) {
        return x == null ? null : round3(x.doubleValue());
    }
}
