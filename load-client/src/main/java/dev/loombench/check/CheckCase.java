package dev.loombench.check;

import dev.loombench.protocol.Protocol;
import dev.loombench.server.ServerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One case of {@code bench check}: a server model under a protocol with a number of clients.
 *
 * @param model    the server model
 * @param protocol what the clients speak
 * @param clients  concurrent client connections; 1 for {@code single}, which serves one at a time
 */
public record CheckCase(ServerKind model, Protocol protocol, int clients) {

    /** The case {@code key} ({@code echo/nio}) with {@code clients} clients ({@code single} always gets 1). */
    public static CheckCase parse(String key, int clients) {
        String[] parts = key.trim().toLowerCase(Locale.ROOT).split("/");
        if (parts.length != 2) throw new IllegalArgumentException("'" + key + "' is not a case; write PROTOCOL/MODEL, e.g. echo/nio");
        Protocol protocol = null;
        for (Protocol p : Protocol.values()) if (p.cliName().equals(parts[0])) protocol = p;
        if (protocol == null || protocol == Protocol.RFC868) {
            throw new IllegalArgumentException("case '" + key + "': protocol must be echo or time");
        }
        ServerKind model = null;
        for (ServerKind k : ServerKind.values()) if (k.cliName().equals(parts[1])) model = k;
        if (model == null) throw new IllegalArgumentException("case '" + key + "': unknown model '" + parts[1] + "'");
        return new CheckCase(model, protocol, model == ServerKind.SINGLE ? 1 : clients);
    }

    /**
     * The cases named by {@code keys}; {@code all} stands for every model under echo and time.
     *
     * @throws IllegalArgumentException for a key that names no case
     */
    public static List<CheckCase> parseAll(List<String> keys, int clients) {
        List<CheckCase> cases = new ArrayList<>();
        for (String key : keys) {
            if (key.trim().equalsIgnoreCase("all")) {
                for (Protocol p : List.of(Protocol.ECHO, Protocol.TIME)) {
                    for (ServerKind k : ServerKind.values()) cases.add(parse(p.cliName() + "/" + k.cliName(), clients));
                }
            } else {
                cases.add(parse(key, clients));
            }
        }
        return cases.stream().distinct().toList();
    }

    /** A stable key, e.g. {@code echo/nio}. */
    public String key() {
        return protocol.cliName() + "/" + model.cliName();
    }
}
