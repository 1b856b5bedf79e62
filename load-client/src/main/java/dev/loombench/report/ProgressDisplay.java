package dev.loombench.report;

import dev.loombench.client.Progress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.spi.SystemStream;

/**
 * Shows the load client's once-a-second {@link Progress} while a run goes on. On a terminal it
 * redraws one line with a bar ({@code \r}); anywhere else (CI logs, pipes, files) it prints one
 * plain line per update, so logs stay readable:
 * <pre>
 * measure [##########..........]  15/30 s   48,210 req/s   p99 1.20 ms   errors 0   conns 500
 * measure 15/30 s: 48,210 req/s, p99 1.20 ms, errors 0, conns 500
 * </pre>
 * In bar mode a change of phase keeps the finished phase's line and starts a new one.
 * Thread-safe: updates may come from the load client's reporting thread while another thread
 * closes the display. {@link #close} ends the bar line; it is idempotent.
 */
public final class ProgressDisplay implements Consumer<Progress>, AutoCloseable {

    private static final int BAR_WIDTH = 20;

    private final PrintWriter out;
    private final boolean bar;
    private final boolean silent;
    private String phase;
    private int lastLength;
    private boolean closed;

    private ProgressDisplay(PrintWriter out, boolean bar) {
        this(out, bar, false);
    }

    private ProgressDisplay(PrintWriter out, boolean bar, boolean silent) {
        this.out = out;
        this.bar = bar;
        this.silent = silent;
    }

    /** A bar when stderr is an interactive terminal (and TERM is not "dumb"), plain lines otherwise. */
    public static ProgressDisplay forConsole(PrintWriter err) {
        return new ProgressDisplay(err, isTerminal());
    }

    /**
     * A bar when stderr is an interactive terminal, nothing anywhere else: for commands that print their own
     * line per run ({@code bench sweep}, {@code bench demo}) and would flood a log with per-second lines.
     */
    public static ProgressDisplay barOnTerminal(PrintWriter err) {
        boolean terminal = isTerminal();
        return new ProgressDisplay(err, terminal, !terminal);
    }

    /** One plain line per update. */
    public static ProgressDisplay plain(PrintWriter out) {
        return new ProgressDisplay(out, false);
    }

    /** One redrawn line with a progress bar. */
    public static ProgressDisplay bar(PrintWriter out) {
        return new ProgressDisplay(out, true);
    }

    @Override
    public synchronized void accept(Progress p) {
        if (closed || silent) return;
        if (bar) {
            if (phase != null && !phase.equals(p.phase())) {
                out.print('\n');
                lastLength = 0;
            }
            String line = barLine(p);
            // pad with spaces to wipe what is left of a longer previous line
            out.print('\r' + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            out.println(plainLine(p));
        }
        phase = p.phase();
        out.flush();
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (bar && phase != null && !silent) out.print('\n');
        out.flush();
    }

    static String barLine(Progress p) {
        double fraction = p.totalSeconds() > 0 ? Math.min(1, Math.max(0, p.elapsedSeconds() / p.totalSeconds())) : 0;
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        return String.format(Locale.ROOT, "%-7s [%s%s] %3.0f/%.0f s  %9s req/s  p99 %-9s  errors %s  conns %d",
                p.phase(), "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), p.elapsedSeconds(), p.totalSeconds(),
                Human.count(p.requestsPerSecond()), p99(p), Human.count(p.errorsSoFar()), p.liveConnections());
    }

    static String plainLine(Progress p) {
        return String.format(Locale.ROOT, "%s %.0f/%.0f s: %s req/s, p99 %s, errors %s, conns %d", p.phase(),
                p.elapsedSeconds(), p.totalSeconds(), Human.count(p.requestsPerSecond()), p99(p),
                Human.count(p.errorsSoFar()), p.liveConnections());
    }

    private static String p99(Progress p) {
        return p.p99Nanos() > 0 ? Human.latency(p.p99Nanos()) : "-";
    }

    /**
     * True when stderr, where progress goes, can redraw a line: a terminal (as {@link Terminals}
     * finds out) whose type is known and not "dumb" ({@code TERM}, or JLine's
     * {@code org.jline.terminal.type} property).
     */
    static boolean isTerminal() {
        String type = TerminalBuilder.builder().computeType();
        return type != null && !type.startsWith(Terminal.TYPE_DUMB) && Terminals.isTerminal(SystemStream.Error);
    }
}
