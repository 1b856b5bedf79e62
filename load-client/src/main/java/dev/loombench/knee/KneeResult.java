package dev.loombench.knee;

import dev.loombench.client.LoadConfig;
import java.util.List;
import java.util.Map;

/**
 * The contents of {@code knee.json}: every model's knee with its interval and steps, and the
 * conditions they were found under. Rates are requests/s, latencies microseconds (as in
 * {@code summary.json}); each repetition names its data directory (summary.json, latency.hlog,
 * timeseries.csv, clients.csv), relative to the knee directory.
 *
 * @param schema      {@value #SCHEMA}
 * @param createdAt   ISO-8601 UTC, when the search finished
 * @param command     the command line as typed
 * @param protocol    echo, time or rfc868
 * @param objective   what a rate had to meet
 * @param plan        the rates searched
 * @param repeat      runs per step
 * @param fresh       a fresh server per run (true) or one warm server per model (false)
 * @param settle      the pause before each run on a warm server
 * @param load        the load of every run but its rate
 * @param server      the server options (null with --target)
 * @param cpus        where client and server ran
 * @param environment JDK, OS, cores, memory, host
 * @param wallSeconds how long the whole search took
 * @param models      one per model, in the order searched
 * @param files       the charts and README beside it, by role
 */
public record KneeResult(String schema, String createdAt, String command, String protocol, Objective objective,
                         KneeSearch.Plan plan, int repeat, boolean fresh, String settle, LoadConfig load, Object server,
                         Object cpus, Map<String, Object> environment, double wallSeconds, List<ModelKnee> models,
                         Map<String, String> files) {

    public static final String SCHEMA = "loombench-knee/1";
    public static final String FILE = "knee.json";
}
