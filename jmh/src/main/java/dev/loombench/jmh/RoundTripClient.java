package dev.loombench.jmh;

/**
 * One long-lived connection that performs verified request/reply round trips.
 * Implementations: {@link EchoClient}, {@link TimeClient}, each a {@link CodecClient} driving the
 * protocol's client codec.
 *
 * <p>Contract: {@link #roundTrip} sends one request, blocks until its whole reply arrived, and
 * checks it; any deviation throws, so a returned value always stands for a correct reply. Not
 * thread-safe: one client per thread, as one JMH thread owns one connection.
 */
public interface RoundTripClient extends AutoCloseable {

    /**
     * One verified round trip.
     *
     * @return how many round trips this connection has made (for JMH to consume)
     * @throws WrongReplyException if the reply is not the expected one
     * @throws java.io.IOException on EOF, reset or read timeout
     */
    long roundTrip() throws java.io.IOException;

    /** Closes the connection. Idempotent. */
    @Override
    void close();
}
