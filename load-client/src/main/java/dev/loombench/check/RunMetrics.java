package dev.loombench.check;

import java.util.List;

/**
 * What one run of one side measured: a fresh server, a closed-loop phase, then an open-loop phase
 * at a fixed rate.
 *
 * @param closedLoopRequestsPerSecond verified requests/s of the closed-loop phase
 * @param rate                        requests/s asked for in the open-loop phase
 * @param serverCpuNanosPerRequest    the server process's CPU time (every thread: serving, GC, JIT)
 *                                    over the open-loop phase, per verified request
 * @param p99Nanos                    open-loop p99 from the intended send time
 * @param wallSeconds                 how long the run took, server start to stop
 * @param violations                  broken correctness invariants (errors, clients not served,
 *                                    server died or did not stop cleanly); empty in a clean run
 */
public record RunMetrics(double closedLoopRequestsPerSecond, double rate, double serverCpuNanosPerRequest,
                         double p99Nanos, double wallSeconds, List<String> violations) {

    public RunMetrics {
        violations = List.copyOf(violations);
    }
}
