package dev.loombench.server;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * {@code pool}: an acceptor thread hands connections to a fixed pool of {@code poolSize}
 * platform threads through a queue. Threads are bounded, but a worker serves one connection to
 * its end: with long-lived connections, client {@code poolSize + 1} waits until one leaves,
 * however idle the busy ones are. That starvation is what this model shows.
 *
 * <p>Queue policy: at most {@code queue} admitted connections wait for a worker
 * ({@link ServerConfig#UNBOUNDED}: any number; 0: none, a connection is taken only when a worker
 * is free). Past that bound, or past {@code maxConnections} (counting waiting ones), a new
 * connection is refused as server full. The bound counts slots, not queue entries, so it does
 * not depend on how quickly an idle worker returns to the queue.
 *
 * <p>Threading: the acceptor ({@code loombench-pool-<port>-acceptor}) only accepts, admits and
 * enqueues; workers ({@code ...-worker-<n>}) take a connection and own it until it ends; the
 * write watchdog ({@code ...-watchdog}) closes connections whose writes stall.
 *
 * <p>Errors: a failing connection ends only itself and frees its worker. {@link #close} closes
 * the listener, refuses the waiting connections as server full (ERROR 4 for {@code time}), closes
 * every other connection, then joins every thread.
 *
 * @see SingleThreadedServer
 * @see ThreadPerClientServer
 * @see VirtualThreadServer
 * @see NioSelectorServer
 */
final class FixedPoolServer extends BlockingServer {

    private final BlockingQueue<BlockingConnection> waiting = new LinkedBlockingQueue<>();
    /** Served plus waiting connections allowed ({@code poolSize + queue}); null when the queue is unbounded. */
    private final Semaphore slots;
    /** Set as the server closes: a worker refuses what it takes from the queue instead of serving it. */
    private volatile boolean closing;

    FixedPoolServer(ServerConfig config, SessionFactory sessions) {
        super(ServerKind.POOL, config, sessions);
        this.slots = config.queue() == ServerConfig.UNBOUNDED ? null
                : new Semaphore((int) Math.min(Integer.MAX_VALUE, (long) config.poolSize() + config.queue()));
    }

    @Override
    protected void startServing() {
        for (int i = 1; i <= config.poolSize(); i++) {
            threads.startEssential(Thread.ofPlatform(), "worker-" + i, this::work);
        }
        threads.startEssential(Thread.ofPlatform(), "acceptor", this::acceptLoop);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            BlockingConnection connection = connections.accept(listener);
            if (connection == null) continue;
            if (slots == null || slots.tryAcquire()) {
                waiting.add(connection);
            } else {
                connection.refuse(); // every worker busy and the queue full
            }
        }
    }

    private void work() {
        try {
            while (true) {
                BlockingConnection connection = waiting.take();
                try {
                    if (closing) {
                        connection.refuse();
                    } else {
                        connection.serve();
                    }
                } finally {
                    if (slots != null) slots.release();
                }
            }
        } catch (InterruptedException e) {
            // the server is closing
        }
    }

    /** Connections admitted but never reached by a worker are refused as the server closes. */
    @Override
    protected void refuseUnserved() {
        closing = true;
        for (BlockingConnection connection; (connection = waiting.poll()) != null; ) {
            connection.refuse();
        }
    }
}
