package dev.loombench.server;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code thread} over UDP, the connectionless analogue of thread-per-client: a receiver thread
 * drains the socket and hands each datagram to the platform thread of its peer (its source
 * address), started on the peer's first datagram and ended once the peer has been silent for
 * {@link ServerConfig#udpPeerIdle()} ({@code --idle-timeout}, by default a few seconds: a peer
 * never says goodbye). Peers are served in parallel, each in order, and threads grow with peers.
 *
 * <p>Limits: a peer's thread has a queue of {@value #PEER_QUEUE} datagrams, its share of the
 * socket buffer; past it that peer's datagrams are dropped and counted, so a flooding peer costs
 * its own datagrams, not the others'. Past {@code maxConnections} live peers (0 = no limit) a
 * new peer's datagrams are dropped and counted as rejected. In the stats a peer counts as a
 * connection: accepted, live and peak, closed when its thread ends.
 *
 * <p>Threading: the receiver ({@code loombench-thread-<port>-receiver}) owns the receive buffer and
 * the peer table's insertions; each peer's thread ({@code ...-peer-<n>}) owns its queue's head and
 * removes itself. A peer's end and a datagram arriving for it are decided under the peer's lock,
 * so no datagram is left in the queue of a thread that has ended. {@link #close} closes the
 * socket, then interrupts and joins every thread.
 *
 * @see SingleThreadedUdpServer
 * @see FixedPoolUdpServer
 * @see VirtualThreadUdpServer
 * @see NioSelectorUdpServer
 * @see ThreadPerClientServer its TCP sibling
 */
final class ThreadPerPeerUdpServer extends BlockingUdpServer {

    /** Datagrams that may wait for one peer's thread. */
    static final int PEER_QUEUE = 1024;

    private final Map<SocketAddress, Peer> peers = new ConcurrentHashMap<>();
    private final long idleNanos;
    private long started; // receiver thread only

    ThreadPerPeerUdpServer(ServerConfig config) {
        super(ServerKind.THREAD, config);
        this.idleNanos = config.udpPeerIdle().toNanos();
    }

    @Override
    protected void startServing() {
        threads.startEssential(Thread.ofPlatform(), "receiver", this::receiveLoop);
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(UdpServers.RECEIVE_BUFFER);
        SocketAddress sender;
        while ((sender = receive(buffer)) != null) {
            ByteBuffer datagram = copy(buffer);
            Peer peer = peers.get(sender);
            if (peer == null || !peer.offer(datagram)) startPeer(sender, datagram);
        }
    }

    /** The first datagram of a peer (or the first after its thread ended): a new thread for it. */
    private void startPeer(SocketAddress sender, ByteBuffer datagram) {
        stats.accepted();
        int max = config.maxConnections();
        if (max > 0 && stats.liveConnections() >= max) {
            stats.rejected();
            stats.datagramDropped();
            return;
        }
        Peer peer = new Peer(sender);
        peer.queue.add(datagram);
        peers.put(sender, peer);
        stats.connectionOpened();
        try {
            threads.start(Thread.ofPlatform(), "peer-" + ++started, peer::serve);
        } catch (OutOfMemoryError e) { // "unable to create native thread": this model's limit
            peers.remove(sender, peer);
            stats.connectionClosed();
            stats.datagramDropped();
            backoff.pause("cannot start a thread per peer", e);
        }
    }

    /** One peer: its address, its datagrams waiting, and whether its thread has ended. */
    private final class Peer {
        final SocketAddress address;
        final BlockingQueue<ByteBuffer> queue = new ArrayBlockingQueue<>(PEER_QUEUE);
        private boolean ended; // guarded by this

        Peer(SocketAddress address) {
            this.address = address;
        }

        /** Receiver: queues {@code datagram} (or drops it, counted, when the queue is full); false if the thread has ended. */
        synchronized boolean offer(ByteBuffer datagram) {
            if (ended) return false;
            if (!queue.offer(datagram)) stats.datagramDropped();
            return true;
        }

        /** The peer's thread: answers its datagrams in order until it has been idle long enough. */
        void serve() {
            try {
                while (true) {
                    ByteBuffer datagram = queue.poll(idleNanos, TimeUnit.NANOSECONDS);
                    if (datagram != null) {
                        answer(datagram, address);
                    } else if (endIfIdle()) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // the server is closing
            } finally {
                synchronized (this) {
                    ended = true;
                }
                peers.remove(address, this);
                stats.connectionClosed();
            }
        }

        private synchronized boolean endIfIdle() {
            if (!queue.isEmpty()) return false; // a datagram came in just now
            ended = true;
            return true;
        }
    }
}
