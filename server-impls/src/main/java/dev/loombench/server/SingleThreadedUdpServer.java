package dev.loombench.server;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * {@code single} over UDP: one thread receives a datagram, answers it, and only then receives the
 * next. While it answers (and while {@code --think} sleeps) nobody drains the socket: datagrams
 * queue in the kernel's receive buffer ({@code --rcvbuf}), and once it is full the kernel drops
 * the rest. How fast one thread turns a datagram around is this model's whole capacity.
 *
 * <p>Threading: the receiver ({@code loombench-single-<port>-receiver}) owns the one receive
 * buffer and does everything. {@link #close} closes the socket, which ends it.
 *
 * @see ThreadPerPeerUdpServer
 * @see FixedPoolUdpServer
 * @see VirtualThreadUdpServer
 * @see NioSelectorUdpServer
 * @see SingleThreadedServer its TCP sibling
 */
final class SingleThreadedUdpServer extends BlockingUdpServer {

    SingleThreadedUdpServer(ServerConfig config) {
        super(ServerKind.SINGLE, config);
    }

    @Override
    protected void startServing() {
        threads.startEssential(Thread.ofPlatform(), "receiver", this::receiveAndAnswer);
    }

    private void receiveAndAnswer() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(UdpServers.RECEIVE_BUFFER);
        SocketAddress sender;
        while ((sender = receive(buffer)) != null) {
            answer(buffer, sender); // the next datagram waits in the socket's receive buffer meanwhile
        }
    }
}
