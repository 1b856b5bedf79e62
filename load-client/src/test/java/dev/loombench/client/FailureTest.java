package dev.loombench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class FailureTest {

    @Test
    void connectFailuresAreTimeoutOrRefused() {
        assertEquals(ErrorClass.CONNECT_TIMEOUT, Failure.connect(new SocketTimeoutException("Connect timed out")).kind());
        assertEquals(ErrorClass.CONNECT_REFUSED, Failure.connect(new ConnectException("Connection refused")).kind());
        assertEquals(ErrorClass.CONNECT_REFUSED, Failure.connect(new NoRouteToHostException()).kind());
    }

    @Test
    void readTimeoutIsReadTimeoutEvenOnAFreshConnection() {
        assertEquals(ErrorClass.READ_TIMEOUT, Failure.io(new SocketTimeoutException(), true, true).kind());
        assertEquals(ErrorClass.READ_TIMEOUT, Failure.timeout(5_000_000_000L).kind());
    }

    @Test
    void resetIsRejectedOnlyOnAFreshConnectionOfASilentProtocol() {
        IOException reset = new SocketException("Connection reset");
        assertEquals(ErrorClass.RESET, Failure.io(reset, false, true).kind(), "echo after a reply");
        assertEquals(ErrorClass.REJECTED, Failure.io(reset, true, true).kind(), "echo before any reply byte");
        assertEquals(ErrorClass.RESET, Failure.io(reset, true, false).kind(), "time says ERROR 4 when full");
    }

    @Test
    void endOfStreamIsRejectedOnlyOnAFreshConnectionOfASilentProtocol() {
        assertEquals(ErrorClass.EOF, Failure.endOfStream(false, true).kind());
        assertEquals(ErrorClass.REJECTED, Failure.endOfStream(true, true).kind());
        assertEquals(ErrorClass.EOF, Failure.endOfStream(true, false).kind());
    }

    @Test
    void labelsAreKebabCase() {
        assertEquals("connect-refused", ErrorClass.CONNECT_REFUSED.label());
        assertEquals("read-timeout", ErrorClass.READ_TIMEOUT.label());
    }
}
