package dev.loombench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a JMH {@code -rf json} result file: a benchmark method, its mode and parameters,
 * and the primary score with its error (the half-width of JMH's 99.9% confidence interval;
 * NaN when there was a single iteration).
 *
 * @param benchmark fully qualified method, e.g. {@code dev.loombench.jmh.RoundTripBenchmark.latency}
 * @param mode      {@code thrpt}, {@code avgt}, {@code sample}, {@code ss}
 * @param params    {@code @Param} values in file order; empty when none
 */
public record JmhResult(String benchmark, String mode, Map<String, String> params, double score, double error, String unit) {

    /** {@code RoundTripBenchmark}, the class's simple name. */
    public String className() {
        String[] parts = benchmark.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] : benchmark;
    }

    /** {@code latency}, the method's name. */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** "RoundTripBenchmark.latency [sample] {impl=nio, protocol=echo}": identifies a score across files. */
    public String key() {
        return className() + "." + method() + " [" + mode + "]" + (params.isEmpty() ? "" : " " + params);
    }

    /** True for throughput modes, where a higher score is better. */
    public boolean higherIsBetter() {
        return mode.equals("thrpt");
    }

    /** Reads every entry of a JMH JSON result file, in file order. */
    public static List<JmhResult> read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not a readable JMH JSON result file: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) throw new IOException(file + " is not a JMH JSON result file (expected an array)");
        List<JmhResult> results = new ArrayList<>();
        for (JsonNode run : root) {
            String benchmark = run.path("benchmark").asText();
            JsonNode metric = run.path("primaryMetric");
            if (benchmark.isEmpty() || metric.isMissingNode()) throw new IOException(file + ": an entry lacks benchmark or primaryMetric");
            Map<String, String> params = new LinkedHashMap<>();
            run.path("params").fields().forEachRemaining(p -> params.put(p.getKey(), p.getValue().asText()));
            // scoreError is the string "NaN" after a single iteration
            double error = metric.path("scoreError").isNumber() ? metric.path("scoreError").asDouble() : Double.NaN;
            results.add(new JmhResult(benchmark, run.path("mode").asText(), Collections.unmodifiableMap(params),
                    metric.path("score").asDouble(), error, metric.path("scoreUnit").asText()));
        }
        if (results.isEmpty()) throw new IOException(file + " holds no JMH results");
        return results;
    }
}
