package dev.loombench.fault;

import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.Rfc868ClientCodec;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

/**
 * Well-formed and bad datagrams and their checked replies, over UDP (PROTOCOL.md §4): what the UDP
 * faults' clients send, and what the fresh client after every UDP fault does. A UDP client must
 * send again when no reply comes, so each exchange retries every {@link #RETRY} until
 * {@code timeout}; a reply that comes but is wrong is an {@link IOException} saying what was wrong.
 * The socket is not connected: the JDK sends no empty datagram on a connected one.
 */
final class DatagramExchanges implements AutoCloseable {

    /** How long a client waits for a reply before it sends its datagram again. */
    static final Duration RETRY = Duration.ofMillis(250);

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final byte[] buffer = new byte[64 * 1024];
    private int resent;

    DatagramExchanges(InetSocketAddress server) throws IOException {
        this.server = server;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setReceiveBufferSize(1 << 20);
    }

    /** Datagrams sent again because no reply came in time, so far. */
    int resent() {
        return resent;
    }

    /** Sends {@code request} until a reply comes (at most {@code timeout}) and checks it as {@code protocol} says. */
    void exchange(Protocol protocol, byte[] request, Duration timeout) throws IOException {
        byte[] reply = reply(request, timeout);
        switch (protocol) {
            case ECHO -> {
                if (!Arrays.equals(request, reply)) {
                    throw new IOException("the echo of a " + request.length + "-byte datagram came back as " + reply.length
                            + " bytes" + (reply.length == request.length ? ", different" : ""));
                }
            }
            case RFC868 -> {
                if (reply.length != 4) throw new IOException("the RFC 868 reply to a " + request.length + "-byte datagram has " + reply.length + " bytes");
                long skew = Rfc868ClientCodec.skewSeconds(Integer.toUnsignedLong(ByteBuffer.wrap(reply).getInt()), System.currentTimeMillis() / 1000);
                if (Math.abs(skew) > Rfc868ClientCodec.CLOCK_TOLERANCE_SECONDS) throw new IOException("the RFC 868 time is " + skew + " s off");
            }
            case TIME -> throw new IllegalArgumentException(Protocol.NO_UDP);
        }
    }

    /** Sends {@code request}, again every {@link #RETRY}, until a datagram comes back from the server (at most {@code timeout}). */
    byte[] reply(byte[] request, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (boolean first = true; System.nanoTime() - deadline < 0; first = false) {
            if (!first) resent++;
            socket.send(new DatagramPacket(request, request.length, server));
            long until = Math.min(deadline, System.nanoTime() + RETRY.toNanos());
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            while (true) {
                long left = (until - System.nanoTime()) / 1_000_000;
                if (left <= 0) break;
                socket.setSoTimeout((int) left);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    break;
                }
                if (server.equals(packet.getSocketAddress())) return Arrays.copyOf(buffer, packet.getLength());
            }
        }
        throw new SocketTimeoutException("no reply to a " + request.length + "-byte datagram within " + timeout.toMillis() + " ms");
    }

    /** Sends one datagram and does not wait. */
    void send(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, server));
    }

    @Override
    public void close() {
        socket.close();
    }
}
