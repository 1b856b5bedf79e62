package dev.loombench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.client.ChildServer.ChildServerException;
import dev.loombench.client.Interval;
import dev.loombench.client.RunResult;
import dev.loombench.machine.Noise;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Repetitions: round by round, noisy ones made again within the retries, failures recorded. */
class RepetitionsTest {

    private final List<String> order = new ArrayList<>();

    @Test
    void runsEveryArmOncePerRoundInTheSameOrder() throws Exception {
        Map<String, List<Repetitions.Repetition>> reps = Repetitions.run(List.of("a", "b"), 3, 0,
                (arm, round) -> outcome(arm + round, false), new Repetitions.Listener<>() {});
        assertEquals(List.of("a1", "b1", "a2", "b2", "a3", "b3"), order);
        assertEquals(List.of(1, 2, 3), reps.get("a").stream().map(Repetitions.Repetition::round).toList());
        assertTrue(reps.get("b").stream().allMatch(r -> r.ran() && !r.noisy() && r.discarded().isEmpty()));
    }

    @Test
    void aNoisyRepetitionIsMadeAgainUpToTheRetriesThenKeptMarked() throws Exception {
        int[] calls = {0};
        Map<String, List<Repetitions.Repetition>> reps = Repetitions.run(List.of("a"), 1, 2,
                (arm, round) -> outcome("try" + ++calls[0], true), new Repetitions.Listener<>() {});
        Repetitions.Repetition r = reps.get("a").getFirst();
        assertEquals(3, calls[0], "the first attempt and two retries");
        assertTrue(r.noisy(), "kept and marked when the retries ran out");
        assertEquals(2, r.discarded().size());
        assertEquals(Path.of("try3"), r.outcome().dir());
    }

    @Test
    void aQuietRetryEndsTheRetries() throws Exception {
        int[] calls = {0};
        Map<String, List<Repetitions.Repetition>> reps = Repetitions.run(List.of("a"), 1, 5,
                (arm, round) -> outcome("try" + ++calls[0], calls[0] == 1), new Repetitions.Listener<>() {});
        assertEquals(2, calls[0]);
        assertFalse(reps.get("a").getFirst().noisy());
        assertEquals(List.of(Path.of("try1")), reps.get("a").getFirst().discarded().stream().map(ModelRunner.Outcome::dir).toList());
    }

    @Test
    void aServerThatDoesNotStartIsAFailedRepetitionAndTheRoundsGoOn() throws Exception {
        Map<String, List<Repetitions.Repetition>> reps = Repetitions.run(List.of("bad", "good"), 2, 1, (arm, round) -> {
            if (arm.equals("bad")) throw new ChildServerException("exited with code 1\nmore");
            return outcome(arm + round, false);
        }, new Repetitions.Listener<>() {});
        Repetitions.Repetition bad = reps.get("bad").getFirst();
        assertFalse(bad.ran());
        assertNull(bad.outcome());
        assertEquals("exited with code 1", bad.failure());
        assertEquals(2, reps.get("good").size());
    }

    private ModelRunner.Outcome outcome(String name, boolean noisy) {
        order.add(name);
        Histogram h = new Histogram(3);
        h.recordValue(1000);
        Interval in = new Interval(0, 1, 1, 1, h, h, new Histogram(3), new Histogram(3), Map.of(), 1, null, -1, 1, 1_000_000);
        RunResult r = new RunResult("nio", "echo", 1, Map.of(), Map.of(), Instant.EPOCH, 1, List.of(in), h, h,
                new Histogram(3), Map.of(), new long[] {1}, null, null);
        Noise noise = new Noise("0-1", 1, noisy ? 40.0 : 0.5, 0, 1.0, 1, 5, 50, noisy, noisy ? "others" : "quiet");
        return new ModelRunner.Outcome(r, Path.of(name), noise);
    }
}
