package dev.loombench.knee;

import java.util.Comparator;
import java.util.List;

/**
 * The knee of one model, as {@code knee.json} holds it.
 *
 * @param impl          the model ({@code pool}, ...), or "target"
 * @param knee          the highest offered rate that met the objective, requests/s; null if none did
 * @param above         the lowest rate that failed above it: the knee lies in [knee, above); null if no
 *                      rate above the knee failed (the highest rate tried passed)
 * @param stop          why the search ended
 * @param clientLimited a step at or around the knee had its load client near saturation or stalled: the
 *                      limit may be the client's, not the server's
 * @param steps         every step, in the order run
 */
public record ModelKnee(String impl, Double knee, Double above, String stop, boolean clientLimited, List<Step> steps) {

    public static ModelKnee of(String impl, KneeSearch.Outcome o) {
        boolean clientLimited = o.steps().stream().anyMatch(s -> s.clientLimited()
                && (o.knee() == null || s.offered() >= o.knee()) && (o.firstFailing() == null || s.offered() <= o.firstFailing()));
        return new ModelKnee(impl, o.knee(), o.firstFailing(), o.stop(), clientLimited, o.steps());
    }

    /** The steps by offered rate, lowest first (how the chart draws them). */
    public List<Step> byRate() {
        return steps.stream().sorted(Comparator.comparingDouble(Step::offered)).toList();
    }

    /** The step at the knee, or null when there is none. */
    public Step atKnee() {
        return knee == null ? null : steps.stream().filter(s -> s.offered() == knee).findFirst().orElse(null);
    }
}
