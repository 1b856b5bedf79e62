package dev.loombench.server;

import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.ProtocolSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sessions that fail in ways no client can cause, for the server-fault tests: each wraps the real
 * session of a protocol and misbehaves only when told, so every other connection is served normally.
 */
final class FaultySessions {

    /** Input starting with these bytes makes a {@link #throwingOnPoison} session throw. */
    static final byte[] POISON = "POISON".getBytes(StandardCharsets.US_ASCII);

    private FaultySessions() {}

    /**
     * Sessions of {@code protocol} that throw an {@link OutOfMemoryError} (as a per-connection
     * buffer that cannot be allocated would) on input starting with {@link #POISON}.
     */
    static SessionFactory throwingOnPoison(Protocol protocol) {
        return (context, connection) -> wrap(protocol.newSession(context, connection), input -> {
            if (startsWith(input, POISON)) throw new OutOfMemoryError("injected by the test: no memory for this connection");
        });
    }

    /** Sessions of {@code protocol}, except that making the first {@code failures} ones throws an {@link OutOfMemoryError}. */
    static SessionFactory failingToStart(Protocol protocol, int failures) {
        AtomicInteger left = new AtomicInteger(failures);
        return (context, connection) -> {
            if (left.getAndDecrement() > 0) throw new OutOfMemoryError("injected by the test: no memory for a session");
            return protocol.newSession(context, connection);
        };
    }

    /**
     * Sessions of {@code protocol} that, on input starting with {@link #POISON}, count down
     * {@code entered} and then wait for a permit of {@code release}, ignoring interrupts: a
     * serving thread that will not stop when its server closes.
     */
    static SessionFactory ignoringInterruptsOnPoison(Protocol protocol, CountDownLatch entered, Semaphore release) {
        return (context, connection) -> wrap(protocol.newSession(context, connection), input -> {
            if (startsWith(input, POISON)) {
                entered.countDown();
                release.acquireUninterruptibly();
                release.release(); // every stuck thread may go once the test releases one permit
            }
        });
    }

    @FunctionalInterface
    private interface BeforeInput {
        void check(ByteBuffer input);
    }

    private static ProtocolSession wrap(ProtocolSession session, BeforeInput before) {
        return new ProtocolSession() {
            @Override
            public boolean open() throws IOException {
                return session.open();
            }

            @Override
            public boolean onInput(ByteBuffer input) throws IOException {
                before.check(input);
                return session.onInput(input);
            }

            @Override
            public void close() {
                session.close();
            }
        };
    }

    private static boolean startsWith(ByteBuffer input, byte[] prefix) {
        if (input.remaining() < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if (input.get(input.position() + i) != prefix[i]) return false;
        }
        return true;
    }
}
