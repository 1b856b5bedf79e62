package dev.loombench.protocol;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;

/**
 * What all sessions of one server share: limits, the simulated work per request, the clock,
 * the host name and the registry of connected {@code time} clients. Thread-safe.
 *
 * @param maxFrame  largest {@code time} frame length accepted, in bytes
 * @param work      simulated work per request ({@code --spin} computed, then {@code --think}
 *                  slept) on the serving thread: the event loop in {@code nio} and {@code netty},
 *                  which is the point; {@link SimulatedWork#NONE} for none
 * @param clock     source of the time for TIME and RFC 868 replies
 * @param hostName  what NAME replies
 * @param clients   the connected {@code time} clients, for LIST and SEND
 */
public record ServerContext(int maxFrame, SimulatedWork work, Clock clock, String hostName, ClientRegistry clients) {

    public static final int DEFAULT_MAX_FRAME = 64 * 1024;

    public ServerContext {
        if (maxFrame < 1) throw new IllegalArgumentException("maxFrame must be >= 1, was " + maxFrame);
    }

    /** A context with the local host name, the system clock and a fresh client registry. */
    public static ServerContext of(int maxFrame, Duration think, Duration spin) {
        return new ServerContext(maxFrame, SimulatedWork.of(think, spin), Clock.systemUTC(), localHostName(), new ClientRegistry());
    }

    /** A context with {@code think} and no spin. */
    public static ServerContext of(int maxFrame, Duration think) {
        return of(maxFrame, think, Duration.ZERO);
    }

    /** The simulated work of one request ({@link SimulatedWork#perform}), on the calling thread. */
    public void simulateWork() {
        work.perform();
    }

    static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
