package dev.loombench.jmh;

import dev.loombench.server.PollerMode;
import java.util.Objects;

/**
 * A JMH parameter that must act as a start-up flag: the virtual-thread poller reads
 * {@code -Djdk.pollerMode} once, when it first starts, and never again in that JVM.
 *
 * <p>Why a {@code @Param} works anyway: JMH runs every parameter combination in fresh forked
 * JVMs (the suites use {@code @Fork(1)}), and nothing in a fork blocks a virtual thread in I/O
 * before the trial's {@code @Setup} runs, so setting the property there, before the server
 * starts, is the same as passing it on the fork's command line. The alternatives each cost
 * more: {@code @Fork(jvmArgsAppend)} cannot vary with a parameter, so it would take one
 * benchmark method per mode; a server in a child process would measure a different setup from
 * every other model's. To make the trick safe, {@link #select} starts the poller at once and
 * fails the trial if it was already running (e.g. with {@code -f 0}, where all trials share one
 * JVM) or if the JDK refuses the value.
 */
final class PollerModes {

    /** The parameter value that leaves the JDK's default. */
    static final String DEFAULT = "default";

    private PollerModes() {}

    /**
     * Selects {@code mode} for this JVM and starts the poller with it.
     *
     * @throws IllegalStateException    if the poller already runs, so the mode could not apply
     * @throws IllegalArgumentException if the JDK refuses the value
     */
    static String select(String mode) {
        String wanted = mode.equals(DEFAULT) ? null : mode;
        String running = PollerMode.inEffect();
        if (!running.equals("not started")) {
            if (Objects.equals(wanted, System.getProperty(PollerMode.PROPERTY))) return running; // already as asked
            throw new IllegalStateException("pollerMode=" + mode + " cannot apply: the poller already runs in this JVM as "
                    + running + "; every trial needs a fresh fork (do not use -f 0)");
        }
        if (wanted == null) {
            System.clearProperty(PollerMode.PROPERTY);
        } else {
            System.setProperty(PollerMode.PROPERTY, wanted);
        }
        String inEffect = PollerMode.start();
        String expected = wanted == null ? null : PollerMode.named(wanted);
        if (expected != null && !expected.equals(inEffect)) {
            throw new IllegalStateException("pollerMode=" + mode + " should run the poller as " + expected + ", but it runs as " + inEffect);
        }
        return inEffect;
    }
}
