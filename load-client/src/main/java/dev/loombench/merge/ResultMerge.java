package dev.loombench.merge;

import dev.loombench.client.ErrorClass;
import dev.loombench.client.Interval;
import dev.loombench.client.LoadConfig;
import dev.loombench.client.RunResult;
import dev.loombench.machine.Noise;
import dev.loombench.report.ResultReader.Loaded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * One result from the results of several load-client processes that loaded one server at the same
 * time ({@code bench merge}, {@code bench run --processes}): their intervals added on absolute time
 * ({@link IntervalSlots}), so processes started together by {@code --start-at} line up however their
 * clocks jitter by some milliseconds; the clients of all inputs side by side for fairness and first
 * replies; open-loop targets summed. The merged {@code latency.hlog} is written as any run's.
 *
 * <p>Refused ({@link Refused}, with the reason): inputs of different targets, models, protocols or load
 * shapes (everything but the client count and the rate, which are split between processes), and
 * inputs whose measured phases do not overlap.
 */
public final class ResultMerge {

    /** Load settings that may differ between processes: they split the clients and the rate. */
    private static final List<String> SPLIT = List.of("clients", "rate", "connectRate", "loops");

    /** The inputs cannot be merged; the message says why. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * A merged result and what a reader should know about it.
     *
     * @param result the merged run; {@code config.mergedFrom} lists the inputs
     * @param notes  warnings, e.g. measured phases that start far apart
     * @param noise  the inputs' noise verdicts together: noisy if any was, the worst of each figure; null
     *               when no input was watched
     */
    public record Merged(RunResult result, List<String> notes, Noise noise) {}

    private ResultMerge() {}

    /**
     * Merges {@code inputs} (at least one).
     *
     * @param impl        the model name of the merged result; null = the inputs' own (they must agree)
     * @param environment the facts of the merging process, stored with the result
     * @param extraConfig configuration the merging process knows besides the inputs' (e.g. the child
     *                    server it started), stored with the result's configuration
     * @throws Refused if the inputs do not describe one load on one server at one time
     */
    public static Merged merge(List<Loaded> inputs, String impl, Map<String, Object> environment,
                               Map<String, Object> extraConfig) throws Refused {
        if (inputs.isEmpty()) throw new Refused("nothing to merge");
        check(inputs);
        List<String> notes = new ArrayList<>();
        Instant origin = inputs.stream().map(in -> in.result().startedAt()).min(Instant::compareTo).orElseThrow();
        Instant latest = inputs.stream().map(in -> in.result().startedAt()).max(Instant::compareTo).orElseThrow();
        double apart = Duration.between(origin, latest).toNanos() / 1e9;
        if (apart > LoadConfig.INTERVAL.toNanos() / 2e9) {
            notes.add(String.format(Locale.ROOT, "the measured phases start %.3f s apart: the first and last seconds"
                    + " carry only some of the processes (use one --start-at for all)", apart));
        }
        List<Interval> intervals = IntervalSlots.add(inputs, origin);
        RunResult first = inputs.get(0).result();
        long[] perClient = concat(inputs.stream().map(in -> in.result().requestsPerClient()).toList());
        boolean firstReplies = inputs.stream().allMatch(in -> in.result().firstReplyNanos() != null);
        long[] firstReply = firstReplies ? concat(inputs.stream().map(in -> in.result().firstReplyNanos()).toList()) : null;
        Histogram latency = new Histogram(3);
        Histogram service = new Histogram(3);
        Histogram connect = new Histogram(3);
        Map<ErrorClass, Long> errors = new EnumMap<>(ErrorClass.class);
        for (ErrorClass kind : ErrorClass.values()) errors.put(kind, 0L);
        double seconds = 0;
        long requests = 0;
        for (Interval in : intervals) {
            latency.add(in.latency());
            service.add(in.service());
            in.errors().forEach((kind, n) -> errors.merge(kind, n, Long::sum));
            seconds += in.lengthSeconds();
            requests += in.requests();
        }
        inputs.forEach(in -> connect.add(in.result().connect()));
        for (Histogram h : List.of(latency, service)) {
            h.setStartTimeStamp(origin.toEpochMilli());
            h.setEndTimeStamp(origin.toEpochMilli() + Math.round(seconds * 1000));
        }
        int clients = inputs.stream().mapToInt(in -> in.result().clients()).sum();
        RunResult.OpenLoop openLoop = null;
        if (first.openLoop() != null) {
            double target = inputs.stream().mapToDouble(in -> in.result().openLoop().targetRate()).sum();
            long lag = inputs.stream().mapToLong(in -> in.result().openLoop().maxLagNanos()).max().orElse(0);
            openLoop = new RunResult.OpenLoop(target, seconds > 0 ? requests / seconds : 0, lag);
        }
        RunResult result = new RunResult(impl != null ? impl : first.impl(), first.protocol(), clients,
                config(inputs, impl != null ? impl : first.impl(), clients, extraConfig), environment, origin, seconds, intervals,
                latency, service, connect, errors, perClient, openLoop,
                inputs.stream().map(in -> in.result().serverCounters()).filter(Objects::nonNull).findFirst().orElse(null),
                inputs.stream().mapToLong(in -> in.result().messages()).sum(), firstReply);
        return new Merged(result, notes, noise(inputs));
    }

