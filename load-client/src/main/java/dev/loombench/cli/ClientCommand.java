package dev.loombench.cli;

import dev.loombench.interactive.ClientShell;
import dev.loombench.interactive.ClientShell.Console;
import dev.loombench.interactive.ShellCommand;
import dev.loombench.serve.DurationConverter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.impl.completer.ArgumentCompleter;
import org.jline.reader.impl.completer.NullCompleter;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench client}: an interactive client for the {@code time} protocol. On a terminal it
 * reads lines with JLine, so MESSAGE indications are printed above the line being typed; otherwise
 * (piped input, tests) it reads stdin line by line and writes results to the command's out.
 */
@Command(name = "client", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Interactive client for the time protocol: connect, time, name, list, send, burst.",
                "Reads commands from a terminal, or line by line from piped input, printing each reply before "
                        + "reading the next command; messages from other clients are printed as they arrive."},
        footer = {"", "Example: printf 'time\\nlist\\nexit\\n' | bench client 127.0.0.1:7000", "",
                "Exit codes:",
                "  0  ended by exit or the end of input",
                "  1  a connection failed during the session: could not connect, server full,",
                "     no reply in time, or the server closed the connection",
                "  2  bad usage"})
public final class ClientCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "HOST:PORT", converter = AddressConverter.class,
            description = "server to connect to at start; a bare PORT means 127.0.0.1:PORT")
    InetSocketAddress address;

    @Option(names = "--timeout", paramLabel = "DUR", converter = DurationConverter.class, defaultValue = "10s",
            description = "how long to wait to connect, for WELCOME and for each reply (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--plain", description = "read plain lines even on a terminal (no line editing, no prompt)")
    boolean plain;

    @Override
    public Integer call() {
        if (!timeout.isPositive()) throw new IllegalArgumentException("--timeout must be positive");
        try (Console console = plain || !inputIsTerminal() ? plainConsole() : terminalConsole()) {
            return new ClientShell(console, timeout).run(address);
        }
    }

    private Console plainConsole() {
        return Console.plain(new InputStreamReader(System.in, StandardCharsets.UTF_8), spec.commandLine().getOut());
    }

    /** A JLine line reader: editing, history, completion of command words, output above the input line. */
    private Console terminalConsole() {
        Terminal terminal;
        try {
            terminal = TerminalBuilder.builder().system(true).build();
        } catch (IOException | RuntimeException e) {
            return plainConsole();
        }
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("bench client")
                .completer(new ArgumentCompleter(new StringsCompleter("connect", "disconnect", "time", "name",
                        "list", "send", "burst", "help", "exit"), NullCompleter.INSTANCE))
                .build();
        return new Console() {
            private volatile Supplier<String> prompt = () -> "";

            @Override
            public String readLine(Supplier<String> prompt) {
                this.prompt = prompt;
                try {
                    return reader.readLine(prompt.get());
                } catch (UserInterruptException e) {
                    return ""; // Ctrl-C drops the line being typed, as shells do
                } catch (EndOfFileException e) {
                    return null; // Ctrl-D
                }
            }

            @Override
            public void println(String line) {
                // the line may report a change of connection: redraw the input line with a fresh prompt
                if (reader instanceof LineReaderImpl impl && reader.isReading()) impl.setPrompt(prompt.get());
                reader.printAbove(line);
            }

            @Override
            public void close() {
                try {
                    terminal.close();
                } catch (IOException ignored) {
                    // the terminal is restored as far as it can be
                }
            }
        };
    }

    /** True when stdin and stdout are a terminal (JDK 22+ tells through Console.isTerminal). */
    private static boolean inputIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: System.console() is non-null only on a terminal
        }
    }

    /** Parses HOST:PORT (or a bare PORT) for picocli. */
    static final class AddressConverter implements CommandLine.ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String value) {
            try {
                return ShellCommand.parseAddress(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
