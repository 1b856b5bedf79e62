package dev.loombench.client;

/**
 * What a UDP client counts per interval besides verified replies and failures ({@link ErrorClass#LOST},
 * {@link ErrorClass#CORRUPTED}): none of these makes a request fail, so they are not error classes.
 */
enum DatagramEvent {
    /** A request datagram left the client. */
    SENT,
    /** A reply to a datagram already declared lost (or too old to remember): it stays lost. */
    LATE,
    /** A second (or later) reply to one datagram: not counted again. */
    DUPLICATED,
    /** A verified reply that came after the reply to a later datagram of the same client (counted as received too). */
    REORDERED
}
