package dev.loombench.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Idle echo connections held open against a server, for measuring what connections cost when
 * they do nothing. Each new connection proves it is being served — one byte echoed back — and is
 * then left silent: the server has accepted it and set up whatever it keeps per connection (a
 * thread, a buffer, a selection key), and no request is in flight. No thread is used on this side:
 * the sockets just stay open. Not thread-safe; {@link #close} closes every socket.
 */
final class IdleConnections implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 5_000;

    private final InetSocketAddress target;
    private final List<Socket> open = new ArrayList<>();

    IdleConnections(InetSocketAddress target) {
        this.target = target;
    }

    /** Connections open and proven served. */
    int size() {
        return open.size();
    }

    /**
     * Opens connections until {@code total} are open, each proven by a one-byte echo.
     *
     * @throws IOException if a connection cannot be made or is not served within 5 s (those opened stay open)
     */
    void growTo(int total) throws IOException {
        while (open.size() < total) {
            Socket socket = new Socket();
            try {
                socket.connect(target, TIMEOUT_MILLIS);
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.getOutputStream().write('.');
                InputStream in = socket.getInputStream();
                if (in.read() != '.') throw new IOException("connection " + (open.size() + 1) + " was not echoed");
            } catch (IOException e) {
                socket.close();
                throw new IOException("after " + open.size() + " idle connections: " + e.getMessage(), e);
            }
            open.add(socket);
        }
    }

    @Override
    public void close() {
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        open.clear();
    }
}
