package dev.loombench.knee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The search alone, against servers made of arithmetic: each sustains every rate up to its capacity. */
class KneeSearchTest {

    static final Objective OBJECTIVE = new Objective(Duration.ofMillis(10), 0);

    final List<Double> tried = new ArrayList<>();

    /** A step at {@code rate} of a server that keeps up with {@code capacity} req/s, its p99 exploding beyond. */
    KneeSearch.Measure server(double capacity) {
        return (index, rate) -> {
            tried.add(rate);
            double achieved = Math.min(rate, capacity);
            double p99Us = rate <= capacity ? 500 : 2_000_000;
            Repetition run = new Repetition(rate, achieved, 100, p99Us, p99Us * 2, (long) achieved, 0, 0, 10, 1, false, false, null, "steps/x");
            return Step.of(index, rate, List.of(run), OBJECTIVE, 0);
        };
    }

    @Test
    void rampsUpByDoublingThenBisectsToTheResolution() throws Exception {
        KneeSearch.Outcome o = KneeSearch.search(new KneeSearch.Plan(1000, 10, 1e6, 0.05, 30), server(6_300));
        assertEquals(List.of(1000.0, 2000.0, 4000.0, 8000.0), tried.subList(0, 4), "doubling until the first failure");
        assertTrue(o.knee() <= 6_300 && o.knee() >= 6_300 / 1.05, "knee " + o.knee());
        assertTrue(o.firstFailing() > 6_300, "first failing " + o.firstFailing());
        assertTrue((o.firstFailing() - o.knee()) / o.knee() <= 0.05);
        assertTrue(o.stop().startsWith("resolution reached"), o.stop());
        assertEquals(tried.size(), o.steps().size());
    }

    @Test
    void goesDownWhenTheFirstRateFails() throws Exception {
        KneeSearch.Outcome o = KneeSearch.search(new KneeSearch.Plan(1000, 10, 1e6, 0.05, 30), server(130));
        assertEquals(List.of(1000.0, 500.0, 250.0, 125.0), tried.subList(0, 4));
        assertTrue(o.knee() <= 130 && o.knee() >= 130 / 1.05, "knee " + o.knee());
    }

    @Test
    void saysSoWhenNoRatePasses() throws Exception {
        KneeSearch.Outcome o = KneeSearch.search(new KneeSearch.Plan(1000, 100, 1e6, 0.05, 30), server(50));
        assertNull(o.knee());
        assertEquals(125.0, o.firstFailing());
        assertTrue(o.stop().startsWith("no rate passed"), o.stop());
    }

    @Test
    void endsAtTheHighestRateWhenThatPasses() throws Exception {
        KneeSearch.Outcome o = KneeSearch.search(new KneeSearch.Plan(1000, 10, 3000, 0.05, 30), server(1e9));
        assertEquals(List.of(1000.0, 2000.0, 3000.0), tried);
        assertEquals(3000.0, o.knee());
        assertNull(o.firstFailing());
    }

    @Test
    void neverTakesMoreStepsThanAllowed() throws Exception {
        KneeSearch.Outcome o = KneeSearch.search(new KneeSearch.Plan(1, 1, 1e6, 0.001, 5), server(700));
        assertEquals(5, o.steps().size());
        assertEquals("step limit reached", o.stop());
    }

    @Test
    void aStoppedSearchKeepsItsStepsAndSaysWhy() throws Exception {
        KneeSearch.Measure dies = (index, rate) -> {
            if (index == 3) throw new KneeSearch.Stopped("the server died (exit code 137)");
            return server(1e9).at(index, rate);
        };
        KneeSearch.Outcome o = KneeSearch.search(new KneeSearch.Plan(1000, 10, 1e6, 0.05, 30), dies);
        assertEquals(2, o.steps().size());
        assertEquals(2000.0, o.knee());
        assertEquals("stopped: the server died (exit code 137)", o.stop());
    }

    @Test
    void aStepIsJudgedOnTheMediansOfItsRuns() {
        Repetition fast = new Repetition(1000, 1000, 100, 900, 2000, 5000, 0, 0, 10, 1, false, false, null, "a");
        Repetition slow = new Repetition(1000, 1000, 100, 50_000, 90_000, 5000, 0, 0, 10, 1, false, false, null, "b");
        Step twoOfThreeFast = Step.of(1, 1000, List.of(fast, slow, fast), OBJECTIVE, 0);
        assertTrue(twoOfThreeFast.passed());
        assertEquals(900, twoOfThreeFast.p99Us().median());
        assertEquals(50_000, twoOfThreeFast.p99Us().max());
        Step twoOfThreeSlow = Step.of(1, 1000, List.of(slow, fast, slow), OBJECTIVE, 0);
        assertEquals(List.of("p99 50.0 ms > 10.0 ms"), twoOfThreeSlow.misses());
    }

    @Test
    void anAchievedRateShortOnlyByTheEdgesOfThePhasePasses() {
        Repetition edge = new Repetition(100, 97, 100, 900, 900, 485, 0, 0, 10, 1, false, false, null, "a"); // 3 req/s short
        assertTrue(Step.of(1, 100, List.of(edge), OBJECTIVE, 4 / 2.0).passed(), "4 clients over 2 s: 2 req/s slack, and 1%");
        assertTrue(!Step.of(1, 100, List.of(edge), OBJECTIVE, 0).passed());
    }
}
