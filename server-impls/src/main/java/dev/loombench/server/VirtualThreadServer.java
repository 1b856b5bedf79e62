package dev.loombench.server;

import java.net.InetSocketAddress;

/** PLACEHOLDER until the models land: see ServerKind. */
final class VirtualThreadServer implements Server {
    private final ServerStats stats = new ServerStats();
    VirtualThreadServer(ServerConfig config) {}
    @Override public void start() { throw new UnsupportedOperationException("VirtualThreadServer is not written yet"); }
    @Override public InetSocketAddress localAddress() { throw new IllegalStateException("not started"); }
    @Override public ServerStats stats() { return stats; }
    @Override public void close() {}
}
