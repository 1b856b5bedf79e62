package dev.loombench.interactive;

import dev.loombench.protocol.Connection;
import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.ProtocolSession;
import dev.loombench.protocol.ServerContext;
import dev.loombench.protocol.TimeFrames;
import dev.loombench.server.Server;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerStats;
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

/** TEMPORARY thread-per-connection time server, for developing the client before the models land. */
public final class DevTimeServer implements Server {
    private final ServerSocket listener;
    private final ServerContext context = ServerContext.of(64 * 1024, Duration.ZERO);
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    private final int max;

    public DevTimeServer(ServerConfig config) throws IOException {
        max = config.maxConnections();
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @Override public void start() { Thread.ofPlatform().daemon().start(this::acceptLoop); }
    @Override public InetSocketAddress localAddress() { return (InetSocketAddress) listener.getLocalSocketAddress(); }
    @Override public ServerStats stats() { return new ServerStats(); }

    private void acceptLoop() {
        try {
            while (true) {
                Socket s = listener.accept();
                if (max > 0 && sockets.size() >= max) {
                    ByteBuffer b = Protocol.TIME.rejection();
                    s.getOutputStream().write(b.array(), 0, b.limit());
                    s.close();
                    continue;
                }
                sockets.add(s);
                Thread.ofPlatform().daemon().start(() -> serve(s));
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            Connection connection = new Connection() {
                public InetSocketAddress remoteAddress() { return (InetSocketAddress) s.getRemoteSocketAddress(); }
                public synchronized void write(ByteBuffer b) throws IOException {
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    out.write(bytes);
                }
                public boolean deliver(ByteBuffer frame) {
                    try { write(frame); return true; } catch (IOException e) { return false; }
                }
            };
            ProtocolSession session = Protocol.TIME.newSession(context, connection);
            try {
                if (!session.open()) return;
                byte[] buf = new byte[4096];
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (!session.onInput(ByteBuffer.wrap(buf, 0, n))) return;
                }
            } finally {
                session.close();
            }
        } catch (IOException e) {
            // connection over
        } finally {
            sockets.remove(s);
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
            for (Socket s : sockets) s.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
