package dev.loombench.serve;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The servers' own command line: {@code java -jar server-impls/target/loombench-server.jar serve
 * --impl nio ...}. It holds only {@link ServeCommand}, so a server runs with nothing of the load
 * client on its class path; {@code bench serve} runs the same command inside the {@code bench} CLI.
 *
 * <p>{@link #start} runs it in-process and returns the exit code (0 stopped, 1 the server died,
 * 2 bad usage or the port could not be bound); only {@link #main} exits.
 */
@Command(name = "loombench-server", mixinStandardHelpOptions = true, versionProvider = ServerCli.Version.class,
        description = "loombench's server models on their own, without the load client.",
        subcommands = ServeCommand.class)
public final class ServerCli implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(start(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line without exiting the JVM; returns the exit code. */
    public static int start(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new ServerCli()).setOut(out).setErr(err).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    /** No command given: the usage, which lists {@code serve}. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Version line: project version and the JDK running it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ServerCli.class.getPackage().getImplementationVersion();
            return new String[] {"loombench-server " + (version == null ? "dev" : version) + " on Java " + Runtime.version()};
        }
    }
}
