package dev.loombench.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The JDK's virtual-thread I/O poller: how a virtual thread blocked in a socket read is woken.
 * Chosen once per JVM by {@code -Djdk.pollerMode} when the poller first starts; the JDK source
 * ({@code sun.nio.ch.Poller}, JDK 25) accepts {@code 1} or {@code SYSTEM_THREADS} (platform
 * threads block in epoll and unpark the virtual threads) and {@code 2} or {@code VTHREAD_POLLERS}
 * (the Linux default: virtual sub-pollers, woken by one platform master poller), and refuses
 * anything else at start-up. Other JDKs may accept other values: {@link #start} asks the JDK in
 * use rather than trusting a list. Only the {@code virtual} model blocks virtual threads in I/O,
 * so only it is affected.
 *
 * <p>{@code java -Djdk.pollerMode=M -cp ... dev.loombench.server.PollerMode} starts the poller and
 * prints the mode in effect (exit 0), or the JDK's refusal (exit 2): how the CLI checks a mode
 * before it starts a server with it.
 */
public final class PollerMode {

    /** The system property that selects the mode. */
    public static final String PROPERTY = "jdk.pollerMode";

    private PollerMode() {}

    /**
     * Starts the poller now, if it has not started yet (a virtual thread parks in a timed accept),
     * and returns the mode in effect ({@code SYSTEM_THREADS}, {@code VTHREAD_POLLERS}, or the
     * JDK's poller thread names when they match neither).
     *
     * @throws IllegalArgumentException with the JDK's own message when it refuses {@code -Djdk.pollerMode}
     */
    public static String start() {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread probe = Thread.ofVirtual().name("loombench-poller-probe").start(() -> {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setSoTimeout(1);
                socket.accept().close();
            } catch (SocketTimeoutException expected) {
                // the accept parked through the poller: it is running
            } catch (IOException | RuntimeException | Error e) {
                failure.set(e);
            }
        });
        try {
            probe.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the virtual-thread poller", e);
        }
        if (failure.get() != null) {
            Throwable root = failure.get();
            while (root.getCause() != null) root = root.getCause();
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + System.getProperty(PROPERTY)
                    + " is refused by this JDK (" + Runtime.version() + "): " + root.getMessage(), failure.get());
        }
        // the poller's threads may still be starting when the probe's accept has timed out: wait a moment for them
        String mode = inEffect();
        for (int i = 0; i < 200 && mode.equals("not started"); i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            mode = inEffect();
        }
        return mode;
    }

    /** The mode in effect, read from the poller's platform threads; "not started" before any virtual thread blocked in I/O. */
    public static String inEffect() {
        boolean master = false;
        boolean readPoller = false;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            master |= thread.getName().equals("MasterPoller");
            readPoller |= thread.getName().startsWith("Read-Poller");
        }
        if (master) return "VTHREAD_POLLERS";
        if (readPoller) return "SYSTEM_THREADS";
        return "not started";
    }

    /**
     * The mode a {@code -Djdk.pollerMode} value selects on JDK 25 ({@code SYSTEM_THREADS} for
     * {@code 1}, {@code VTHREAD_POLLERS} for {@code 2}, a name for itself), or null for a value
     * this class does not know (another JDK may know it).
     */
    public static String named(String value) {
        return switch (value.toUpperCase(java.util.Locale.ROOT)) {
            case "1", "SYSTEM_THREADS" -> "SYSTEM_THREADS";
            case "2", "VTHREAD_POLLERS" -> "VTHREAD_POLLERS";
            default -> null;
        };
    }

    /** Prints the mode in effect once the poller started (exit 0), or the JDK's refusal of {@code -Djdk.pollerMode} (exit 2). */
    public static void main(String[] args) {
        try {
            System.out.println(start());
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            System.exit(2);
        }
    }
}
