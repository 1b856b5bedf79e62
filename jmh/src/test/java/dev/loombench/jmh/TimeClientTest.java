package dev.loombench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.protocol.TimeFrames;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TimeClientTest {

    /** A {@code time} server that greets with WELCOME 7 and answers every 5-byte request with {@code reply}. */
    private static FakeServer serverAnswering(Supplier<ByteBuffer> reply) throws IOException {
        return new FakeServer(c -> {
            OutputStream out = c.getOutputStream();
            write(out, TimeFrames.welcome(7));
            while (c.getInputStream().readNBytes(5).length == 5) write(out, reply.get());
        });
    }

    private static void write(OutputStream out, ByteBuffer frame) throws IOException {
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        out.write(bytes);
    }

    @Test
    void readsTheWelcomeThenDecodesTimeReplies() throws IOException {
        try (FakeServer server = serverAnswering(() -> TimeFrames.timeOk(Instant.now()));
             TimeClient client = new TimeClient(ClientSockets.open(server.address()))) {
            assertEquals(7, client.clientId());
            for (int i = 0; i < 100; i++) client.roundTrip();
        }
    }

    @Test
    void throwsOnAnErrorReply() throws IOException {
        try (FakeServer server = serverAnswering(() -> TimeFrames.error(TimeFrames.ERR_UNKNOWN_TYPE, "unknown request type"));
             TimeClient client = new TimeClient(ClientSockets.open(server.address()))) {
            WrongReplyException e = assertThrows(WrongReplyException.class, client::roundTrip);
            assertTrue(e.getMessage().contains("ERROR 1 (unknown request type)"), e.getMessage());
        }
    }

    @Test
    void throwsOnTheWrongReplyType() throws IOException {
        try (FakeServer server = serverAnswering(() -> TimeFrames.nameOk("host"));
             TimeClient client = new TimeClient(ClientSockets.open(server.address()))) {
            assertThrows(WrongReplyException.class, client::roundTrip);
        }
    }

    @Test
    void throwsOnAnImplausibleTime() throws IOException {
        try (FakeServer server = serverAnswering(() -> TimeFrames.timeOk(Instant.EPOCH));
             TimeClient client = new TimeClient(ClientSockets.open(server.address()))) {
            assertThrows(WrongReplyException.class, client::roundTrip);
        }
    }

    @Test
    void refusesToStartWhenTheServerIsFull() throws IOException {
        try (FakeServer server = new FakeServer(c -> write(c.getOutputStream(), TimeFrames.error(TimeFrames.ERR_SERVER_FULL, "server full")))) {
            Socket socket = ClientSockets.open(server.address());
            try (socket) {
                WrongReplyException e = assertThrows(WrongReplyException.class, () -> new TimeClient(socket));
                assertTrue(e.getMessage().contains("ERROR 4"), e.getMessage());
            }
        }
    }
}
