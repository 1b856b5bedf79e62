package dev.loombench.check;

import dev.loombench.client.ResourceSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The server-resource sampler handed to a load run, which also remembers when each sample was
 * taken, so that the server's CPU time over exactly the measured phase can be read afterwards
 * (the load engine samples at the start of that phase and at the end of each interval).
 * Used by the thread that runs the load, then read by it.
 */
final class CpuProbe implements Supplier<ResourceSample> {

    private record Stamped(Instant at, long cpuNanos) {}

    private final Supplier<ResourceSample> source;
    private final List<Stamped> samples = new ArrayList<>();

    CpuProbe(Supplier<ResourceSample> source) {
        this.source = source;
    }

    @Override
    public ResourceSample get() {
        ResourceSample s = source.get();
        if (s != null && s.cpuNanos() >= 0) samples.add(new Stamped(Instant.now(), s.cpuNanos()));
        return s;
    }

    /**
     * CPU nanoseconds from the last sample taken at or before {@code start} to the last sample
     * of all; -1 when there is no sample on either side.
     */
    long cpuNanosSince(Instant start) {
        Stamped from = null;
        for (Stamped s : samples) if (!s.at().isAfter(start)) from = s;
        if (from == null || samples.isEmpty()) return -1;
        Stamped to = samples.get(samples.size() - 1);
        return to == from ? -1 : to.cpuNanos() - from.cpuNanos();
    }
}
