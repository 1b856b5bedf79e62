package dev.loombench.jmh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A scripted loopback server for client tests: each accepted connection is handed to
 * {@code script} on a virtual thread of its own and closed when the script returns. Lets a
 * test play a server that lies (corrupts, replays, sends ERROR, hangs up) to prove that the
 * benchmark clients fail loudly.
 */
final class FakeServer implements AutoCloseable {

    @FunctionalInterface
    interface Script {
        void serve(Socket connection) throws IOException;
    }

    private final ServerSocket listener;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    FakeServer(Script script) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    Socket connection = listener.accept();
                    connections.add(connection);
                    Thread.ofVirtual().start(() -> {
                        try (connection) {
                            script.serve(connection);
                        } catch (IOException ignored) {
                            // the client went away; the test looks at the client side
                        } finally {
                            connections.remove(connection);
                        }
                    });
                }
            } catch (IOException closed) {
                // listener closed: the test is over
            }
        });
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket connection : connections) connection.close();
        try {
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
