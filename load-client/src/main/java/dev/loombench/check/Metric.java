package dev.loombench.check;

/**
 * What {@code bench check} compares per case, each read from a {@link RunMetrics}. Server CPU per
 * request at a fixed open-loop rate is the metric a CPU change moves and machine noise hardly
 * does (the server's own CPU time, on its own cores, per verified request); throughput (closed
 * loop) and p99 (at the fixed rate) are there for what CPU time cannot see — a server that
 * blocks, or serves the tail late.
 */
public enum Metric {

    SERVER_CPU_PER_REQUEST("server CPU/req", "us", false, true) {
        @Override
        public double of(RunMetrics run) {
            return run.serverCpuNanosPerRequest();
        }
    },
    THROUGHPUT("throughput", "req/s", true, false) {
        @Override
        public double of(RunMetrics run) {
            return run.closedLoopRequestsPerSecond();
        }
    },
    P99("p99 @ rate", "us", false, false) {
        @Override
        public double of(RunMetrics run) {
            return run.p99Nanos();
        }
    };

    private final String label;
    private final String unit;
    private final boolean higherIsBetter;
    private final boolean primary;

    Metric(String label, String unit, boolean higherIsBetter, boolean primary) {
        this.label = label;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
        this.primary = primary;
    }

    /** This metric's value in one run: nanoseconds for times, requests/s for throughput. */
    public abstract double of(RunMetrics run);

    public String label() {
        return label;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /**
     * The metric the gate is built on (server CPU per request): tested on its own family of
     * cases, against any worsening. The others are secondary: their own family, against the
     * tolerance ({@link GateRule}).
     */
    public boolean primary() {
        return primary;
    }

    /** A value of this metric for people, e.g. {@code 23.4us}, {@code 1.25ms} or {@code 51,200 req/s}. */
    public String format(double value) {
        if (Double.isNaN(value)) return "-";
        if (!unit.equals("us")) return String.format(java.util.Locale.ROOT, "%,.0f %s", value, unit);
        return value < 1e6 ? String.format(java.util.Locale.ROOT, "%.1fus", value / 1e3)
                : String.format(java.util.Locale.ROOT, "%,.2fms", value / 1e6);
    }
}
