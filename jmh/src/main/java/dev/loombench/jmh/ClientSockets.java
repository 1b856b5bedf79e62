package dev.loombench.jmh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * How every benchmark client talks to a server: blocking loopback sockets with TCP_NODELAY
 * (a small request must not wait for Nagle) and a read timeout, so a server that never
 * answers fails the benchmark instead of hanging it.
 */
final class ClientSockets {

    /** Bounds both connect and every read; far above any healthy loopback round trip. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private ClientSockets() {}

    /** A connected socket with TCP_NODELAY and SO_TIMEOUT set; the caller owns and closes it. */
    static Socket open(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.connect(address, (int) TIMEOUT.toMillis());
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
