package dev.loombench.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The yardstick of {@code bench check}: the plainest possible RFC 862 echo server, a platform
 * thread per connection copying bytes, written apart from the code under test so that a
 * slowdown in the models, the protocol layer or {@code --think} never moves it. Every round
 * measures it first; the models are judged by their ratio to it.
 */
public final class ReferenceEchoServer implements AutoCloseable {

    private final ServerSocket listener;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    public ReferenceEchoServer() throws IOException {
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        acceptor = Thread.ofPlatform().name("reference-echo-acceptor").daemon().start(this::acceptLoop);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                socket.setTcpNoDelay(true);
                connections.add(socket);
                Thread.ofPlatform().name("reference-echo").daemon().start(() -> echo(socket));
            } catch (IOException e) {
                return; // listener closed
            }
        }
    }

    private void echo(Socket socket) {
        byte[] buffer = new byte[16 * 1024];
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) out.write(buffer, 0, n);
        } catch (IOException ignored) {
            // the client went away: nothing to do but close
        } finally {
            connections.remove(socket);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : connections) socket.close();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
