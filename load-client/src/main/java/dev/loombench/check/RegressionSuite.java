package dev.loombench.check;

import dev.loombench.protocol.Protocol;
import dev.loombench.server.ServerKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The fixed suite behind {@code bench check}: every model under echo and time, run in
 * {@code rounds} rounds. Every case is measured right after the reference echo server under the
 * same number of clients, and its throughput and p99 are taken as ratios to that reference, so
 * that a slower or busier machine moves numerator and denominator together; the medians over the
 * rounds absorb what noise is left on a small machine that client and server share.
 */
public final class RegressionSuite {

    private final CaseRunner runner;
    private final int rounds;
    private final int clients;
    private final Consumer<String> progress;

    /**
     * @param clients closed-loop clients per case (the {@code single} model always gets 1: it serves one at a time)
     */
    public RegressionSuite(CaseRunner runner, int rounds, int clients, Consumer<String> progress) {
        if (rounds < 1) throw new IllegalArgumentException("rounds must be >= 1");
        this.runner = runner;
        this.rounds = rounds;
        this.clients = clients;
        this.progress = progress;
    }

    /** The cases of one round, reference excluded, in a fixed order. */
    public List<CheckCase> cases() {
        List<CheckCase> cases = new ArrayList<>();
        for (Protocol protocol : List.of(Protocol.ECHO, Protocol.TIME)) {
            for (ServerKind kind : ServerKind.values()) {
                cases.add(new CheckCase(kind, protocol, kind == ServerKind.SINGLE ? 1 : clients));
            }
        }
        return cases;
    }

    public SuiteResult run() throws Exception {
        return run(cases());
    }

    /** Runs only {@code cases} (a subset of {@link #cases()}, e.g. to confirm a regression). */
    public SuiteResult run(List<CheckCase> cases) throws Exception {
        Map<String, List<double[]>> perCase = new LinkedHashMap<>(); // key -> per round {tpRatio, p99Ratio, rps, p99us}
        List<String> violations = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (CheckCase c : cases) {
                Sample reference = measure(CheckCase.reference(c.clients()), round, violations);
                Sample s = measure(c, round, violations);
                perCase.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(new double[] {
                        s.requestsPerSecond() / reference.requestsPerSecond(),
                        (double) s.p99Nanos() / Math.max(1, reference.p99Nanos()),
                        s.requestsPerSecond(), s.p99Nanos() / 1e3});
            }
        }
        Map<String, SuiteResult.Figures> figures = new LinkedHashMap<>();
        perCase.forEach((key, values) -> figures.put(key, new SuiteResult.Figures(
                median(values, 0), median(values, 1), median(values, 2), median(values, 3))));
        return new SuiteResult(figures, violations);
    }

    private Sample measure(CheckCase c, int round, List<String> violations) throws Exception {
        progress.accept(String.format("round %d/%d  %-14s %d client(s)", round, rounds, c.key(), c.clients()));
        Sample s = runner.run(c);
        if (s.errors() > 0) violations.add(c.key() + ": " + s.errors() + " errors in round " + round);
        if (s.clientsServed() < s.clients()) {
            violations.add(c.key() + ": served " + s.clientsServed() + " of " + s.clients() + " clients in round " + round);
        }
        if (s.requestsPerSecond() <= 0) violations.add(c.key() + ": no verified request in round " + round);
        return s;
    }

    static double median(List<double[]> rows, int column) {
        double[] values = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
