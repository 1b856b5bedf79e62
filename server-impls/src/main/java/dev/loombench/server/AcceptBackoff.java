package dev.loombench.server;

import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * What an acceptor does when it cannot take a connection (accept failed with EMFILE or ENOBUFS,
 * no thread could be started): pause briefly instead of spinning on the error, and warn at most
 * once a second with the number of failures left unlogged. Used by one acceptor thread only.
 */
final class AcceptBackoff {

    /** Long enough to stop a spin, short enough that a server recovers at once when fds free up. */
    static final Duration PAUSE = Duration.ofMillis(20);

    private static final System.Logger LOG = System.getLogger(AcceptBackoff.class.getName());
    private static final long WARN_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final String server;
    private long lastWarning = System.nanoTime() - WARN_EVERY_NANOS;
    private long unlogged;

    AcceptBackoff(String server) {
        this.server = server;
    }

    /** Records one failure and returns how long to pause before trying again. */
    Duration failed(String what, Throwable error) {
        long now = System.nanoTime();
        if (now - lastWarning >= WARN_EVERY_NANOS) {
            ServingThreads.log(LOG, Level.WARNING, server + ": " + what + " (" + error + "); pausing " + PAUSE.toMillis()
                    + " ms" + (unlogged > 0 ? ", " + unlogged + " similar failures since the last warning" : ""), null);
            lastWarning = now;
            unlogged = 0;
        } else {
            unlogged++;
        }
        return PAUSE;
    }

    /** Sleeps {@link #PAUSE} after a failure; returns early (interrupt kept) when the server closes. */
    void pause(String what, Throwable error) {
        try {
            Thread.sleep(failed(what, error));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