    /** Refuses inputs that are not one load on one server at one time. */
    static void check(List<Loaded> inputs) throws Refused {
        Loaded a = inputs.get(0);
        for (Loaded b : inputs.subList(1, inputs.size())) {
            same(a, b, "model", a.result().impl(), b.result().impl());
            same(a, b, "protocol", a.result().protocol(), b.result().protocol());
            same(a, b, "target", setting(a, "target"), setting(b, "target"));
            same(a, b, "load shape", shape(a), shape(b));
        }
        Instant lastStart = inputs.stream().map(in -> in.result().startedAt()).max(Instant::compareTo).orElseThrow();
        for (Loaded in : inputs) {
            if (!end(in).isAfter(lastStart)) {
                throw new Refused("measured phases do not overlap: " + in.dir() + " measured " + in.result().startedAt()
                        + " to " + end(in) + ", before " + lastStart + " when another input started measuring");
            }
        }
    }

    private static Instant end(Loaded in) {
        return in.result().startedAt().plusNanos(Math.round(in.result().measuredSeconds() * 1e9));
    }

    private static void same(Loaded a, Loaded b, String what, Object x, Object y) throws Refused {
        if (!Objects.equals(x, y)) throw new Refused(what + " differs: " + a.dir() + " has " + x + ", " + b.dir() + " has " + y);
    }

    private static Object setting(Loaded in, String key) {
        return in.result().config() instanceof Map<?, ?> config ? config.get(key) : null;
    }

    /** The load settings that must agree, and whether the load is open (a rate) or closed. */
    private static Map<String, Object> shape(Loaded in) {
        Map<String, Object> shape = new TreeMap<>();
        if (setting(in, "load") instanceof Map<?, ?> load) {
            load.forEach((k, v) -> {
                if (!SPLIT.contains(String.valueOf(k))) shape.put(String.valueOf(k), v);
            });
        }
        shape.put("openLoop", in.result().openLoop() != null);
        return shape;
    }

    /** Every input's verdict in one: the worst of each figure, noisy with each noisy input's reason. */
    static Noise noise(List<Loaded> inputs) {
        List<Noise> all = inputs.stream().map(in -> in.summary().noise()).filter(Objects::nonNull).toList();
        if (all.isEmpty()) return null;
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Noise n = inputs.get(i).summary().noise();
            if (n != null && n.noisy()) reasons.add("input " + (i + 1) + ": " + n.reason());
        }
        Double others = all.stream().map(Noise::othersPct).filter(Objects::nonNull).max(Double::compare).orElse(null);
        Double load = all.stream().map(Noise::loadAverage).filter(Objects::nonNull).max(Double::compare).orElse(null);
        Noise first = all.get(0);
        return new Noise(String.join(" + ", all.stream().map(Noise::cpus).distinct().toList()),
                all.stream().mapToDouble(Noise::windowSeconds).min().orElse(0), others,
                all.stream().mapToDouble(Noise::stealPct).max().orElse(0), load,
                all.stream().mapToDouble(Noise::clientMaxHiccupMs).max().orElse(0), first.othersLimitPct(), first.stallLimitMs(),
                !reasons.isEmpty(), reasons.isEmpty() ? "quiet" : String.join("; ", reasons));
    }

    private static long[] concat(List<long[]> arrays) {
        return arrays.stream().flatMapToLong(java.util.Arrays::stream).toArray();
    }

    /** The first input's configuration with the summed clients and rate, and {@code mergedFrom}: each input in brief. */
    private static Map<String, Object> config(List<Loaded> inputs, String impl, int clients, Map<String, Object> extra) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("impl", impl);
        config.put("target", setting(inputs.get(0), "target"));
        config.putAll(extra);
        if (setting(inputs.get(0), "load") instanceof Map<?, ?> load) {
            Map<Object, Object> total = new LinkedHashMap<>(load);
            total.put("clients", clients);
            if (inputs.get(0).result().openLoop() != null) {
                total.put("rate", inputs.stream().mapToDouble(in -> in.result().openLoop().targetRate()).sum());
            }
            config.put("load", total);
        }
        List<Map<String, Object>> from = new ArrayList<>();
        for (Loaded in : inputs) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dir", in.dir().toString());
            entry.put("clients", in.result().clients());
            entry.put("requests", in.result().totalRequests());
            entry.put("startedAt", in.result().startedAt().toString());
            entry.put("measuredSeconds", in.result().measuredSeconds());
            entry.put("clientProcess", setting(in, "clientProcess"));
            from.add(entry);
        }
        config.put("mergedFrom", from);
        return config;
    }
}
