package dev.loombench.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;

/** RFC 868 time: on accept, send seconds since 1900-01-01T00:00:00Z as a u32, then close. */
final class Rfc868Session implements ProtocolSession {

    /** Seconds from 1900-01-01T00:00:00Z to the Unix epoch. */
    public static final long SECONDS_1900_TO_1970 = 2_208_988_800L;

    private final ServerContext context;
    private final Connection connection;

    Rfc868Session(ServerContext context, Connection connection) {
        this.context = context;
        this.connection = connection;
    }

    /** The RFC 868 value for {@code instant}: seconds since 1900 modulo 2^32. */
    public static long secondsSince1900(Instant instant) {
        return (instant.getEpochSecond() + SECONDS_1900_TO_1970) & 0xFFFF_FFFFL;
    }

    @Override
    public boolean open() throws IOException {
        context.simulateWork();
        connection.write(ByteBuffer.allocate(4).putInt((int) secondsSince1900(context.clock().instant())).flip());
        return false;
    }

    /** The client has nothing to say in RFC 868; anything it sends is ignored. */
    @Override
    public boolean onInput(ByteBuffer input) {
        input.position(input.limit());
        return false;
    }

    @Override
    public void close() {}
}
