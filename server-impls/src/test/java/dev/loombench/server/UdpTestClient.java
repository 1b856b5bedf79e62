package dev.loombench.server;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

/**
 * A blocking UDP test client: its own socket (its own source port, so a peer of its own), talking
 * to one server. The socket is not connected: the JDK does not send an empty datagram on a connected
 * one, and the tests send empty ones. Every receive has a timeout, so a broken server fails a test instead of hanging it;
 * the timeouts are generous and never asserted as performance.
 */
final class UdpTestClient implements AutoCloseable {

    /** Longest a receive may wait for a reply that must come. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final byte[] buffer = new byte[64 * 1024];

    UdpTestClient(InetSocketAddress server) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setReceiveBufferSize(1 << 20);
        this.server = server;
        socket.setSoTimeout((int) TIMEOUT.toMillis());
    }

    static UdpTestClient to(Server server) throws IOException {
        return new UdpTestClient(server.localAddress());
    }

    void send(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, server));
    }

    /** The next datagram from the server (others are ignored); fails the test if none comes within {@link #TIMEOUT}. */
    byte[] receive() throws IOException {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        do {
            socket.receive(packet);
        } while (!server.equals(packet.getSocketAddress()));
        return Arrays.copyOf(buffer, packet.getLength());
    }

    /** The next datagram within {@code wait}, or null. */
    byte[] receive(Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        try {
            return receive();
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
        }
    }

    /** Sends {@code request} and returns the reply, sending again every {@code retry} until one comes (UDP may lose either). */
    byte[] exchange(byte[] request, Duration retry) throws IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            send(request);
            byte[] reply = receive(retry);
            if (reply != null) return reply;
        }
        throw new SocketTimeoutException("no reply within " + TIMEOUT);
    }

    int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        socket.close();
    }
}
