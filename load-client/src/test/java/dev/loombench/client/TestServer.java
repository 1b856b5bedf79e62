package dev.loombench.client;

import dev.loombench.protocol.Connection;
import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.ProtocolSession;
import dev.loombench.protocol.ServerContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tiny servers for the load client's tests, correct and deliberately broken, one platform thread
 * per connection (time-sliced by the OS, like a server in its own process) on 127.0.0.1, port 0.
 * Not a model: just enough to provoke each error class.
 */
final class TestServer implements AutoCloseable {

    /** What the server does with one accepted connection. */
    @FunctionalInterface
    interface Behaviour {
        void serve(Socket socket) throws IOException;
    }

    private final ServerSocket listener;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    final AtomicInteger accepted = new AtomicInteger();

    TestServer(Behaviour behaviour) throws IOException {
        listener = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    Socket socket = listener.accept();
                    accepted.incrementAndGet();
                    open.add(socket);
                    Thread.ofPlatform().daemon().start(() -> {
                        try (socket) {
                            behaviour.serve(socket);
                        } catch (IOException ignored) {
                            // the client went away
                        } finally {
                            open.remove(socket);
                        }
                    });
                }
            } catch (IOException closed) {
                // listener closed
            }
        });
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) s.close();
    }

    // ---- behaviours ----

    /** RFC 862 echo. */
    static void echo(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) out.write(buffer, 0, n);
    }

    /** Echo that flips the first byte of everything it sends back. */
    static void flipByte(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            buffer[0] ^= 0x01;
            out.write(buffer, 0, n);
        }
    }

    /** Echoes the first read, then resets the connection (RST). */
    static void echoOnceThenReset(Socket socket) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int n = socket.getInputStream().read(buffer);
        if (n > 0) socket.getOutputStream().write(buffer, 0, n);
        socket.getInputStream().read(buffer); // the next request
        socket.setSoLinger(true, 0);
    }

    /** Reads everything, answers nothing. */
    static void stall(Socket socket) throws IOException {
        socket.getInputStream().transferTo(OutputStream.nullOutputStream());
    }

    /** Closes the fresh connection at once, as a full server does for echo and rfc868. */
    static void refuse(Socket socket) {}

    /** A real protocol session (time, rfc868, echo) over a blocking socket: a minimal model for tests. */
    static Behaviour protocol(Protocol protocol, ServerContext context) {
        return socket -> {
            OutputStream out = socket.getOutputStream();
            Connection connection = new Connection() {
                @Override
                public InetSocketAddress remoteAddress() {
                    return (InetSocketAddress) socket.getRemoteSocketAddress();
                }

                @Override
                public void write(ByteBuffer bytes) throws IOException {
                    synchronized (this) {
                        out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                    }
                    bytes.position(bytes.limit());
                }

                @Override
                public boolean deliver(ByteBuffer frame) {
                    try {
                        write(frame);
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                }
            };
            ProtocolSession session = protocol.newSession(context, connection);
            try {
                if (!session.open()) return;
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[16 * 1024];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (!session.onInput(ByteBuffer.wrap(buffer, 0, n))) return;
                }
            } finally {
                session.close();
            }
        };
    }

    static ServerContext context() {
        return ServerContext.of(ServerContext.DEFAULT_MAX_FRAME, Duration.ZERO);
    }
}
