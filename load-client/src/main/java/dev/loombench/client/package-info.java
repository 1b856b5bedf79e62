/**
 * The load client: drives one server with many connections and measures it, without ever
 * counting a failure as a success.
 *
 * <h2>How a run goes</h2>
 * {@link dev.loombench.client.LoadGenerator} starts {@code --clients} {@link dev.loombench.client.LoadClient}s
 * (all at once or at {@code --connect-rate}), waits for each one's first connect attempt, warms up,
 * then measures in 1 s {@link dev.loombench.client.Interval}s and returns a
 * {@link dev.loombench.client.RunResult}. {@code bench run} wraps that with a
 * {@link dev.loombench.client.ChildServer} (the model in its own JVM) and the report writers.
 *
 * <h2>Threading</h2>
 * One thread per client connection, blocking sockets, one plain loop
 * ({@link dev.loombench.client.StreamConnection}): send while the window ({@code --pipeline}) and
 * the schedule allow, then one read whose timeout is the nearer of the oldest request's deadline
 * and the next intended send. The thread that waited for a reply times and checks it, so no
 * hand-off between threads is ever inside a measured round trip. Platform threads up to 256
 * clients (a blocked read costs the least: the kernel wakes the thread), virtual threads above
 * (a blocked one costs no carrier, so 1000+ connections on 2 cores cost what their I/O costs);
 * {@code --client-threads} overrides. Client connections yield after 1 ms without blocking,
 * since virtual threads are not time-sliced and would otherwise make up unfairness. Bulk echo
 * ({@code size × pipeline} above 64 KiB) writes from a companion thread, or client and server
 * would both block writing. Recording is wait-free (HdrHistogram {@code Recorder}s, adders); the
 * client measures its own CPU and its own stalls ({@link dev.loombench.client.HiccupMeter}).
 *
 * <h2>Open loop</h2>
 * {@code --rate R} gives each of N connections one request per N/R s, staggered so the total is
 * evenly spaced ({@link dev.loombench.client.OpenLoopSchedule}). Latency runs from the intended
 * send time (coordinated-omission corrected, as wrk2), service time from the actual send; a
 * connection never sends early, and when it falls behind it sends at once, so the lag shows in
 * the latency and in {@code maxLagNanos}. The round trip includes the client's wake-up lateness
 * (Linux timer slack, about 50 µs); the service time does not.
 *
 * <h2>Verification and errors</h2>
 * Echo requests carry connection id and sequence number ({@link dev.loombench.client.EchoPayload})
 * and replies are compared byte for byte; time replies are decoded and checked, MESSAGEs told
 * apart and verified ({@link dev.loombench.client.TimeClientSession}); rfc868 values must be within
 * 5 s of the client's clock. Every failure is classified once ({@link dev.loombench.client.Failure}),
 * counted by class, and the connection is reopened, so the concurrency never silently shrinks.
 */
package dev.loombench.client;
