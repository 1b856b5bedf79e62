package dev.loombench.cli;

import dev.loombench.fault.Fault;
import dev.loombench.fault.FaultReport;
import dev.loombench.fault.FaultSuite;
import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.Transport;
import dev.loombench.run.ModelRunner;
import dev.loombench.server.ServerKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench faults}: the reliability suite. Runs each fault against each model (a child
 * server per model and protocol) while well-behaved clients keep a steady load, checks that the
 * server survives, the steady clients lose nothing, resources come back and a fresh client is
 * served; prints the model × fault table and writes {@code README.md} and {@code faults.json}.
 *
 * <p>Exit codes: 0 every fault passed; 1 some failed (or a server did not stop cleanly); 2 bad
 * usage, or something could not be run (a server did not start).
 */
@Command(name = "faults", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Reliability suite: inject faults into every model under load.",
                "Injects each fault into each model under a steady load; checks that a fresh client is served, the"
                        + " steady clients lose nothing and threads, fds and RSS come back. Writes README.md (model x"
                        + " fault table) and faults.json.",
                "Exit code 0 all passed, 1 some failed, 2 could not run."})
public final class FaultsCommand implements Callable<Integer> {

    private static final String DEFAULT_JVM_ARGS =
            "-Xms128m -Xmx128m -XX:+AlwaysPreTouch -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UseDynamicNumberOfCompilerThreads";

    @Spec
    CommandSpec spec;

    @Option(names = "--impl", paramLabel = "MODELS", converter = ModelsConverter.class, defaultValue = "all",
            description = "single, thread, pool, virtual, nio, netty, async, several comma-separated, or all (default: ${DEFAULT-VALUE})")
    ModelsConverter.Models impl;

    @Option(names = "--protocol", paramLabel = "P", description = "echo, time, rfc868, or all: each runs the faults that apply to it (default: ${DEFAULT-VALUE})")
    String protocol = "all";

    @Option(names = "--transport", paramLabel = "T", description = "tcp (the connection faults), udp (the datagram faults, echo and rfc868) or all (default: ${DEFAULT-VALUE})")
    String transport = "all";

    @Option(names = "--fault", paramLabel = "NAME", split = ",", description = "only these faults (default: all): ${COMPLETION-CANDIDATES}",
            completionCandidates = FaultNames.class)
    List<String> only;

    @Option(names = "--quick", description = "the CI form: fewer clients per fault, shorter timeouts and windows (a few minutes for everything)")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "where README.md and faults.json go (default: results/faults/<time>)")
    Path out;

    @Option(names = "--server-jvm-args", paramLabel = "ARGS",
            description = "JVM options for the child servers (default: fixed pre-touched heap, serial GC, C1 only, so threads and RSS are steady: \"" + DEFAULT_JVM_ARGS + "\")")
    String serverJvmArgs = DEFAULT_JVM_ARGS;

    @Override
    public Integer call() throws Exception {
        PrintWriter outWriter = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FaultSuite.Settings settings = new FaultSuite.Settings(impl.kinds(), protocols(), faults(), quick, transports());
        List<String> jvmArgs = Arrays.stream(serverJvmArgs.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        Path dir = out != null ? out
                : Path.of("results", "faults", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + (quick ? "-quick" : ""));
        err.printf("bench faults: %s x %s over %s, %d fault(s)%s; results in %s%n",
                settings.kinds().stream().map(ServerKind::cliName).collect(Collectors.joining(",")),
                settings.protocols().stream().map(Protocol::cliName).collect(Collectors.joining(",")),
                settings.transports().stream().map(Transport::cliName).collect(Collectors.joining(",")), settings.faults().size(),
                quick ? ", quick" : "", dir);
        err.flush();

        FaultSuite.Result result = new FaultSuite(settings, (kind, config) -> ModelRunner.serveCommand(kind, config, jvmArgs), err).run();
        outWriter.println(FaultReport.table(result));
        String command = "./bench " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        FaultReport.write(dir, result, settings, command, jvmArgs);
        outWriter.println("results: " + dir.resolve(FaultReport.README));
        outWriter.flush();
        return result.exitCode();
    }

    private List<Protocol> protocols() {
        if (protocol.equalsIgnoreCase("all")) return List.of(Protocol.values());
        try {
            return Arrays.stream(protocol.split(",")).map(Protocol::fromCliName).toList();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage() + ", or all");
        }
    }

    private List<Transport> transports() {
        if (transport.equalsIgnoreCase("all")) return List.of(Transport.values());
        try {
            return Arrays.stream(transport.split(",")).map(Transport::fromCliName).toList();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage() + ", or all");
        }
    }

    private List<Fault> faults() {
        if (only == null || only.isEmpty()) return FaultSuite.ALL;
        Set<String> known = FaultSuite.ALL.stream().map(Fault::name).collect(Collectors.toSet());
        for (String name : only) {
            if (!known.contains(name)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown fault '" + name + "'; expected one of " + String.join(", ", new FaultNames()));
            }
        }
        return FaultSuite.ALL.stream().filter(f -> only.contains(f.name())).toList();
    }

    /** The fault names, for help and checking. */
    static final class FaultNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return FaultSuite.ALL.stream().map(Fault::name).iterator();
        }
    }
}
