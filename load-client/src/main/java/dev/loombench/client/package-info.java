/**
 * The load client: drives one server with many connections and measures it, without ever
 * counting a failure as a success, and lighter than anything it measures.
 *
 * <h2>How a run goes</h2>
 * {@link dev.loombench.client.LoadGenerator} starts the {@link dev.loombench.client.Engine} (all
 * clients at once, or at {@code --connect-rate}), waits for each one's first connect attempt, warms
 * up, then measures in 1 s {@link dev.loombench.client.Interval}s and returns a
 * {@link dev.loombench.client.RunResult}. {@code bench run} wraps that with a
 * {@link dev.loombench.client.ChildServer} (the model in its own JVM) and the report writers;
 * {@link dev.loombench.client.SteadyLoad} runs the same engine open-ended for the fault suite.
 *
 * <h2>Threading</h2>
 * As wrk: a few {@link dev.loombench.client.EventLoop}s ({@code --client-loops}, one per client CPU by
 * default), each a {@code Selector} over non-blocking channels; a client
 * ({@link dev.loombench.client.LoadClient}) is a small state machine owned by one loop. Timeouts,
 * open-loop send times and back-offs are the loop's own deadlines
 * ({@link dev.loombench.client.WakeQueue}); nothing is allocated per request. Each loop records
 * into its own single-writer {@link dev.loombench.client.LoopRecorder}, which the sampling thread
 * swaps once per interval. The loops watch the end of the measured phase themselves.
 *
 * <h2>Open loop</h2>
 * {@code --rate R} gives each of N clients one request per N/R s, staggered so the total is evenly
 * spaced ({@link dev.loombench.client.OpenLoopSchedule}). Latency runs from the intended send time
 * (coordinated-omission corrected, as wrk2), service time from the actual send; a client never
 * sends early, and when it falls behind it sends at once, so the lag shows in the latency and in
 * {@code maxLagNanos}. Requests a stuck client could not send are charged from their intended time
 * when the phase ends.
 *
 * <h2>Verification and errors</h2>
 * Each protocol's client codec ({@code dev.loombench.protocol.ClientCodec}: echo, time, rfc868)
 * checks every reply byte for byte. Every failure is classified once
 * ({@link dev.loombench.client.Failure}), counted by class, the requests in flight are recorded as
 * censored at their age, and the client connects again, so the concurrency never silently shrinks.
 *
 * <h2>UDP</h2>
 * With {@code --transport udp} each client is a {@link dev.loombench.client.UdpClient}: one datagram
 * socket for the whole run on the same loops, wake queue and recorders. A datagram not back within
 * {@code --timeout} is lost ({@link dev.loombench.client.ErrorClass#LOST}, censored at its age), an
 * altered reply corrupted; late, duplicated and reordered replies are counted beside
 * ({@link dev.loombench.client.DatagramCounts}), and the kernel's own drops at the server's and the
 * clients' sockets are read from {@code /proc/net/udp} ({@link dev.loombench.client.UdpDrops}), so a
 * run says where its datagrams were lost.
 */
package dev.loombench.client;
