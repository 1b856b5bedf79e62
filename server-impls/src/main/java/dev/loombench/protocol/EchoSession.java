package dev.loombench.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;

/** RFC 862 echo: every byte received is written back, in order, until the client closes. */
final class EchoSession implements ProtocolSession {

    private final ServerContext context;
    private final Connection connection;

    EchoSession(ServerContext context, Connection connection) {
        this.context = context;
        this.connection = connection;
    }

    @Override
    public boolean open() {
        return true;
    }

    /** Echo has no request boundaries: each read counts as one request for {@code --think}. */
    @Override
    public boolean onInput(ByteBuffer input) throws IOException {
        if (input.hasRemaining()) {
            context.simulateWork();
            connection.write(input);
        }
        return true;
    }

    @Override
    public void close() {}
}
