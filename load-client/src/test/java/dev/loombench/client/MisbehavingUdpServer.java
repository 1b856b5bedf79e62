package dev.loombench.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A deliberately bad UDP echo server for the client's tests: it reads each datagram's client id
 * and sequence number (the load client's 16-byte header) and, for sequence numbers below
 * {@code misbehaveBelow}, treats them by their last digit; from there on it echoes faithfully, so
 * every anomaly the client counts was made here, a known number of times:
 * <pre>
 *   ...1  delayed by {@code lateBy} (past the client's timeout): lost, then late
 *   ...3  dropped: lost
 *   ...5  echoed twice: received, duplicated
 *   ...7  held until ...8 of the same client arrives, echoed after it: reordered (open loop);
 *         in closed loop ...8 is only sent once ...7 is lost, so ...7 comes back late
 *   ...9  echoed with one byte of its payload flipped: corrupted
 * </pre>
 * One receiving thread; delayed replies on a scheduler. {@link #quiet} tells when every delayed
 * reply went out.
 */
final class MisbehavingUdpServer implements AutoCloseable {

    private final DatagramChannel channel;
    private final long misbehaveBelow;
    private final long lateByMillis;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private final Map<Long, ByteBuffer> held = new ConcurrentHashMap<>(); // client id -> its held ...7
    private final java.util.concurrent.atomic.AtomicInteger delayed = new java.util.concurrent.atomic.AtomicInteger();
    private final Thread thread;

    MisbehavingUdpServer(long misbehaveBelow, java.time.Duration lateBy) throws IOException {
        this.misbehaveBelow = misbehaveBelow;
        this.lateByMillis = lateBy.toMillis();
        channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = Thread.ofPlatform().name("misbehaving-udp").start(this::serve);
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** No delayed reply is waiting to be sent. */
    boolean quiet() {
        return delayed.get() == 0;
    }

    private void serve() {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (true) {
                buffer.clear();
                SocketAddress sender = channel.receive(buffer);
                buffer.flip();
                ByteBuffer datagram = ByteBuffer.allocate(buffer.remaining()).put(buffer).flip();
                answer(datagram, sender);
            }
        } catch (ClosedChannelException e) {
            // closed
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void answer(ByteBuffer datagram, SocketAddress sender) throws IOException {
        long client = datagram.getLong(0);
        long seq = datagram.getLong(8);
        if (seq >= misbehaveBelow) {
            send(datagram, sender);
            return;
        }
        switch ((int) (seq % 10)) {
            case 1 -> {
                delayed.incrementAndGet();
                later.schedule(() -> {
                    try {
                        send(datagram, sender);
                    } catch (IOException e) {
                        // closed meanwhile
                    } finally {
                        delayed.decrementAndGet();
                    }
                }, lateByMillis, TimeUnit.MILLISECONDS);
            }
            case 3 -> { } // dropped
            case 5 -> {
                send(datagram.duplicate(), sender);
                send(datagram, sender);
            }
            case 7 -> held.put(client, datagram);
            case 8 -> {
                send(datagram, sender);
                ByteBuffer seven = held.remove(client);
                if (seven != null) send(seven, sender);
            }
            case 9 -> {
                datagram.put(datagram.limit() - 1, (byte) (datagram.get(datagram.limit() - 1) ^ 0x40));
                send(datagram, sender);
            }
            default -> send(datagram, sender);
        }
    }

    private void send(ByteBuffer datagram, SocketAddress to) throws IOException {
        synchronized (channel) {
            channel.send(datagram, to);
        }
    }

    @Override
    public void close() throws Exception {
        channel.close();
        later.shutdownNow();
        thread.join(5000);
    }
}
