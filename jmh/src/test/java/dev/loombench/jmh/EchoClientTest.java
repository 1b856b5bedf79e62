package dev.loombench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class EchoClientTest {

    private static final int SIZE = 64;

    @Test
    void countsRoundTripsAgainstAnHonestEchoServer() throws IOException {
        try (FakeServer server = new FakeServer(c -> c.getInputStream().transferTo(c.getOutputStream()));
             EchoClient client = new EchoClient(ClientSockets.open(server.address()), SIZE)) {
            for (long expected = 1; expected <= 100; expected++) assertEquals(expected, client.roundTrip());
        }
    }

    @Test
    void throwsWhenAReplyByteIsCorrupted() throws IOException {
        try (FakeServer server = new FakeServer(c -> {
                 byte[] request = c.getInputStream().readNBytes(SIZE);
                 request[SIZE - 1] ^= 1;
                 c.getOutputStream().write(request);
                 c.getInputStream().read();
             });
             EchoClient client = new EchoClient(ClientSockets.open(server.address()), SIZE)) {
            WrongReplyException e = assertThrows(WrongReplyException.class, client::roundTrip);
            assertTrue(e.getMessage().contains("at byte 63"), e.getMessage());
        }
    }

    @Test
    void throwsWhenTheServerReplaysAnEarlierReply() throws IOException {
        try (FakeServer server = new FakeServer(c -> {
                 InputStream in = c.getInputStream();
                 byte[] first = in.readNBytes(SIZE);
                 do {
                     c.getOutputStream().write(first);
                 } while (in.readNBytes(SIZE).length == SIZE);
             });
             EchoClient client = new EchoClient(ClientSockets.open(server.address()), SIZE)) {
            assertEquals(1, client.roundTrip()); // request 1 is answered correctly
            assertThrows(WrongReplyException.class, client::roundTrip);
        }
    }

    @Test
    void throwsWhenTheServerHangsUpMidReply() throws IOException {
        try (FakeServer server = new FakeServer(c -> c.getOutputStream().write(c.getInputStream().readNBytes(SIZE / 2)));
             EchoClient client = new EchoClient(ClientSockets.open(server.address()), SIZE)) {
            assertThrows(EOFException.class, client::roundTrip);
        }
    }
}
