package dev.loombench.interactive;

import dev.loombench.interactive.ShellCommand.Burst;
import dev.loombench.interactive.ShellCommand.Connect;
import dev.loombench.interactive.ShellCommand.Disconnect;
import dev.loombench.interactive.ShellCommand.Empty;
import dev.loombench.interactive.ShellCommand.Exit;
import dev.loombench.interactive.ShellCommand.Help;
import dev.loombench.interactive.ShellCommand.Invalid;
import dev.loombench.interactive.ShellCommand.ListClients;
import dev.loombench.interactive.ShellCommand.Name;
import dev.loombench.interactive.ShellCommand.Send;
import dev.loombench.interactive.ShellCommand.Time;
import dev.loombench.net.HostPort;
import dev.loombench.protocol.ClientRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The command loop of {@code bench client}: reads a line, runs it against the current
 * {@link TimeClient}, waits for its reply and prints one result line, then reads the next; so with
 * piped input the output order is fixed. MESSAGE indications are printed by the connection's
 * reader thread as they arrive, through {@link Console#println}, which keeps them off the line
 * being typed.
 *
 * <p>Exit codes of {@link #run}: {@value #EXIT_OK} after {@code exit} or the end of input;
 * {@value #EXIT_CONNECTION_FAILED} if any connection failed during the session (could not connect,
 * server full, no reply in time, or the server closed or broke the connection unasked). Error replies (unknown client
 * id) and mistyped commands are part of the conversation and do not change the exit code.
 */
public final class ClientShell implements TimeClient.Listener {

    public static final int EXIT_OK = 0;
    public static final int EXIT_CONNECTION_FAILED = 1;

    /** Where the shell reads lines and prints results. */
    public interface Console extends AutoCloseable {
        /**
         * The next line, or null at the end of input. Where there is a terminal it shows the prompt,
         * and asks for it again whenever it prints, as the connection may have changed meanwhile.
         */
        String readLine(Supplier<String> prompt) throws IOException;

        /** Prints one line; safe to call from any thread; on a terminal it goes above the line being typed. */
        void println(String line);

        @Override
        default void close() {}

        /** Lines from {@code in}, results to {@code out}, no prompt: for piped input and tests. */
        static Console plain(Reader in, PrintWriter out) {
            BufferedReader lines = new BufferedReader(in);
            return new Console() {
                @Override
                public String readLine(Supplier<String> prompt) throws IOException {
                    return lines.readLine();
                }

                @Override
                public void println(String line) {
                    synchronized (out) {
                        out.println(line);
                        out.flush();
                    }
                }
            };
        }
    }

    static final String HELP = """
            commands:
              connect HOST:PORT  connect to a time-protocol server (a bare PORT means 127.0.0.1:PORT)
              disconnect         say BYE and close the connection
              time               the server's time
              name               the server's host name
              list               the connected clients
              send ID MESSAGE    send MESSAGE to client ID (see list)
              burst N            send N TIME requests at once and count the replies
              help               this list
              exit               disconnect and leave (also: quit, end of input)
            messages from other clients are printed as they arrive.""";

    private final Console console;
    private final Duration timeout;
    private TimeClient client; // guarded by this: the reader thread drops it when the server closes
    private boolean connectionFailed; // guarded by this

    /** @param timeout how long to wait for a connection, WELCOME or any one reply */
    public ClientShell(Console console, Duration timeout) {
        this.console = console;
        this.timeout = timeout;
    }

    /** Connects to {@code address} first unless it is null, then runs commands until exit; returns the exit code. */
    public int run(InetSocketAddress address) {
        try {
            if (address != null) connect(address);
            String line;
            while ((line = console.readLine(this::prompt)) != null) {
                if (!execute(ShellCommand.parse(line))) break;
            }
        } catch (IOException e) {
            console.println("error: cannot read input: " + e.getMessage());
        } finally {
            TimeClient last = take(current());
            if (last != null) last.close();
        }
        synchronized (this) {
            return connectionFailed ? EXIT_CONNECTION_FAILED : EXIT_OK;
        }
    }

    /** Runs one command; false when the session should end. */
    private boolean execute(ShellCommand command) {
        TimeClient c = current();
        switch (command) {
            case Empty e -> { }
            case Exit e -> {
                return false;
            }
            case Help h -> console.println(HELP);
            case Invalid invalid -> console.println(invalid.message());
            case Connect connect when c != null -> console.println("error: already connected to "
                    + HostPort.format(c.remoteAddress()) + " as client " + id(c.clientId()) + "; disconnect first");
            case Connect connect -> connect(connect.address());
            default -> {
                if (c == null) {
                    console.println("error: not connected; only connect, help and exit work now (connect HOST:PORT)");
                } else {
                    request(c, command);
                }
            }
        }
        return true;
    }

    private void connect(InetSocketAddress address) {
        try {
            TimeClient c = TimeClient.connect(address, timeout, this);
            synchronized (this) {
                client = c;
            }
            console.println("connected to " + HostPort.format(c.remoteAddress()) + " as client " + id(c.clientId()));
        } catch (IOException e) {
            synchronized (this) {
                connectionFailed = true;
            }
            console.println("error: cannot connect to " + HostPort.format(address) + ": " + e.getMessage());
        }
    }

    private void request(TimeClient c, ShellCommand command) {
        try {
            switch (command) {
                case Disconnect d -> {
                    take(c);
                    c.close();
                    console.println("disconnected from " + HostPort.format(c.remoteAddress()));
                }
                case Time t -> console.println("time: " + c.time());
                case Name n -> console.println("name: " + printable(c.name()));
                case ListClients l -> console.println(clients(c.list(), c.clientId()));
                case Send send -> {
                    c.send(send.targetId(), send.text());
                    console.println("sent to " + id(send.targetId()));
                }
                case Burst burst -> {
                    TimeClient.BurstResult result = c.burst(burst.count());
                    console.println(String.format(Locale.ROOT, "burst %d: %d replies in %.1f ms", result.requested(),
                            result.received(), result.elapsed().toNanos() / 1e6));
                    if (result.problem() != null) throw result.problem();
                }
                default -> throw new IllegalStateException("not a request: " + command);
            }
        } catch (TimeClient.Closed e) {
            lost(c, e.getMessage());
        } catch (IOException e) {
            console.println("error: " + e.getMessage());
        }
    }

    @Override
    public void onMessage(int fromId, String text) {
        console.println("message from " + id(fromId) + ": " + printable(text));
    }

    @Override
    public void onClosed(TimeClient source, String reason) {
        lost(source, reason);
    }

    /**
     * Reports the end of {@code c} once, whichever thread notices it first. The report is printed
     * under the same lock {@link #current} takes, so the next command never runs (and prints "not
     * connected") before the reader thread has said why the connection ended.
     */
    private void lost(TimeClient c, String reason) {
        synchronized (this) {
            if (take(c) == null) return;
            connectionFailed = true;
            console.println("error: " + reason);
        }
        c.close();
    }

    /** Makes {@code c} no longer the current client; returns it, or null if it was not current. */
    private synchronized TimeClient take(TimeClient c) {
        if (c == null || client != c) return null;
        client = null;
        return c;
    }

    private synchronized TimeClient current() {
        return client;
    }

    private String prompt() {
        TimeClient c = current();
        return c == null ? "(not connected)> " : "client " + id(c.clientId()) + "> ";
    }

    private static String clients(List<ClientRegistry.Entry> entries, int self) {
        return "clients (" + entries.size() + "): " + entries.stream()
                .map(e -> id(e.id()) + " " + HostPort.format(e.address()) + (e.id() == self ? " (you)" : ""))
                .collect(Collectors.joining(", "));
    }

    private static String id(int id) {
        return Integer.toUnsignedString(id);
    }

    /** Text from the network with control characters escaped, so another client cannot steer the terminal. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) out.append(String.format("\\u%04x", cp));
            else out.appendCodePoint(cp);
        });
        return out.toString();
    }
}
