package dev.loombench.server;

import dev.loombench.protocol.Protocol;
import java.io.IOException;
import java.time.Duration;

/** Starting servers for tests: loopback, port 0, the defaults unless a test says otherwise. */
final class TestServers {

    private TestServers() {}

    static ServerConfig config(Protocol protocol) {
        return ServerConfig.defaults().withProtocol(protocol);
    }

    /** Short timeouts for the tests of stalled clients; idle stays off. */
    static ServerConfig withWriteTimeout(ServerConfig config, Duration writeTimeout) {
        return config.withTimeouts(config.idleTimeout(), writeTimeout);
    }

    static Server start(ServerKind kind, ServerConfig config) throws IOException {
        return start(Model.of(kind), config);
    }

    static Server start(ServerKind kind, Protocol protocol) throws IOException {
        return start(Model.of(kind), protocol);
    }

    /** A server whose connections get their sessions from {@code sessions} ({@link FaultySessions}). */
    static Server start(ServerKind kind, ServerConfig config, SessionFactory sessions) throws IOException {
        return started(kind.create(config, sessions));
    }

    static Server start(Model model, ServerConfig config) throws IOException {
        return started(model.create(config));
    }

    private static Server started(Server server) throws IOException {
        try {
            server.start();
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    static Server start(Model model, Protocol protocol) throws IOException {
        return start(model, config(protocol));
    }
}
