package dev.loombench.fault;

import java.util.List;
import java.util.Map;

/**
 * One cell of the table: one fault against one model with one protocol.
 *
 * @param status        PASS, FAIL, NA (the fault does not apply; {@code problems} says why) or
 *                      ERROR (could not be run: the server did not start)
 * @param criterion     what "pass" means for this fault on this model
 * @param summary       the fault's key figure
 * @param problems      why it failed; empty when it passed
 * @param steady        what the steady clients saw while the fault ran (null if none ran)
 * @param before        the server's resources just before the fault
 * @param after         the server's resources once settled after it
 * @param figures       everything the fault measured
 * @param seconds       how long the fault and its checks took
 */
public record FaultResult(String model, String protocol, String fault, Status status, String criterion, String summary,
                          List<String> problems, Steady steady, ServerUnderTest.Usage before, ServerUnderTest.Usage after,
                          Map<String, Object> figures, double seconds) {

    public enum Status { PASS, FAIL, NA, ERROR }

    /**
     * The steady clients during the fault.
     *
     * @param clients   how many (1 for single, which runs them after the fault instead of during it)
     * @param during    true if they ran during the fault, false if paused for it (single)
     * @param requests  verified replies in the window
     * @param perSecond the same per second
     * @param errors    failures by class label (only classes that occurred)
     */
    public record Steady(int clients, boolean during, long requests, double perSecond, Map<String, Long> errors) {}

    /** The same result with {@code name} added to its figures. */
    FaultResult withFigure(String name, Object value) {
        Map<String, Object> more = new java.util.LinkedHashMap<>(figures);
        more.put(name, value);
        return new FaultResult(model, protocol, fault, status, criterion, summary, problems, steady, before, after, more, seconds);
    }

    static FaultResult notApplicable(String model, String protocol, String fault, String why) {
        return new FaultResult(model, protocol, fault, Status.NA, "", "n/a", List.of(why), null, null, null, Map.of(), 0);
    }

    static FaultResult couldNotRun(String model, String protocol, String fault, String why) {
        return new FaultResult(model, protocol, fault, Status.ERROR, "", "could not run", List.of(why), null, null, null, Map.of(), 0);
    }
}
