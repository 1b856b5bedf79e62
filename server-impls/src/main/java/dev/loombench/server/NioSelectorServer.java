package dev.loombench.server;

import java.net.InetSocketAddress;

/** PLACEHOLDER until the models land: see ServerKind. */
final class NioSelectorServer implements Server {
    private final ServerStats stats = new ServerStats();
    NioSelectorServer(ServerConfig config) {}
    @Override public void start() { throw new UnsupportedOperationException("NioSelectorServer is not written yet"); }
    @Override public InetSocketAddress localAddress() { throw new IllegalStateException("not started"); }
    @Override public ServerStats stats() { return stats; }
    @Override public void close() {}
}
