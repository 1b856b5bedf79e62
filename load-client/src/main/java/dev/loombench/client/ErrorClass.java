package dev.loombench.client;

import java.util.Locale;

/**
 * Why a request or connection failed. Every failure is counted in exactly one class and never
 * as a success. The first eight are TCP's; {@link #LOST} and {@link #CORRUPTED} are UDP's, whose
 * requests fail without a connection to fail with them.
 */
public enum ErrorClass {
    /** The server actively refused the TCP connection (nothing listening, or backlog full with RST). */
    CONNECT_REFUSED,
    /** The TCP connection was not established within the timeout. */
    CONNECT_TIMEOUT,
    /** A reply did not arrive within {@code --timeout}. */
    READ_TIMEOUT,
    /** The connection was reset (RST, broken pipe). */
    RESET,
    /** The server closed the connection before a reply was complete. */
    EOF,
    /** A reply arrived but its bytes were not what was sent or expected (echo comparison). */
    MISMATCH,
    /** A reply that violates the protocol (bad frame, wrong type, malformed body, unexpected ERROR). */
    PROTOCOL,
    /** The server said it is full: ERROR 4, or (echo, rfc868) a fresh connection closed before its first byte. */
    REJECTED,
    /** UDP: a datagram whose reply did not come back within {@code --timeout}. */
    LOST,
    /** UDP: a reply datagram that is not the one sent (altered, cut, another client's) or not a valid reply. */
    CORRUPTED;

    /** The name used in JSON, CSV and tables: {@code connect-refused}, {@code read-timeout}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
