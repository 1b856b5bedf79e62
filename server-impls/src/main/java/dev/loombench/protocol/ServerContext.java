package dev.loombench.protocol;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * What all sessions of one server share: limits, the simulated work per request, the clock,
 * the host name and the registry of connected {@code time} clients. Thread-safe.
 *
 * @param maxFrame  largest {@code time} frame length accepted, in bytes
 * @param think     simulated blocking work per request, slept on the serving thread (the event
 *                  loop in {@code nio}, which is the point); {@link Duration#ZERO} for none
 * @param clock     source of the time for TIME and RFC 868 replies
 * @param hostName  what NAME replies
 * @param clients   the connected {@code time} clients, for LIST and SEND
 */
public record ServerContext(int maxFrame, Duration think, Clock clock, String hostName, ClientRegistry clients) {

    public static final int DEFAULT_MAX_FRAME = 64 * 1024;

    public ServerContext {
        if (maxFrame < 1) throw new IllegalArgumentException("maxFrame must be >= 1, was " + maxFrame);
        if (think.isNegative()) throw new IllegalArgumentException("think must not be negative");
    }

    /** A context with the local host name, the system clock and a fresh client registry. */
    public static ServerContext of(int maxFrame, Duration think) {
        return new ServerContext(maxFrame, think, Clock.systemUTC(), localHostName(), new ClientRegistry());
    }

    /** Sleeps for {@link #think}: the simulated blocking work of one request, on the calling thread. */
    public void simulateWork() {
        if (think.isZero()) return;
        long deadline = System.nanoTime() + think.toNanos();
        long left;
        // parkNanos may return early (spuriously or on interrupt); sleep the whole duration.
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) return;
        }
    }

    static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
