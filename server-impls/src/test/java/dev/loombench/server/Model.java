package dev.loombench.server;

import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A server model as the contract tests run it: every {@link ServerKind} with its defaults, plus
 * the variants whose threading differs enough to need the whole contract again: {@code nio} with
 * two loops (SEND crosses loops) and {@code netty} on its NIO transport (the fallback where epoll
 * is unavailable). Used as {@code @MethodSource("dev.loombench.server.Model#all")}.
 *
 * @param name     what the test report shows
 * @param kind     the model
 * @param settings applied to every configuration a test passes in
 * @param factory  makes the server from the adjusted configuration
 */
record Model(String name, ServerKind kind, UnaryOperator<ServerConfig> settings, Function<ServerConfig, Server> factory) {

    static Model of(ServerKind kind) {
        return new Model(kind.cliName(), kind, UnaryOperator.identity(), kind::create);
    }

    /** Every kind, then nio with 2 loops and netty on NIO. */
    static Stream<Model> all() {
        return Stream.concat(Stream.of(ServerKind.values()).map(Model::of), Stream.of(
                new Model("nio --loops 2", ServerKind.NIO, config -> config.withLoops(2), ServerKind.NIO::create),
                new Model("netty (nio transport)", ServerKind.NETTY, UnaryOperator.identity(),
                        config -> new NettyServer(config, config.protocol()::newSession, NettyServer.Transport.NIO))));
    }

    /** Every model that serves two clients at once: all but {@code single}. */
    static Stream<Model> exceptSingle() {
        return all().filter(model -> model.kind != ServerKind.SINGLE);
    }

    /** The models that serve every connected client at once, however long they stay: all but {@code single} and {@code pool}. */
    static Stream<Model> servingEveryone() {
        return all().filter(model -> model.kind != ServerKind.SINGLE && model.kind != ServerKind.POOL);
    }

    /** The models with event loops and an output bound ({@code --max-output}): nio, netty, async and their variants. */
    static Stream<Model> eventLoops() {
        return all().filter(model -> model.kind.hasLoops());
    }

    /** A new, not yet started server of this model. */
    Server create(ServerConfig config) {
        return factory.apply(settings.apply(config));
    }

    @Override
    public String toString() {
        return name;
    }
}
