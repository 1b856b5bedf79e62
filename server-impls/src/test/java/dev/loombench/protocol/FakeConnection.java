package dev.loombench.protocol;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Connection} without a socket: it records the bytes the peer would read (writes and
 * accepted deliveries, in order) and every delivered frame, and can be told to refuse deliveries
 * as a closing connection does.
 */
final class FakeConnection implements Connection {

    private final InetSocketAddress remoteAddress;
    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final List<byte[]> deliveries = new ArrayList<>();
    private boolean refuseDeliveries;
    private Runnable beforeWrite = () -> {};

    FakeConnection(InetSocketAddress remoteAddress) {
        this.remoteAddress = remoteAddress;
    }

    FakeConnection() {
        this(new InetSocketAddress(Fixtures.LOOPBACK_V4, 40_000));
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public synchronized void write(ByteBuffer bytes) {
        beforeWrite.run();
        wire.writeBytes(Fixtures.take(bytes));
    }

    @Override
    public synchronized boolean deliver(ByteBuffer frame) {
        if (refuseDeliveries) return false;
        byte[] bytes = Fixtures.take(frame);
        deliveries.add(bytes);
        wire.writeBytes(bytes);
        return true;
    }

    /** Everything the peer would have read so far: writes and accepted deliveries, in order. */
    synchronized byte[] wire() {
        return wire.toByteArray();
    }

    /** Forgets what was recorded so far, so a test can look at the next replies alone. */
    synchronized void clear() {
        wire.reset();
        deliveries.clear();
    }

    synchronized List<byte[]> deliveries() {
        return List.copyOf(deliveries);
    }

    /** From now on {@link #deliver} drops the frame and returns false, as for a closing connection. */
    synchronized void refuseDeliveries() {
        refuseDeliveries = true;
    }

    /** Runs {@code action} at the start of every {@link #write}, before the bytes are recorded. */
    synchronized void beforeWrite(Runnable action) {
        beforeWrite = action;
    }
}
