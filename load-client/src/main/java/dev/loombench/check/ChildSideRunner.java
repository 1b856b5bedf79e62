package dev.loombench.check;

import dev.loombench.client.ChildServer;
import dev.loombench.client.ChildServer.ChildServerException;
import dev.loombench.client.LoadConfig;
import dev.loombench.client.LoadGenerator;
import dev.loombench.client.ProcessResources;
import dev.loombench.client.ResourceSample;
import dev.loombench.client.RunResult;
import dev.loombench.run.Pinning;
import dev.loombench.serve.Durations;
import dev.loombench.server.ServerStats;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The real {@link SideRunner}: the server as a child process started through its build's
 * {@code bench serve} ({@link ChildServer}: SIGTERM at the end, its final counters read, killed
 * with the check on Ctrl-C), pinned to the server CPUs, and this build's {@link LoadGenerator}
 * as the client. Each run: a closed-loop phase ({@code warmup}, then {@code closed} measured),
 * which also warms the server up, then an open-loop phase at the given rate ({@code settle},
 * then {@code open} measured). The server's CPU per request over the measured open-loop phase is
 * the load engine's own figure ({@link RunResult#serverCpuPerRequestMicros}, from {@code /proc}).
 *
 * <p>One run at a time per instance.
 */
public final class ChildSideRunner implements SideRunner {

    /**
     * How long each phase of a run lasts.
     *
     * @param warmup closed loop, not measured (the fresh JVM compiles its hot path)
     * @param closed closed loop, measured: throughput
     * @param settle open loop at the fixed rate, not measured
     * @param open   open loop, measured: server CPU per request and p99
     */
    public record Phases(Duration warmup, Duration closed, Duration settle, Duration open) {

        /** The planned length of a run's load, without server start and stop. */
        public Duration total() {
            return warmup.plus(closed).plus(settle).plus(open);
        }

        @Override
        public String toString() {
            return "closed loop " + Durations.format(warmup) + " + " + Durations.format(closed) + ", open loop "
                    + Durations.format(settle) + " + " + Durations.format(open);
        }
    }

    private final Phases phases;
    private final Pinning pinning;
    private final Duration readyTimeout;
    private final Map<String, Object> environment;

    /** @param environment the facts stored with each load result ({@code MachineFacts.describe}) */
    public ChildSideRunner(Phases phases, Pinning pinning, Duration readyTimeout, Map<String, Object> environment) {
        this.phases = phases;
        this.pinning = pinning;
        this.readyTimeout = readyTimeout;
        this.environment = environment;
    }

    @Override
    public RunMetrics run(ServerBuild build, CheckCase checkCase, List<String> serverArgs, DoubleUnaryOperator rateOf)
            throws ChildServerException, InterruptedException {
        long start = System.nanoTime();
        List<String> violations = new ArrayList<>();
        try (ChildServer child = ChildServer.start(build.command(checkCase, serverArgs, pinning), readyTimeout)) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", child.port());
            LoadConfig closed = LoadConfig.defaults().withProtocol(checkCase.protocol()).withClients(checkCase.clients())
                    .withPhases(phases.warmup(), phases.closed());
            RunResult closedRun = load(closed, address, null, checkCase);
            invariants("closed loop", closedRun, violations);
            double rate = closedRun.requestsPerSecond() > 0 ? rateOf.applyAsDouble(closedRun.requestsPerSecond()) : 0;
            double cpuPerRequest = Double.NaN;
            double p99 = Double.NaN;
            if (rate > 0) {
                RunResult open = load(closed.withRate(rate).withPhases(phases.settle(), phases.open()), address,
                        ProcessResources.of(child.pid()), checkCase);
                invariants("open loop", open, violations);
                Double micros = open.serverCpuPerRequestMicros();
                if (micros != null) cpuPerRequest = micros * 1e3;
                if (open.latency().getTotalCount() > 0) p99 = open.latency().getValueAtPercentile(99);
            }
            boolean died = !child.isAlive();
            ServerStats.Snapshot counters = child.stop(Duration.ofSeconds(5));
            if (died) {
                violations.add("the server died during the run (exit code " + child.exitCode() + "): " + lastLine(child.stderrTail()));
            } else if (counters == null) {
                violations.add("the server did not stop cleanly on SIGTERM (no final counters)");
            }
            return new RunMetrics(closedRun.requestsPerSecond(), rate, cpuPerRequest, p99, (System.nanoTime() - start) / 1e9,
                    violations);
        }
    }

    private RunResult load(LoadConfig config, InetSocketAddress address, Supplier<ResourceSample> server, CheckCase checkCase)
            throws InterruptedException {
        Map<String, Object> resultConfig = new LinkedHashMap<>();
        resultConfig.put("case", checkCase.key());
        resultConfig.put("load", config);
        return new LoadGenerator(config, address, server, null).run(checkCase.model().cliName(), resultConfig, environment);
    }

    /** The correctness invariants: no error of any class, every client served, some verified requests. */
    private static void invariants(String phase, RunResult r, List<String> violations) {
        if (r.totalErrors() > 0) {
            String kinds = r.errors().entrySet().stream().filter(e -> e.getValue() > 0)
                    .map(e -> e.getKey().label() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            violations.add(phase + ": " + r.totalErrors() + " errors (" + kinds + ")");
        }
        int served = r.fairness().served();
        if (served < r.clients()) violations.add(phase + ": served " + served + " of " + r.clients() + " clients");
        if (r.totalRequests() == 0) violations.add(phase + ": no verified request");
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines.length == 0 || lines[lines.length - 1].isBlank() ? "(no stderr)" : lines[lines.length - 1].strip();
    }
}
