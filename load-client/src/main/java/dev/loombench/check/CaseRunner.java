package dev.loombench.check;

/** Runs one case of the regression suite and reports what it measured. */
@FunctionalInterface
public interface CaseRunner {
    /** @throws Exception when the case could not be run at all (server did not start, ...) */
    Sample run(CheckCase checkCase) throws Exception;
}
