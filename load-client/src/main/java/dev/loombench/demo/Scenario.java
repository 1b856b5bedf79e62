package dev.loombench.demo;

/**
 * One scripted demonstration of a trade-off: a few runs, a chart, and a short explanation
 * generated from what was measured. Scenarios are independent of each other; each writes its
 * chart files (named after its {@link #id}) into {@link DemoContext#out()} and runs its loads through
 * {@link DemoContext#run}, so every run is a normal, reproducible {@code bench run}.
 *
 * <p>Contract for the text: figures are inserted from the measurement, never written in; where the
 * measurement does not show the expected effect, the text says so and {@link Finding#shown()} is false.
 */
public interface Scenario {

    /** File-name stem of the scenario's chart and JSON, starting with its number in the demo: {@code 1-pool-starvation}. */
    String id();

    /** Section title, e.g. {@code Pool starvation}. */
    String title();

    /** Roughly how long the scenario takes at {@code scale} on 2 cores, seconds (for the progress line). */
    double estimateSeconds(Scale scale);

    /** Runs the scenario's loads, writes its charts, and tells what they show. */
    Finding run(DemoContext ctx) throws Exception;
}
