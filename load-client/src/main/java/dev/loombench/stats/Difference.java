package dev.loombench.stats;

import java.util.Locale;

/**
 * How a figure of one set of runs compares with the same figure of a base set, in benchstat's
 * manner: the change of the medians, and whether the data can tell them apart at all. The
 * medians' {@link Spread} intervals decide: when they overlap, there is {@link Verdict#NO_CLEAR_DIFFERENCE}
 * ("~"), whatever the medians say; when either side is a single run there is no interval, and the
 * change is shown as {@link Verdict#UNKNOWN} ("?").
 *
 * @param changePct (median − base median) / base median, percent; null when the base median is 0
 * @param verdict   whether the difference is clear
 */
public record Difference(Double changePct, Verdict verdict) {

    /** What the data say about a difference. */
    public enum Verdict {
        /** The intervals do not overlap: the change is real at the intervals' confidence. */
        CLEAR,
        /** The intervals overlap: no clear difference (benchstat's "~"). */
        NO_CLEAR_DIFFERENCE,
        /** One run on a side: no interval, so no judgement. */
        UNKNOWN
    }

    /** {@code other} against {@code base}. */
    public static Difference of(Spread base, Spread other) {
        Double change = base.median() == 0 ? null
                : Math.round((other.median() - base.median()) / Math.abs(base.median()) * 1000) / 10.0;
        Verdict v = base.n() < 2 || other.n() < 2 ? Verdict.UNKNOWN
                : base.overlaps(other) ? Verdict.NO_CLEAR_DIFFERENCE : Verdict.CLEAR;
        return new Difference(change, v);
    }

    /** {@code +12.3%}, {@code ~} (no clear difference) or {@code +12.3% ?} (one run: not judged). */
    public String format() {
        if (verdict == Verdict.NO_CLEAR_DIFFERENCE) return "~";
        String change = changePct == null ? "n/a" : String.format(Locale.ROOT, "%+.1f%%", changePct);
        return verdict == Verdict.UNKNOWN ? change + " ?" : change;
    }
}
