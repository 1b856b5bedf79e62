package dev.loombench.check;

import dev.loombench.client.ChildServer.ChildServerException;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Runs one side of one pair: a fresh server of a build, measured by this build's load client.
 * The seam between the A/B gate and the load engine: {@link ChildSideRunner} is the real one;
 * tests give their own.
 */
@FunctionalInterface
public interface SideRunner {

    /**
     * Starts a fresh server of {@code build} for {@code checkCase} with {@code serverArgs} added,
     * runs the closed-loop phase, then the open-loop phase at {@code rate.applyAsDouble(closed-loop
     * requests/s)}, stops the server, and returns what was measured. The server never outlives
     * the call.
     *
     * @throws ChildServerException if the server did not start or was not ready in time
     */
    RunMetrics run(ServerBuild build, CheckCase checkCase, List<String> serverArgs, DoubleUnaryOperator rate)
            throws ChildServerException, InterruptedException;
}
