package dev.loombench.check;

import dev.loombench.protocol.Protocol;
import dev.loombench.server.ServerKind;

/**
 * One measurement of the regression suite: a model (or the reference server) under a protocol
 * with a number of closed-loop clients.
 *
 * @param model    the server model, or null for the reference echo server that normalises the run
 * @param protocol what the clients speak
 * @param clients  concurrent closed-loop connections; 1 for {@code single}, which serves one at a time
 */
public record CheckCase(ServerKind model, Protocol protocol, int clients) {

    /** The reference: a minimal echo server outside the code under test, measured in the same run. */
    public static CheckCase reference(int clients) {
        return new CheckCase(null, Protocol.ECHO, clients);
    }

    public boolean isReference() {
        return model == null;
    }

    /** A stable key for the baseline file, e.g. {@code echo/pool}. */
    public String key() {
        return isReference() ? "reference" : protocol.cliName() + "/" + model.cliName();
    }
}
