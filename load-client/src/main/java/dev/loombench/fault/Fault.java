package dev.loombench.fault;

import dev.loombench.client.ErrorClass;
import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.Transport;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.util.Set;

/**
 * One kind of misbehaviour a server must survive. {@link FaultSuite} runs each fault against a
 * child server while well-behaved clients keep a steady load, then checks what is common to
 * every fault: a fresh client is served correctly, the steady clients lost nothing, and the
 * server's threads, descriptors and memory are back near their level before the fault.
 *
 * <p>Contract for implementations: {@link #inject} injects the fault, checks what is specific to
 * it (the replies the bad clients get, how soon their connections end) into the outcome, and
 * returns only when every connection it opened is closed on its side; every wait in it is
 * bounded. It never throws for something the server did: that is a problem in the outcome.
 */
public interface Fault {

    /** Short CLI and table name, e.g. {@code slowloris}. */
    String name();

    /** One line: what the fault does. */
    String description();

    /** The protocols the fault means something for. */
    Set<Protocol> protocols();

    /** The transports the fault means something for: TCP for the connection faults, UDP for the datagram ones. */
    default Set<Transport> transports() {
        return Set.of(Transport.TCP);
    }

    /** Why the fault cannot apply to {@code kind} (with {@code protocol}), or null when it does. */
    default String notApplicable(ServerKind kind, Protocol protocol) {
        return null;
    }

    /** What "pass" means on {@code kind}: the model's semantics spelled out (shown in the report). */
    String criterion(ServerKind kind);

    /** True if the fault needs a server of its own ({@link #fileLimit}, {@link #serverConfig}). */
    default boolean ownServer() {
        return false;
    }

    /** The server settings this fault runs with, given the suite's. */
    default ServerConfig serverConfig(ServerConfig suite) {
        return suite;
    }

    /** {@code ulimit -n} for the fault's own server; 0 = inherited. */
    default int fileLimit() {
        return 0;
    }

    /** Errors of the steady clients this fault makes unavoidable with {@code protocol}; any other error fails it. */
    default Set<ErrorClass> unavoidableSteadyErrors(Protocol protocol) {
        return Set.of();
    }

    void inject(FaultTarget target, FaultOutcome outcome) throws Exception;
}
