package dev.loombench.client;

/**
 * What became of a UDP run's datagrams in one interval, or the whole measured phase (PROTOCOL.md §4).
 * Every datagram sent is eventually received, lost or corrupted (or still in flight when the phase
 * ends, then censored); late, duplicated and reordered replies are counted beside, and none of them
 * is a second success.
 *
 * @param sent              request datagrams sent
 * @param received          replies that came back intact within the timeout: the verified requests
 * @param lost              datagrams not back within {@code --timeout} (error class {@code lost}): in the
 *                          latency figures at their age then, as censored requests
 * @param late              replies to datagrams already declared lost: they stay lost
 * @param duplicated        second and later replies to one datagram
 * @param reordered         received replies that came after the reply to a later datagram of the same client
 * @param corrupted         replies that are not the datagram sent (error class {@code corrupted})
 * @param serverSocketDrops datagrams the kernel dropped at the server's socket (its receive buffer full),
 *                          from {@code /proc/net/udp}; -1 when unknown (a server on another host)
 * @param clientSocketDrops datagrams the kernel dropped at the load client's sockets: if not 0, the client
 *                          itself lost replies; -1 when unknown
 * @param backlogDrops      packets this host's kernel dropped from its input backlog before any socket saw
 *                          them (every datagram over loopback passes it); all traffic of the host; -1 when unknown
 */
public record DatagramCounts(long sent, long received, long lost, long late, long duplicated, long reordered,
                             long corrupted, long serverSocketDrops, long clientSocketDrops, long backlogDrops) {

    /** Lost among the datagrams whose fate was settled (received, lost or corrupted); 0 when none was. */
    public double lossRate() {
        long settled = received + lost + corrupted;
        return settled == 0 ? 0 : (double) lost / settled;
    }

    /**
     * The counts of two load clients that ran side by side against one server ({@code --processes}):
     * their datagrams and their own sockets' drops added; the server socket's and the kernel backlog's
     * drops are the same counters seen by both, so the larger is kept, not the sum.
     */
    public DatagramCounts alongside(DatagramCounts other) {
        return new DatagramCounts(sent + other.sent, received + other.received, lost + other.lost, late + other.late,
                duplicated + other.duplicated, reordered + other.reordered, corrupted + other.corrupted,
                Math.max(serverSocketDrops, other.serverSocketDrops),
                clientSocketDrops < 0 || other.clientSocketDrops < 0 ? -1 : clientSocketDrops + other.clientSocketDrops,
                Math.max(backlogDrops, other.backlogDrops));
    }

    /** These counts and {@code other}'s added; a drop count unknown in either is unknown. */
    public DatagramCounts plus(DatagramCounts other) {
        return new DatagramCounts(sent + other.sent, received + other.received, lost + other.lost, late + other.late,
                duplicated + other.duplicated, reordered + other.reordered, corrupted + other.corrupted,
                serverSocketDrops < 0 || other.serverSocketDrops < 0 ? -1 : serverSocketDrops + other.serverSocketDrops,
                clientSocketDrops < 0 || other.clientSocketDrops < 0 ? -1 : clientSocketDrops + other.clientSocketDrops,
                backlogDrops < 0 || other.backlogDrops < 0 ? -1 : backlogDrops + other.backlogDrops);
    }
}
