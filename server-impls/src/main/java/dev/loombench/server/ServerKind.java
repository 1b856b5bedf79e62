package dev.loombench.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Every server model, by its CLI name. The CLI and every "for all models" test iterate this
 * enum, so a new model is added here once and is covered everywhere.
 */
public enum ServerKind {

    SINGLE("single", "one thread accepts and serves one connection at a time", SingleThreadedServer::new),
    THREAD("thread", "a new platform thread per connection", ThreadPerClientServer::new),
    POOL("pool", "a fixed pool of --pool-size platform threads, --queue bound", FixedPoolServer::new),
    VIRTUAL("virtual", "a virtual thread per connection", VirtualThreadServer::new),
    NIO("nio", "one Selector thread, non-blocking channels", NioSelectorServer::new);

    private final String cliName;
    private final String description;
    private final BiFunction<ServerConfig, SessionFactory, Server> factory;

    ServerKind(String cliName, String description, BiFunction<ServerConfig, SessionFactory, Server> factory) {
        this.cliName = cliName;
        this.description = description;
        this.factory = factory;
    }

    public String cliName() {
        return cliName;
    }

    public String description() {
        return description;
    }

    /** A new, not yet started server of this model. */
    public Server create(ServerConfig config) {
        return create(config, config.protocol()::newSession);
    }

    /** A new server of this model whose connections get their sessions from {@code sessions} (tests inject faults so). */
    Server create(ServerConfig config, SessionFactory sessions) {
        return factory.apply(config, sessions);
    }

    /** Parses a CLI name ({@code single}, {@code thread}, {@code pool}, {@code virtual}, {@code nio}). */
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
