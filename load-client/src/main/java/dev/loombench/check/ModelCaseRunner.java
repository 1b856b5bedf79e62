package dev.loombench.check;

import dev.loombench.client.LoadConfig;
import dev.loombench.client.RunResult;
import dev.loombench.run.ModelRunner;
import dev.loombench.server.ServerConfig;
import java.time.Duration;
import java.util.List;

/**
 * Runs the cases of {@code bench check} as real load runs: each model as a child server
 * ({@link ModelRunner}, the same path as {@code bench run}), the reference as the in-process
 * {@link ReferenceEchoServer}; closed loop, every reply verified.
 */
public final class ModelCaseRunner implements CaseRunner, AutoCloseable {

    private final ModelRunner runner;
    private final ReferenceEchoServer reference;
    private final Duration warmup;
    private final Duration duration;
    private final Duration think;

    /** @param think simulated work injected into every model server (never into the reference) */
    public ModelCaseRunner(ModelRunner runner, Duration warmup, Duration duration, Duration think) throws java.io.IOException {
        this.runner = runner;
        this.reference = new ReferenceEchoServer();
        this.warmup = warmup;
        this.duration = duration;
        this.think = think;
    }

    @Override
    public Sample run(CheckCase c) throws Exception {
        LoadConfig load = LoadConfig.defaults().withProtocol(c.protocol()).withClients(c.clients()).withPhases(warmup, duration);
        RunResult r = c.isReference()
                ? runner.runTarget(reference.address(), load, null).result()
                : runner.run(c.model(), ServerConfig.defaults().withProtocol(c.protocol()).withThink(think), List.of(), load, null).result();
        return new Sample(r.requestsPerSecond(), r.latency().getValueAtPercentile(99), r.totalErrors(),
                r.fairness().served(), r.clients());
    }

    @Override
    public void close() throws java.io.IOException {
        reference.close();
    }
}
