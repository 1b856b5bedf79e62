package dev.loombench.jmh;

import dev.loombench.protocol.Protocol;
import dev.loombench.server.Server;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A server model started inside the benchmark JVM, on a loopback ephemeral port, with the
 * documented defaults ({@link ServerConfig#defaults()}) and the given protocol. Client and
 * server share the JVM and the cores: the figures are round trips through the loopback
 * device and both sides' code, which is what lets the models be compared with each other.
 */
final class InProcessServer implements AutoCloseable {

    private final Server server;
    private final InetSocketAddress address;

    private InProcessServer(Server server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    /**
     * Starts model {@code impl} (a CLI name) speaking {@code protocol}, for clients that hold
     * {@code longLivedConnections} connections open at once (0 for one-shot connections).
     *
     * @throws IllegalArgumentException if the model cannot serve that many long-lived connections
     *                                  at once ({@code single} serves one, {@code pool} one per
     *                                  worker), rather than letting the unserved clients fail
     *                                  later on their read timeout
     */
    static InProcessServer start(String impl, Protocol protocol, int longLivedConnections) throws IOException {
        ServerKind kind = ServerKind.fromCliName(impl);
        ServerConfig config = ServerConfig.defaults().withProtocol(protocol);
        if (kind == ServerKind.SINGLE && longLivedConnections > 1) {
            throw new IllegalArgumentException("'single' serves one connection at a time, so only one of "
                    + longLivedConnections + " JMH threads would be served; run it with -t 1 (the default)");
        }
        if (kind == ServerKind.POOL && longLivedConnections > config.poolSize()) {
            throw new IllegalArgumentException("'pool' has " + config.poolSize() + " workers, so "
                    + (longLivedConnections - config.poolSize()) + " of " + longLivedConnections
                    + " JMH threads would never be served; run it with -t " + config.poolSize() + " or fewer");
        }
        Server server = kind.create(config);
        try {
            server.start();
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.localAddress().getPort());
            return new InProcessServer(server, address);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Where to connect: 127.0.0.1 and the bound ephemeral port. */
    InetSocketAddress address() {
        return address;
    }

    Server server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}
