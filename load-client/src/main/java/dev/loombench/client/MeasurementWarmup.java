package dev.loombench.client;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Compiles the load client's once-a-second measurement code before a run starts. Each second the
 * sampler copies and clears quarter-megabyte histograms and reads a percentile: too rarely for the
 * JIT to compile that code while the run warms up, but with loops long enough that it compiles it
 * anyway a few seconds later — in the measured phase, on the client's own core (JFR showed C2 at
 * work there for 50–100 ms with a 2 s warm-up). Running the same code on made-up values
 * {@value #ROUNDS} times first (~0.1 s) has it compiled before the run.
 */
final class MeasurementWarmup {

    static final int ROUNDS = 1000;

    private MeasurementWarmup() {}

    /** Runs the sampler's histogram work {@link #ROUNDS} times; returns a figure so that none of it is dead code. */
    static long run() {
        Histogram recorded = new Histogram(Metrics.HIGHEST_NANOS, Metrics.SIGNIFICANT_DIGITS);
        Histogram sum = new Histogram(Metrics.HIGHEST_NANOS, Metrics.SIGNIFICANT_DIGITS);
        long figure = 0;
        for (int round = 0; round < ROUNDS; round++) {
            recorded.reset();
            for (long i = 0; i < 64; i++) recorded.recordValue(10_000 + (i * 7919 + round) % 5_000_000); // 10 µs–5 ms
            sum.reset();
            sum.add(recorded);
            Interval interval = new Interval(0, 1, 64, 64, sum, sum, recorded, sum, Map.of(), 0, null, -1, -1, 0);
            figure += interval.requests() + sum.getValueAtPercentile(99);
        }
        return figure;
    }
}
