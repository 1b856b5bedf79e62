package dev.loombench.protocol;

import java.nio.ByteBuffer;

/**
 * The server side of one protocol over UDP (PROTOCOL.md §4): one datagram in, at most one datagram
 * back to its sender. There is no session: every datagram stands alone, so one responder serves
 * every peer of a server. Pure protocol: no sockets, no threads; it runs the simulated work
 * ({@code --think}) of one request on the calling thread, where the TCP sessions run it.
 *
 * <p>Threading: thread-safe (stateless apart from the shared {@link ServerContext}); the models
 * call it from whichever thread serves the datagram.
 *
 * @see Protocol#datagramResponder
 */
public interface DatagramResponder {

    /**
     * Turns the request between {@code datagram}'s position and limit into the reply, in place:
     * on return the reply is between position and limit (echo: the same bytes; rfc868: four new
     * ones). The buffer must have room for a 4-byte reply.
     *
     * @return true if a reply is to be sent, false to send nothing
     */
    boolean respond(ByteBuffer datagram);

    /** RFC 862 over UDP: the datagram goes back unchanged, whatever it holds (empty ones too). */
    static DatagramResponder echo(ServerContext context) {
        return datagram -> {
            context.simulateWork();
            return true;
        };
    }

    /** RFC 868 over UDP: any datagram, empty or not, is answered with the time as 4 bytes. */
    static DatagramResponder rfc868(ServerContext context) {
        return datagram -> {
            context.simulateWork();
            datagram.clear().putInt((int) Rfc868Session.secondsSince1900(context.clock().instant())).flip();
            return true;
        };
    }
}
