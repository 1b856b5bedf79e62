package dev.loombench.report;

import java.util.List;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * Whether one of this process's standard streams is an interactive terminal, as JLine finds out
 * (the check its {@code TerminalBuilder} makes before it builds a system terminal). Unlike
 * {@code java.io.Console}, which knows only stdin and stdout together, it answers for each stream:
 * {@code bench run 2>log} on a terminal draws no progress bar into the log. Thread-safe.
 */
public final class Terminals {

    private Terminals() {}

    /** True when {@code stream} (stdin, stdout or stderr) is a terminal. */
    public static boolean isTerminal(SystemStream stream) {
        return Providers.LOADED.stream().anyMatch(p -> p.isSystemStream(stream));
    }

    /** JLine's providers (FFM, JNI, exec), loaded once on first use: loading them takes a moment. */
    private static final class Providers {
        static final List<TerminalProvider> LOADED = TerminalBuilder.builder().getProviders(null, new IllegalStateException());
    }
}
