package dev.loombench.fault;

import dev.loombench.protocol.Protocol;
import java.io.IOException;
import java.time.Duration;

/**
 * The well-behaved newcomer the suite sends after every fault: one full, verified exchange of
 * the protocol, verified by its client codec. {@code echo}: 4 KiB echoed exactly. {@code time}: WELCOME, TIME, LIST, BYE
 * (LIST's count is returned, so the suite can check no client of the fault is still
 * registered). {@code rfc868}: a correct time, then the close.
 */
final class FreshClient {

    private FreshClient() {}

    /**
     * Makes the exchange on a connected client.
     *
     * @return LIST's client count for {@code time}, else -1
     * @throws IOException saying what was wrong, or that it timed out
     */
    static int exchange(Protocol protocol, FaultClient client, Duration timeout) throws IOException {
        switch (protocol) {
            case ECHO -> {
                Exchanges.echo(client, 4096, timeout);
                return -1;
            }
            case TIME -> {
                client.time().welcome(timeout);
                Exchanges.time(client, timeout);
                int listed = Exchanges.list(client, timeout);
                Exchanges.bye(client, timeout);
                return listed;
            }
            case RFC868 -> {
                Exchanges.rfc868(client, timeout); // ends with the server's close
                return -1;
            }
        }
        throw new AssertionError(protocol);
    }

    /** What the exchange is, for messages. */
    static String describe(Protocol protocol) {
        return switch (protocol) {
            case ECHO -> "4 KiB echoed";
            case TIME -> "WELCOME, TIME, LIST, BYE";
            case RFC868 -> "the time, then close";
        };
    }
}
