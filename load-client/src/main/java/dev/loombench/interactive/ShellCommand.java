package dev.loombench.interactive;

import dev.loombench.net.HostPort;
import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * One line typed at the {@code bench client} prompt, parsed. Parsing never throws: a line that is
 * not a command becomes {@link Invalid}, carrying the message to show (a usage line or the
 * unknown command). Command words are case-insensitive.
 */
public sealed interface ShellCommand {

    int MAX_BURST = 1_000_000;

    record Connect(InetSocketAddress address) implements ShellCommand {}

    record Disconnect() implements ShellCommand {}

    record Time() implements ShellCommand {}

    record Name() implements ShellCommand {}

    record ListClients() implements ShellCommand {}

    /** {@code targetId} is the protocol's u32, held in an int (see {@link Integer#toUnsignedString}). */
    record Send(int targetId, String text) implements ShellCommand {}

    record Burst(int count) implements ShellCommand {}

    record Help() implements ShellCommand {}

    record Exit() implements ShellCommand {}

    /** A blank line: nothing to do. */
    record Empty() implements ShellCommand {}

    record Invalid(String message) implements ShellCommand {}

    static ShellCommand parse(String line) {
        String[] parts = line.strip().split("\\s+", 2);
        String rest = parts.length > 1 ? parts[1] : "";
        return switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "" -> new Empty();
            case "connect" -> connect(rest);
            case "disconnect" -> noArguments(rest, "disconnect", new Disconnect());
            case "time" -> noArguments(rest, "time", new Time());
            case "name" -> noArguments(rest, "name", new Name());
            case "list" -> noArguments(rest, "list", new ListClients());
            case "send" -> send(rest);
            case "burst" -> burst(rest);
            case "help", "?" -> new Help();
            case "exit", "quit" -> new Exit();
            default -> new Invalid("error: unknown command '" + parts[0] + "'; type help for the commands");
        };
    }

    private static ShellCommand connect(String rest) {
        if (rest.isEmpty() || rest.contains(" ")) return new Invalid("usage: connect HOST:PORT, e.g. connect 127.0.0.1:7000");
        try {
            return new Connect(HostPort.parse(rest));
        } catch (IllegalArgumentException e) {
            return new Invalid("usage: connect HOST:PORT: " + e.getMessage());
        }
    }

    private static ShellCommand send(String rest) {
        String[] parts = rest.split("\\s+", 2);
        try {
            if (parts.length == 2) return new Send(Integer.parseUnsignedInt(parts[0]), parts[1]);
        } catch (NumberFormatException ignored) {
            // not a client id: usage below
        }
        return new Invalid("usage: send ID MESSAGE, where ID is a client id as list shows it, e.g. send 2 hello");
    }

    private static ShellCommand burst(String rest) {
        try {
            int count = Integer.parseInt(rest);
            if (count >= 1 && count <= MAX_BURST) return new Burst(count);
        } catch (NumberFormatException ignored) {
            // usage below
        }
        return new Invalid("usage: burst N, where N is 1 to " + MAX_BURST + ", e.g. burst 100");
    }

    private static ShellCommand noArguments(String rest, String word, ShellCommand command) {
        return rest.isEmpty() ? command : new Invalid("usage: " + word + " (no arguments)");
    }
}
