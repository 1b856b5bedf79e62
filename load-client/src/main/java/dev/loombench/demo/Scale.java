package dev.loombench.demo;

/**
 * How big the demo's loads are. Each {@link Scenario} picks its client counts and phase lengths
 * per scale; the figures change, the story should not.
 */
public enum Scale {
    /** The reference demo: about 5 minutes on 2 cores ({@code bench demo}). */
    FULL,
    /** Smaller counts and shorter phases: about 2 minutes ({@code bench demo --quick}). */
    QUICK,
    /** The smallest loads that still exercise every step of every scenario: for tests, seconds each. */
    SMOKE;

    /** {@code full}, {@code quick}, {@code smoke}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The value for this scale. */
    public <T> T pick(T full, T quick, T smoke) {
        return switch (this) {
            case FULL -> full;
            case QUICK -> quick;
            case SMOKE -> smoke;
        };
    }
}
