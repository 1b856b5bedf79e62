package dev.loombench.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The kernel's count of datagrams it dropped at each UDP socket (the {@code drops} column of
 * {@code /proc/net/udp} and {@code /proc/net/udp6}): mostly datagrams that arrived while the
 * socket's receive buffer was full. Read by local port, so it tells where a loss happened on this
 * host — at the server's socket (the server did not drain it fast enough) or at the client's (the
 * load client did not) — which no counter inside either process can see. Beside them, the packets
 * the kernel dropped before any socket, from its per-CPU input backlog ({@code net.core.netdev_max_backlog},
 * the second column of {@code /proc/net/softnet_stat}): on loopback every datagram passes through it,
 * and a burst longer than the backlog is dropped there, for the whole host.
 *
 * <p>Linux only; elsewhere, or when the files cannot be read, every count is -1 (unknown). The
 * counts cover the sockets' whole lives; callers take differences. Stateless and thread-safe.
 */
final class UdpDrops {

    private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));
    private static final Path SOFTNET = Path.of("/proc/net/softnet_stat");

    private UdpDrops() {}

    /** Packets dropped so far from the kernel's input backlogs, all CPUs, all traffic of this host; -1 when unknown. */
    static long backlogDrops() {
        try {
            long sum = 0;
            for (String line : Files.readAllLines(SOFTNET)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 1) sum += Long.parseLong(f[1], 16);
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Drops so far at the sockets bound to {@code serverPort} (-1: not asked) and at those bound to
     * any of {@code clientPorts}: {@code {server, client}}, each -1 when unknown.
     */
    static long[] read(int serverPort, Set<Integer> clientPorts) {
        long server = 0;
        long client = 0;
        boolean serverSeen = false;
        try {
            for (Path table : TABLES) {
                if (!Files.isReadable(table)) continue;
                for (String line : Files.readAllLines(table)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 13 || !f[0].endsWith(":")) continue; // the header, or a line we do not know
                    int colon = f[1].lastIndexOf(':');
                    if (colon < 0) continue;
                    int port = Integer.parseInt(f[1].substring(colon + 1), 16);
                    long drops = Long.parseLong(f[f.length - 1]);
                    if (port == serverPort) {
                        server += drops;
                        serverSeen = true;
                    } else if (clientPorts.contains(port)) {
                        client += drops;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
        return new long[] {serverSeen ? server : -1, Files.isReadable(TABLES.getFirst()) ? client : -1};
    }
}
