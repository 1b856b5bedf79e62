package dev.loombench.check;

/** What the gate concludes about one metric of one case. */
public enum Verdict {
    /** B is worse beyond the tolerance with confidence (after Holm's correction), and the estimate beyond the threshold. */
    REGRESSED("regressed"),
    /** The mirror image: B is better beyond tolerance and threshold. */
    IMPROVED("improved"),
    /** The whole interval lies within the threshold either way: no change that large. */
    NO_CHANGE("no change"),
    /** Neither: the data cannot rule out a change as large as the threshold, nor establish one. */
    INCONCLUSIVE("inconclusive");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
