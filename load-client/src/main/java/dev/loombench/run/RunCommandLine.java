package dev.loombench.run;

import dev.loombench.client.LoadConfig;
import dev.loombench.serve.Durations;
import dev.loombench.server.PollerMode;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code bench run} command that makes the same run as a {@link ModelRunner#run} call, with
 * only the options that differ from the defaults — printed beside demo results so that each one
 * can be repeated by hand.
 */
public final class RunCommandLine {

    private static final LoadConfig LOAD = LoadConfig.defaults();
    private static final ServerConfig SERVER = ServerConfig.defaults();

    private RunCommandLine() {}

    /** e.g. {@code bench run --impl pool --clients 500 --warmup 0 --duration 12s --pool-size 16}. */
    public static String of(ServerKind kind, ServerConfig server, LoadConfig load, List<String> jvmArgs) {
        List<String> args = new ArrayList<>(List.of("bench", "run", "--impl", kind.cliName()));
        args.addAll(loadArgs(load.withProtocol(server.protocol())));
        if (server.receiveBuffer() != SERVER.receiveBuffer()) add(args, "--rcvbuf", Integer.toString(server.receiveBuffer()));
        if (kind == ServerKind.POOL && server.poolSize() != SERVER.poolSize()) add(args, "--pool-size", Integer.toString(server.poolSize()));
        if (kind == ServerKind.POOL && server.queue() != SERVER.queue()) add(args, "--queue", Integer.toString(server.queue()));
        if (server.backlog() != SERVER.backlog()) add(args, "--backlog", Integer.toString(server.backlog()));
        if (server.bufferSize() != SERVER.bufferSize()) add(args, "--buffer", Integer.toString(server.bufferSize()));
        if (server.maxConnections() != SERVER.maxConnections()) add(args, "--max-connections", Integer.toString(server.maxConnections()));
        if (!server.think().equals(SERVER.think())) add(args, "--think", Durations.format(server.think()));
        if (!server.spin().equals(SERVER.spin())) add(args, "--spin", Durations.format(server.spin()));
        if (kind.hasLoops() && server.loops() != SERVER.loops()) add(args, "--loops", Integer.toString(server.loops()));
        if (!server.idleTimeout().equals(SERVER.idleTimeout())) add(args, "--idle-timeout", Durations.format(server.idleTimeout()));
        List<String> others = new ArrayList<>(jvmArgs);
        PollerModes.in(jvmArgs).ifPresent(mode -> {
            others.removeIf(arg -> arg.startsWith("-D" + PollerMode.PROPERTY + "="));
            add(args, "--poller-mode", mode);
        });
        if (!others.isEmpty()) add(args, "--server-jvm-args", "\"" + String.join(" ", others) + "\"");
        return String.join(" ", args);
    }

    /**
     * The {@code run} options that reproduce {@code load} (protocol, clients, phases, shape), only
     * those that differ from the defaults: what a {@code run --target} needs besides the target.
     */
    public static List<String> loadArgs(LoadConfig load) {
        List<String> args = new ArrayList<>();
        if (load.protocol() != LOAD.protocol()) add(args, "--protocol", load.protocol().cliName());
        if (load.transport() != LOAD.transport()) add(args, "--transport", load.transport().cliName());
        add(args, "--clients", Integer.toString(load.clients()));
        if (load.connectRate() != LOAD.connectRate()) add(args, "--connect-rate", number(load.connectRate()));
        if (!load.warmup().equals(LOAD.warmup())) add(args, "--warmup", Durations.format(load.warmup()));
        if (!load.duration().equals(LOAD.duration())) add(args, "--duration", Durations.format(load.duration()));
        if (!load.timeout().equals(LOAD.timeout())) add(args, "--timeout", Durations.format(load.timeout()));
        if (load.size() != LOAD.size() && load.protocol() == dev.loombench.protocol.Protocol.ECHO) {
            add(args, "--size", Integer.toString(load.size()));
        }
        if (load.op() != LOAD.op() && load.protocol() == dev.loombench.protocol.Protocol.TIME) {
            add(args, "--op", load.op().name().toLowerCase(Locale.ROOT));
        }
        if (load.pipeline() != LOAD.pipeline()) add(args, "--pipeline", Integer.toString(load.pipeline()));
        if (load.rate() != LOAD.rate()) add(args, "--rate", number(load.rate()));
        if (load.noDelay() != LOAD.noDelay()) args.add("--no-nodelay");
        if (load.loops() != LOAD.loops()) add(args, "--client-loops", Integer.toString(load.loops()));
        return args;
    }

    private static void add(List<String> args, String option, String value) {
        args.add(option);
        args.add(value);
    }

    private static String number(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}
