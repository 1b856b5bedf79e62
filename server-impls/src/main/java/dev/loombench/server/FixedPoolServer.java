package dev.loombench.server;

import java.net.InetSocketAddress;

/** PLACEHOLDER until the models land: see ServerKind. */
final class FixedPoolServer implements Server {
    private final ServerStats stats = new ServerStats();
    FixedPoolServer(ServerConfig config) {}
    @Override public void start() { throw new UnsupportedOperationException("FixedPoolServer is not written yet"); }
    @Override public InetSocketAddress localAddress() { throw new IllegalStateException("not started"); }
    @Override public ServerStats stats() { return stats; }
    @Override public void close() {}
}
