package dev.loombench.server;

import dev.loombench.protocol.DatagramResponder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The lifecycle the four blocking UDP models share, so that each model's own file holds only its
 * threading, as {@link BlockingServer} does for TCP: one blocking {@link DatagramChannel}, every
 * thread the model started ({@link ServingThreads}), start/close around them, and the two steps
 * every model takes with a datagram — {@link #receive} it, {@link #answer} it — apart from who
 * takes them.
 *
 * <p>Contract for subclasses: {@link #startServing} starts the model's threads, one of which (the
 * receiver, essential) receives until {@link #receive} returns null. {@link #close} closes the
 * socket (that ends the receiver), interrupts and joins every thread, then calls
 * {@link #afterClose} for what the model still holds.
 *
 * <p>Threading: {@link #receive} by the receiver only; {@link #answer} by any thread (sends on one
 * datagram socket are atomic per datagram).
 */
abstract class BlockingUdpServer implements Server {

    protected final ServerConfig config;
    protected final ServerStats stats = new ServerStats();
    protected final DatagramResponder responder;
    protected ServingThreads threads;
    protected AcceptBackoff backoff;
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    private final ServerKind kind;
    private DatagramChannel channel;
    private InetSocketAddress address;
    private Map<String, Object> facts;
    private boolean closed;

    BlockingUdpServer(ServerKind kind, ServerConfig config) {
        this.kind = kind;
        this.config = config;
        this.responder = config.protocol().datagramResponder(config.newContext());
    }

    /** Starts the model's threads; called once, with the socket bound and {@link #threads} ready. */
    protected abstract void startServing();

    /** Frees what the model holds beyond its threads (datagrams waiting in a queue); called once, after every thread ended. */
    protected void afterClose() {}

    @Override
    public final synchronized void start() throws IOException {
        if (channel != null || closed) throw new IllegalStateException("start() may be called once");
        channel = UdpServers.open(config, config.port(), true, false);
        address = (InetSocketAddress) channel.getLocalAddress();
        facts = UdpServers.facts(config, channel);
        threads = new ServingThreads(kind, address.getPort(), stats, failure);
        backoff = new AcceptBackoff(threads.prefix() + "receiver");
        startServing();
    }

    /**
     * Blocks for the next datagram and puts it into {@code buffer} (cleared first, flipped on
     * return), counting it in. A failing receive pauses briefly and tries again.
     *
     * @return its sender, or null once the socket is closed (the server is closing)
     */
    protected final SocketAddress receive(ByteBuffer buffer) {
        while (true) {
            buffer.clear();
            try {
                SocketAddress sender = channel.receive(buffer);
                buffer.flip();
                stats.datagramIn(buffer.remaining());
                return sender;
            } catch (ClosedChannelException e) {
                return null;
            } catch (IOException e) {
                if (!channel.isOpen()) return null;
                backoff.pause("receive failed", e);
            }
        }
    }

    /**
     * Serves one datagram on the calling thread: the protocol's reply to {@code datagram} (position to
     * limit; rewritten in place) is sent to {@code sender}, waiting for room in the socket's send
     * buffer. A reply that cannot be sent is counted as dropped. Never throws.
     */
    protected final void answer(ByteBuffer datagram, SocketAddress sender) {
        try {
            if (!responder.respond(datagram)) return;
            int bytes = datagram.remaining();
            channel.send(datagram, sender);
            stats.datagramOut(bytes);
        } catch (IOException e) {
            stats.datagramDropped(); // the server is closing, or the kernel refused the reply
        }
    }

    /** A copy of {@code datagram} (position to limit) that another thread may own, with room for any reply. */
    protected static ByteBuffer copy(ByteBuffer datagram) {
        ByteBuffer copy = ByteBuffer.allocate(Math.max(datagram.remaining(), Integer.BYTES));
        return copy.put(datagram).flip();
    }

    @Override
    public final InetSocketAddress localAddress() {
        if (address == null) throw new IllegalStateException("not started");
        return address;
    }

    @Override
    public final Map<String, Object> facts() {
        return facts == null ? Map.of() : facts;
    }

    @Override
    public final ServerStats stats() {
        return stats;
    }

    @Override
    public final CompletionStage<Throwable> failure() {
        return failure.minimalCompletionStage();
    }

    @Override
    public final synchronized void close() {
        if (closed) return;
        closed = true;
        if (channel == null) return;
        if (threads != null) threads.closing(); // the receiver ends as the socket closes: no failure
        try {
            channel.close();
        } catch (IOException e) {
            // closed is closed
        }
        if (threads != null) threads.stopAll();
        afterClose();
    }
}
