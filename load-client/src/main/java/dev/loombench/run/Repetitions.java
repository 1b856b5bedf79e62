package dev.loombench.run;

import dev.loombench.client.ChildServer.ChildServerException;
import dev.loombench.report.RepeatSet;
import dev.loombench.report.RepeatedFigures;
import dev.loombench.report.Summary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Repetitions of runs, made round by round: in each round every arm (a model, a cell of a grid)
 * runs once, in the same order, so slow drift of the machine hits every arm alike instead of
 * tilting one against another. Each repetition is a fresh run ({@link Attempt}; with
 * {@link ModelRunner} a fresh server JVM). A repetition the {@link dev.loombench.machine.NoiseGuard}
 * marks noisy is made again, up to {@code retries} times; the noisy attempts stay on disk and are
 * listed as discarded, and when the retries run out the last attempt is kept, marked noisy.
 *
 * <p>Usage: {@code Map<ServerKind, List<Repetition>> reps = Repetitions.run(kinds, 5, 0, (kind, round) ->
 * runner.run(kind, server, jvmArgs, load, progress), listener);} Runs one repetition at a time on
 * the calling thread.
 */
public final class Repetitions {

    /** Makes one fresh run of {@code arm} in round {@code round} (1-based). */
    @FunctionalInterface
    public interface Attempt<A> {
        ModelRunner.Outcome run(A arm, int round) throws ChildServerException, InterruptedException, IOException;
    }

    /** Told as repetitions go, for progress lines; every method may do nothing. */
    public interface Listener<A> {
        /** Before each attempt; {@code attempt} is 1 for the first, 2 for the first retry, ... */
        default void starting(A arm, int round, int attempt) {}

        /** After each attempt that ran; {@code again} when it was noisy and will be made again. */
        default void finished(A arm, int round, int attempt, ModelRunner.Outcome outcome, boolean again) {}

        /** When the arm could not run in this round (its server did not start). */
        default void failed(A arm, int round, String why) {}
    }

    /**
     * One repetition of an arm.
     *
     * @param round     1, 2, ...
     * @param outcome   the run kept; null when it could not run
     * @param discarded the noisy attempts made before it, in order (their result directories remain)
     * @param failure   why it could not run; null when it ran
     */
    public record Repetition(int round, ModelRunner.Outcome outcome, List<ModelRunner.Outcome> discarded, String failure) {

        public boolean ran() {
            return outcome != null;
        }

        /** True when the run kept was marked noisy (the retries ran out, or none were allowed). */
        public boolean noisy() {
            return outcome != null && outcome.noisy();
        }
    }

    private Repetitions() {}

    /**
     * The {@code repeats.json} of a set: one group per arm, directories relative to {@code setDir}.
     *
     * @param labels each arm's label for people, e.g. {@code nio c100 echo}
     */
    public static <A> RepeatSet toSet(Map<A, List<Repetition>> byArm, Map<A, String> labels, Path setDir, String command,
                                      int repeat, int retries, String machine, String cpus) {
        List<RepeatSet.Group> groups = new ArrayList<>();
        for (Map.Entry<A, List<Repetition>> e : byArm.entrySet()) {
            List<RepeatSet.Repetition> reps = new ArrayList<>();
            List<Summary> kept = new ArrayList<>();
            String impl = null, protocol = null;
            int clients = 0;
            for (Repetition r : e.getValue()) {
                reps.add(describe(r, setDir));
                if (!r.ran()) continue;
                Summary s = Summary.of(r.outcome().result(), r.outcome().noise());
                kept.add(s);
                impl = s.impl();
                protocol = s.protocol();
                clients = s.clients();
            }
            groups.add(new RepeatSet.Group(labels.get(e.getKey()), impl, protocol, clients, reps,
                    kept.isEmpty() ? null : RepeatedFigures.of(kept)));
        }
        return new RepeatSet(RepeatSet.SCHEMA, Instant.now().toString(), command, repeat, retries, machine, cpus, groups);
    }

    /** {@code r} as {@code repeats.json} and {@code sweep.json} record it, directories relative to {@code base}. */
    public static RepeatSet.Repetition describe(Repetition r, Path base) {
        List<String> discarded = r.discarded().stream().map(o -> relative(base, o.dir())).toList();
        if (!r.ran()) return new RepeatSet.Repetition(r.round(), null, false, null, discarded, r.failure());
        return new RepeatSet.Repetition(r.round(), relative(base, r.outcome().dir()), r.noisy(),
                r.outcome().noise() == null ? null : r.outcome().noise().reason(), discarded, null);
    }

    private static String relative(Path from, Path to) {
        return from.toAbsolutePath().normalize().relativize(to.toAbsolutePath().normalize()).toString();
    }

    /**
     * Runs {@code rounds} rounds over {@code arms} and returns each arm's repetitions in round
     * order, arms in the order given. An arm whose server does not start in a round gets a failed
     * repetition and the rounds go on.
     *
     * @param retries how many times a noisy repetition is made again at most (0: never)
     */
    public static <A> Map<A, List<Repetition>> run(List<A> arms, int rounds, int retries, Attempt<A> attempt,
                                                   Listener<A> listener) throws InterruptedException, IOException {
        if (rounds < 1) throw new IllegalArgumentException("at least one round, not " + rounds);
        if (retries < 0) throw new IllegalArgumentException("retries cannot be negative: " + retries);
        Map<A, List<Repetition>> byArm = new LinkedHashMap<>();
        for (A arm : arms) byArm.put(arm, new ArrayList<>());
        for (int round = 1; round <= rounds; round++) {
            for (A arm : arms) byArm.get(arm).add(repeat(arm, round, retries, attempt, listener));
        }
        return byArm;
    }

    private static <A> Repetition repeat(A arm, int round, int retries, Attempt<A> attempt, Listener<A> listener)
            throws InterruptedException, IOException {
        List<ModelRunner.Outcome> discarded = new ArrayList<>();
        for (int n = 1; ; n++) {
            listener.starting(arm, round, n);
            ModelRunner.Outcome o;
            try {
                o = attempt.run(arm, round);
            } catch (ChildServerException e) {
                String why = e.getMessage() == null ? "the server did not start" : e.getMessage().lines().findFirst().orElse("");
                listener.failed(arm, round, why);
                return new Repetition(round, null, List.copyOf(discarded), why);
            }
            boolean again = o.noisy() && n <= retries;
            listener.finished(arm, round, n, o, again);
            if (!again) return new Repetition(round, o, List.copyOf(discarded), null);
            discarded.add(o);
        }
    }
}
