package dev.loombench.serve;

import dev.loombench.protocol.SimulatedWork;
import dev.loombench.protocol.Transport;
import dev.loombench.server.PollerMode;
import dev.loombench.server.Server;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: runs one server model in the foreground until SIGTERM or Ctrl-C. The same
 * command is {@code bench serve} and {@code loombench-server serve} ({@link ServerCli}, the lean
 * jar the load client starts for its child servers).
 *
 * <p>Its stdout carries machine-readable JSON lines, so a parent process (the load client) can
 * drive it: {@code {"event":"ready",...}} once the port is bound, and {@code {"event":"stopped",...}}
 * with the final counters after shutdown. If the server dies (it can no longer serve:
 * {@link Server#failure}), {@code {"event":"died","reason":...}} comes before the stopped line,
 * the reason goes to stderr too, and the process exits. Human notes go to stderr. The ready
 * line's {@code facts} say what the configuration alone does not: the model's loops and Netty
 * transport ({@link Server#facts}), the virtual-thread poller mode, the spin calibration.
 * Exit codes: 0 stopped, 1 the server died, 2 bad option values (also {@code --loops} for a model
 * without event loops, and a {@code -Djdk.pollerMode} the JDK refuses) or the port could not be bound.
 */
@Command(name = "serve", sortOptions = false, mixinStandardHelpOptions = true, description = "Run one server model in the foreground until Ctrl-C/SIGTERM.")
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--impl", required = true, paramLabel = "MODEL", converter = ImplConverter.class,
            description = "server model: single, thread, pool, virtual, nio, netty, async")
    ServerKind impl;

    @Mixin
    ServerOptions options;

    @Option(names = "--exit-on-stdin-eof",
            description = "stop when stdin reaches end of file: how 'bench run' makes sure its child server dies with it, even when killed outright")
    boolean exitOnStdinEof;

    private final BiFunction<ServerKind, ServerConfig, Server> servers;

    public ServeCommand() {
        this(ServerKind::create);
    }

    /** A command that gets its server from {@code servers} (tests hand it one that dies). */
    ServeCommand(BiFunction<ServerKind, ServerConfig, Server> servers) {
        this.servers = servers;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerConfig config;
        try {
            config = options.toConfig();
        } catch (IllegalArgumentException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            err.flush();
            return 2;
        }
        if (config.loops() != ServerConfig.DEFAULT_LOOPS && !impl.hasLoops()) {
            err.println(spec.qualifiedName() + ": --loops applies to " + ServerKind.loopModels() + "; the " + impl
                    + " model has no event loops");
            err.flush();
            return 2;
        }
        String pollerMode = null;
        if (impl == ServerKind.VIRTUAL || System.getProperty(PollerMode.PROPERTY) != null) {
            try {
                pollerMode = PollerMode.start(); // now, so that a refused mode fails here and not in the acceptor
            } catch (IllegalArgumentException e) {
                err.println(spec.qualifiedName() + ": " + e.getMessage());
                err.flush();
                return 2;
            }
        }
        Server server;
        try {
            server = servers.apply(impl, config);
        } catch (IllegalArgumentException e) { // a model without a form for this configuration (async over UDP)
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            err.flush();
            return 2;
        }
        try {
            server.start();
        } catch (IOException e) {
            server.close();
            err.printf("%s: the %s server cannot listen on %s:%d: %s%n", spec.qualifiedName(), impl, config.bind(), config.port(),
                    e.getMessage());
            err.flush();
            return 2;
        }

        CompletableFuture<String> end = new CompletableFuture<>(); // null: asked to stop; else why the server died
        server.failure().thenAccept(cause -> end.complete(String.valueOf(cause.getMessage())));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            end.complete(null);
            try {
                stopped.await(); // the JVM ends once the stopped line is out
            } catch (InterruptedException e) {
                // the JVM ends now
            }
        }, "loombench-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);

        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("port", server.localAddress().getPort());
        ready.put("pid", ProcessHandle.current().pid());
        ready.put("impl", impl.cliName());
        ready.put("protocol", config.protocol().cliName());
        ready.put("bind", config.bind());
        ready.put("config", config);
        Map<String, Object> facts = facts(server, config, pollerMode);
        ready.put("facts", facts);
        ready.put("java", Runtime.version().toString());
        out.println(JsonLine.of(event("ready", ready)));
        out.flush();
        err.printf("serving %s%s with the %s model%s on %s:%d (pid %d) - Ctrl-C to stop%n", config.protocol(),
                udpNote(server, config), impl, describe(facts), config.bind(), server.localAddress().getPort(),
                ProcessHandle.current().pid());
        err.flush();

        if (exitOnStdinEof) {
            Thread.ofPlatform().daemon().name("loombench-serve-stdin").start(ServeCommand::exitAtEndOfStdin);
        }
        String died = end.join(); // SIGTERM, SIGINT, System.exit, or the server died
        if (died != null) {
            out.println(JsonLine.of(event("died", Map.of("reason", died))));
            out.flush();
            err.printf("%s: the %s server died: %s%n", spec.qualifiedName(), impl, died);
            err.flush();
        }
        server.close();
        out.println(JsonLine.of(event("stopped", Map.of("counters", server.stats().snapshot()))));
        out.flush();
        stopped.countDown();
        if (died == null) return 0;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdown);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs already and returns at once: the stopped line is out
        }
        return 1;
    }

    /** e.g. {@code " over udp (receive buffer 212992 bytes)"}; empty over TCP. */
    private static String udpNote(Server server, ServerConfig config) {
        if (config.transport() != Transport.UDP) return "";
        return " over udp (receive buffer " + server.facts().get("receiveBufferBytes") + " bytes)";
    }

    /** What the ready line tells beyond the configuration. */
    private static Map<String, Object> facts(Server server, ServerConfig config, String pollerMode) {
        Map<String, Object> facts = new LinkedHashMap<>(server.facts());
        facts.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        if (pollerMode != null) {
            facts.put("pollerMode", pollerMode);
            String asked = System.getProperty(PollerMode.PROPERTY);
            facts.put("pollerModeOption", asked == null ? "JDK default" : "-D" + PollerMode.PROPERTY + "=" + asked);
        }
        if (!config.spin().isZero()) {
            facts.put("spinStepsPerMicrosecond", String.format(Locale.ROOT, "%.1f", SimulatedWork.stepsPerMicrosecond()));
        }
        return facts;
    }

    /** e.g. {@code " (transport epoll, loops 2)"}: the facts a person starting a server wants to see; empty when none. */
    private static String describe(Map<String, Object> facts) {
        StringBuilder b = new StringBuilder();
        for (String key : new String[] {"transport", "loops", "pollerMode"}) {
            if (facts.containsKey(key)) b.append(b.isEmpty() ? " (" : ", ").append(key).append(' ').append(facts.get(key));
        }
        return b.isEmpty() ? "" : b.append(')').toString();
    }

    /** Reads stdin to its end (the parent's pipe closes when the parent dies), then exits through the shutdown hook. */
    private static void exitAtEndOfStdin() {
        try {
            while (System.in.read() >= 0) {
                // the parent never writes; anything written is ignored
            }
        } catch (IOException e) {
            // a broken stdin is as good as closed
        }
        System.exit(0);
    }

    private static Map<String, Object> event(String name, Map<String, Object> fields) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", name);
        event.putAll(fields);
        return event;
    }
}
