package dev.loombench.run;

import dev.loombench.client.LoadGenerator;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This load-client process's place in a run made by several of them ({@code --start-at},
 * {@code --client-id}), and the facts each result records about the process that made it: host,
 * pid, and its clock (the kernel's clock source; results of several machines are only as aligned
 * as their clocks, so keep them in NTP sync).
 *
 * @param clientId   this process's number among those of a run, 0 for a process alone; its
 *                   connections are numbered from {@code clientId × 2^24 + 1}, so echo requests of
 *                   different processes carry different ids (unique while a process opens fewer than
 *                   16.7 million connections; with 8 to 15-byte echo requests, which carry only the low
 *                   32 bits, while ids stay below 256)
 * @param startAt    when to start connecting, wall clock; null = at once
 * @param serverPid  a server process on this machine to sample (threads, RSS, CPU) though it was not
 *                   started by this process ({@code --processes} passes its child server's pid to
 *                   process 0); 0 = none
 */
public record ClientProcess(int clientId, Instant startAt, long serverPid) {

    /** Bits of a connection id below the client id. */
    public static final int ID_SHIFT = 24;
    /** A process alone: client id 0, starting at once, no server to sample by pid. */
    public static final ClientProcess ALONE = new ClientProcess(0, null, 0);

    public ClientProcess {
        if (clientId < 0) throw new IllegalArgumentException("--client-id must be >= 0, was " + clientId);
        if (serverPid < 0) throw new IllegalArgumentException("--server-pid must be a process id, was " + serverPid);
    }

    /** How the load generator lines up with the other processes. */
    public LoadGenerator.Coordination coordination() {
        return new LoadGenerator.Coordination(startAt, (long) clientId << ID_SHIFT);
    }

    /** {@code host, pid, clientId, startAt, clockSource}: stored in each result's configuration as {@code clientProcess}. */
    public Map<String, Object> describe() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("host", hostName());
        facts.put("pid", ProcessHandle.current().pid());
        facts.put("clientId", clientId);
        facts.put("startAt", startAt == null ? null : startAt.toString());
        facts.put("clockSource", clockSource());
        return facts;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** e.g. {@code tsc} or {@code kvm-clock}; "unknown" off Linux. */
    private static String clockSource() {
        try {
            return Files.readString(Path.of("/sys/devices/system/clocksource/clocksource0/current_clocksource")).strip();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
