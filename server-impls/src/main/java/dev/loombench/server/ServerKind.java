package dev.loombench.server;

import dev.loombench.protocol.Transport;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Every server model, by its CLI name. The CLI and every "for all models" test iterate this
 * enum, so a new model is added here once and is covered everywhere.
 */
public enum ServerKind {

    SINGLE("single", "one thread accepts and serves one connection at a time", SingleThreadedServer::new, Loops.NONE),
    THREAD("thread", "a new platform thread per connection", ThreadPerClientServer::new, Loops.NONE),
    POOL("pool", "a fixed pool of --pool-size platform threads, --queue bound", FixedPoolServer::new, Loops.NONE),
    VIRTUAL("virtual", "a virtual thread per connection", VirtualThreadServer::new, Loops.NONE),
    NIO("nio", "Selector event loop(s), non-blocking channels (--loops, default 1)", NioSelectorServer::new, 1),
    NETTY("netty", "Netty 4.2: an acceptor loop and --loops worker loops (default: the cores), epoll where available",
            NettyServer::new, Loops.CORES),
    ASYNC("async", "AsynchronousSocketChannel completion handlers on a group of --loops threads (default: the cores)",
            AsyncChannelServer::new, Loops.CORES);

    /** Default loop counts that are not a number. */
    private static final class Loops {
        static final int NONE = 0; // the model has no event loops
        static final int CORES = -1; // the processors this JVM may use
    }

    private final String cliName;
    private final String description;
    private final BiFunction<ServerConfig, SessionFactory, Server> factory;
    private final int defaultLoops;

    ServerKind(String cliName, String description, BiFunction<ServerConfig, SessionFactory, Server> factory, int defaultLoops) {
        this.cliName = cliName;
        this.description = description;
        this.factory = factory;
        this.defaultLoops = defaultLoops;
    }

    /** True for the models that serve connections on event loops and take {@code --loops}: nio, netty, async. */
    public boolean hasLoops() {
        return defaultLoops != Loops.NONE;
    }

    /**
     * The loops this model runs with {@code config}: {@link ServerConfig#loops} when set, else the
     * model's default (1 for {@code nio}, the processors this JVM may use for {@code netty} and {@code async}).
     *
     * @throws IllegalArgumentException for a model without loops
     */
    public int loops(ServerConfig config) {
        if (!hasLoops()) throw new IllegalArgumentException("the " + cliName + " model has no event loops");
        if (config.loops() != ServerConfig.DEFAULT_LOOPS) return config.loops();
        return defaultLoops == Loops.CORES ? Runtime.getRuntime().availableProcessors() : defaultLoops;
    }

    /**
     * {@code config} as this model takes it: without {@code loops} for a model that has no event
     * loops, so that one {@code --loops} given to a run of several models reaches those it applies to.
     */
    public ServerConfig applicable(ServerConfig config) {
        return hasLoops() || config.loops() == ServerConfig.DEFAULT_LOOPS ? config : config.withLoops(ServerConfig.DEFAULT_LOOPS);
    }

    /** The models that take {@code --loops}, for messages: "nio, netty, async". */
    public static String loopModels() {
        return Arrays.stream(values()).filter(ServerKind::hasLoops).map(ServerKind::cliName).collect(Collectors.joining(", "));
    }

    public String cliName() {
        return cliName;
    }

    public String description() {
        return description;
    }

    /** A new, not yet started server of this model, over {@link ServerConfig#transport} (TCP or UDP). */
    public Server create(ServerConfig config) {
        return create(config, config.protocol()::newSession);
    }

    /** A new server of this model whose connections get their sessions from {@code sessions} (tests inject faults so). */
    Server create(ServerConfig config, SessionFactory sessions) {
        if (config.transport() == Transport.UDP) return UdpServers.create(this, config); // no sessions over UDP
        return factory.apply(config, sessions);
    }

    /** True if this model has a UDP form ({@code --transport udp}). */
    public boolean servesUdp() {
        return UdpServers.serves(this);
    }

    /** Parses a CLI name ({@code single}, {@code thread}, {@code pool}, {@code virtual}, {@code nio}, {@code netty}, {@code async}). */
    public static ServerKind fromCliName(String name) {
        for (ServerKind kind : values()) {
            if (kind.cliName.equals(name.toLowerCase(Locale.ROOT))) return kind;
        }
        throw new IllegalArgumentException("unknown server model '" + name + "'; expected one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(ServerKind::cliName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
