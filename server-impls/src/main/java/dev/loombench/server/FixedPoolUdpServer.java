package dev.loombench.server;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;

/**
 * {@code pool} over UDP: one receiver thread drains the socket and hands each datagram to a fixed
 * pool of {@code poolSize} workers through a bounded queue. UDP has no "server full": past the
 * bound a datagram is dropped and counted — the pool's own loss, beside the kernel's when the
 * receiver itself falls behind. The receiver only copies, so it drains fast; the workers decide
 * how many datagrams are answered per second.
 *
 * <p>Queue policy: {@link ServerConfig#udpQueueBound()} datagrams may wait ({@code --queue}; when it
 * is unbounded, {@link ServerConfig#UDP_QUEUE}, so that a flood cannot grow memory without bound);
 * with {@code --queue 0} none waits, and a datagram is taken only when a worker is free.
 *
 * <p>Threading: the receiver ({@code loombench-pool-<port>-receiver}) owns the receive buffer; each
 * worker ({@code ...-worker-<n>}) owns the datagram it took until it is answered. {@link #close}
 * closes the socket, interrupts the workers waiting for the queue and drops what is left in it.
 *
 * @see SingleThreadedUdpServer
 * @see ThreadPerPeerUdpServer
 * @see VirtualThreadUdpServer
 * @see NioSelectorUdpServer
 * @see FixedPoolServer its TCP sibling
 */
final class FixedPoolUdpServer extends BlockingUdpServer {

    private record Datagram(ByteBuffer bytes, SocketAddress sender) {}

    private final BlockingQueue<Datagram> waiting;

    FixedPoolUdpServer(ServerConfig config) {
        super(ServerKind.POOL, config);
        int bound = config.udpQueueBound();
        this.waiting = bound == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(bound);
    }

    @Override
    protected void startServing() {
        for (int i = 1; i <= config.poolSize(); i++) {
            threads.startEssential(Thread.ofPlatform(), "worker-" + i, this::work);
        }
        threads.startEssential(Thread.ofPlatform(), "receiver", this::receiveLoop);
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(UdpServers.RECEIVE_BUFFER);
        SocketAddress sender;
        while ((sender = receive(buffer)) != null) {
            if (!waiting.offer(new Datagram(copy(buffer), sender))) stats.datagramDropped(); // every worker busy, the queue full
        }
    }

    private void work() {
        try {
            while (true) {
                Datagram datagram = waiting.take();
                answer(datagram.bytes(), datagram.sender());
            }
        } catch (InterruptedException e) {
            // the server is closing
        }
    }

    /** Datagrams never reached by a worker are dropped as the server closes. */
    @Override
    protected void afterClose() {
        for (int i = waiting.size(); i > 0 && waiting.poll() != null; i--) stats.datagramDropped();
    }
}
