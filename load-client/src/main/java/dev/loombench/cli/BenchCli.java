package dev.loombench.cli;

import dev.loombench.serve.ServeCommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bench} command line. {@link #start} runs it in-process and returns the exit code
 * (0 ok, 1 a check or run failed, 2 bad usage or could not run); only {@link #main} exits.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = BenchCli.Version.class,
        description = "loombench: how should a Java server map connections onto threads? Measure it.%n"
                + "'bench --impl pool --clients 500' is short for 'bench run --impl pool --clients 500'.",
        subcommands = {
                RunCommand.class,
                CompareCommand.class,
                SweepCommand.class,
                DemoCommand.class,
                ServeCommand.class,
                ClientCommand.class,
                CheckCommand.class,
                PlotJmhCommand.class,
                FaultsCommand.class,
        },
        footer = {"", "Launcher commands (./bench only):",
                "  test      Run every test (mvn verify) with the JDK the launcher found.",
                "  build     Build the jars (mvn package, tests skipped).",
                "  jmh       Run the JMH suites: ./bench jmh [JMH options], e.g. ./bench jmh -l;",
                "            ./bench jmh --smoke runs every benchmark and parameter once (CI)", ""})
public final class BenchCli {

    private static final Set<String> TOP_LEVEL_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    public static void main(String[] args) {
        int code = start(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.exit(code);
    }

    /** Runs the CLI without exiting the JVM; returns the exit code. */
    public static int start(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new BenchCli())
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
                    // Bad option values found after parsing, or a resource we could not get (port in use,
                    // unreadable file): a clear one-line message, not a stack trace.
                    if (ex instanceof IllegalArgumentException || ex instanceof java.io.IOException) {
                        commandLine.getErr().println("bench " + commandLine.getCommandName() + ": " + describe(ex));
                        return 2;
                    }
                    throw ex;
                });
        cli.setExitCodeExceptionMapper(ex -> 2);
        if (args.length == 0) {
            cli.usage(out);
            return 0;
        }
        return cli.execute(withDefaultCommand(args));
    }

    private static String describe(Exception ex) {
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        return ex instanceof java.net.BindException ? "cannot listen: " + message : message;
    }

    /** {@code bench --impl x ...} means {@code bench run --impl x ...}. */
    static String[] withDefaultCommand(String[] args) {
        if (!args[0].startsWith("-") || TOP_LEVEL_OPTIONS.contains(args[0])) return args;
        List<String> withRun = new ArrayList<>(List.of("run"));
        withRun.addAll(List.of(args));
        return withRun.toArray(String[]::new);
    }

    /** Version line: project version and the JDK running it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = BenchCli.class.getPackage().getImplementationVersion();
            return new String[] {"loombench " + (version == null ? "dev" : version) + " on Java " + Runtime.version()};
        }
    }
}
