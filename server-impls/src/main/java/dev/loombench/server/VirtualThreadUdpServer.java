package dev.loombench.server;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * {@code virtual} over UDP: a receiver thread drains the socket and starts a new virtual thread
 * for every datagram, which answers it and ends. Nothing is bounded by a pool: a datagram waits
 * only for a carrier, and {@code --think} parks its virtual thread without holding one, so many
 * slow datagrams are served at once. The receiver's cost per datagram — a copy and a thread
 * start — sets how fast the socket is drained.
 *
 * <p>Threading: the receiver ({@code loombench-virtual-<port>-receiver}), a virtual thread too,
 * owns the receive buffer; each datagram is owned by its virtual thread ({@code ...-datagram-<n>}).
 * {@link #close} closes the socket, then interrupts and joins every thread, virtual ones included.
 *
 * @see SingleThreadedUdpServer
 * @see ThreadPerPeerUdpServer
 * @see FixedPoolUdpServer
 * @see NioSelectorUdpServer
 * @see VirtualThreadServer its TCP sibling
 */
final class VirtualThreadUdpServer extends BlockingUdpServer {

    VirtualThreadUdpServer(ServerConfig config) {
        super(ServerKind.VIRTUAL, config);
    }

    @Override
    protected void startServing() {
        threads.startEssential(Thread.ofVirtual(), "receiver", this::receiveLoop);
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(UdpServers.RECEIVE_BUFFER);
        long datagrams = 0;
        for (SocketAddress sender; (sender = receive(buffer)) != null; ) {
            ByteBuffer datagram = copy(buffer);
            SocketAddress peer = sender;
            try {
                threads.start(Thread.ofVirtual(), "datagram-" + ++datagrams, () -> answer(datagram, peer));
            } catch (OutOfMemoryError e) {
                stats.datagramDropped();
                backoff.pause("cannot start a thread per datagram", e);
            }
        }
    }
}
