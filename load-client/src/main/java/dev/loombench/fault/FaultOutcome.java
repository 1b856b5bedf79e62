package dev.loombench.fault;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one fault injection found: the problems (a fault passes when there are none), the
 * figures it measured, and the one figure the table shows. Thread-safe, since a fault's
 * clients may report from their own threads.
 */
public final class FaultOutcome {

    /** Problem text and how often it was found: twenty clients failing alike make one line. */
    private final Map<String, Integer> problems = new LinkedHashMap<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private String summary = "";

    /** Records {@code problem} unless {@code ok}. */
    public synchronized void check(boolean ok, String problem) {
        if (!ok) problem(problem);
    }

    public synchronized void problem(String problem) {
        problems.merge(problem, 1, Integer::sum);
    }

    public synchronized void figure(String name, Object value) {
        figures.put(name, value);
    }

    /** The key figure of the fault, for the table (e.g. "16 tricklers answered in <= 1.1 s"). */
    public synchronized void summary(String text) {
        summary = text;
    }

    /** Each distinct problem once, with "(N times)" when it was found more than once. */
    public synchronized List<String> problems() {
        List<String> list = new ArrayList<>();
        problems.forEach((text, n) -> list.add(n == 1 ? text : text + " (" + n + " times)"));
        return list;
    }

    public synchronized Map<String, Object> figures() {
        return new LinkedHashMap<>(figures);
    }

    public synchronized String summary() {
        return summary;
    }
}
