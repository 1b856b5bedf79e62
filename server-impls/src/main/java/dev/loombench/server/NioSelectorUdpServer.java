package dev.loombench.server;

import dev.loombench.protocol.DatagramResponder;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code nio} over UDP: a {@link Selector} loop over a non-blocking {@link DatagramChannel}; when
 * the socket is readable the loop drains it, answering each datagram as it takes it. No thread
 * hand-off and no copy, so one loop turns datagrams around about as fast as the kernel can move
 * them — but on one core, and a slow datagram ({@code --think} sleeps right here) stops the
 * draining for everyone, as in the TCP model. With several loops, each has its own socket on the
 * same port (SO_REUSEPORT) and the kernel spreads the peers over them.
 *
 * <p>A reply the socket's send buffer cannot take at once is dropped and counted: an event loop
 * does not wait, and UDP promises nothing.
 *
 * <p>Threading: each loop thread ({@code loombench-nio-<port>-loop-<n>}) owns its selector, socket
 * and buffer; nothing else touches them. {@link #close} sets a flag and wakes the loops, which
 * close their sockets on their way out, and joins them.
 *
 * @see SingleThreadedUdpServer
 * @see ThreadPerPeerUdpServer
 * @see FixedPoolUdpServer
 * @see VirtualThreadUdpServer
 * @see NioSelectorServer its TCP sibling
 */
final class NioSelectorUdpServer implements Server {

    private static final System.Logger LOG = System.getLogger(NioSelectorUdpServer.class.getName());
    /** Datagrams taken per wakeup before the loop looks at its flags again. */
    private static final int DATAGRAMS_PER_WAKEUP = 256;

    private final ServerConfig config;
    private final int loopCount;
    private final ServerStats stats = new ServerStats();
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    private final DatagramResponder responder;
    private final List<Loop> loops = new ArrayList<>();
    private ServingThreads threads;
    private InetSocketAddress address;
    private Map<String, Object> facts;
    private volatile boolean closing;
    private boolean started;
    private boolean closed;

    /** With {@code loops} selector loops, each with its own socket on the port. */
    NioSelectorUdpServer(ServerConfig config, int loops) {
        if (loops < 1) throw new IllegalArgumentException("loops must be >= 1, was " + loops);
        this.config = config;
        this.loopCount = loops;
        this.responder = config.protocol().datagramResponder(config.newContext());
    }

    @Override
    public synchronized void start() throws IOException {
        if (started || closed) throw new IllegalStateException("start() may be called once");
        started = true;
        try {
            int port = config.port();
            for (int i = 0; i < loopCount; i++) {
                Loop loop = new Loop(UdpServers.open(config, port, false, loopCount > 1));
                loops.add(loop);
                port = ((InetSocketAddress) loop.channel.getLocalAddress()).getPort(); // the others join the first's port
            }
            address = (InetSocketAddress) loops.getFirst().channel.getLocalAddress();
            facts = UdpServers.facts(config, loops.getFirst().channel);
            facts.put("loops", loopCount);
            threads = new ServingThreads(ServerKind.NIO, address.getPort(), stats, failure);
            for (int i = 0; i < loops.size(); i++) {
                threads.startEssential(Thread.ofPlatform(), "loop-" + (i + 1), loops.get(i)); // from here on, each loop closes its own
            }
        } catch (IOException | RuntimeException | Error e) {
            if (threads == null) loops.forEach(Loop::closeQuietly);
            close();
            throw e;
        }
    }

    /** One selector loop and the socket it drains. */
    private final class Loop implements Runnable {
        final DatagramChannel channel;
        final Selector selector;
        final ByteBuffer buffer = ByteBuffer.allocateDirect(UdpServers.RECEIVE_BUFFER);

        Loop(DatagramChannel channel) throws IOException {
            this.channel = channel;
            try {
                this.selector = Selector.open();
                channel.register(selector, SelectionKey.OP_READ);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        @Override
        public void run() {
            try {
                while (!closing) {
                    selector.select();
                    selector.selectedKeys().clear();
                    drain();
                }
            } catch (ClosedChannelException e) {
                // closed under us: only when the server closes
            } catch (IOException e) {
                ServingThreads.log(LOG, Level.ERROR, threads.prefix() + "loop: selector failed; closing the server", e);
            } finally {
                closeQuietly();
            }
        }

        /** Takes the datagrams waiting, answering each at once, up to a batch. */
        private void drain() throws ClosedChannelException {
            for (int i = 0; i < DATAGRAMS_PER_WAKEUP && !closing; i++) {
                SocketAddress sender;
                buffer.clear();
                try {
                    sender = channel.receive(buffer);
                } catch (ClosedChannelException e) {
                    throw e;
                } catch (IOException e) {
                    continue; // a failed receive costs that datagram only
                }
                if (sender == null) return; // drained
                buffer.flip();
                stats.datagramIn(buffer.remaining());
                if (responder.respond(buffer)) send(sender);
            }
        }

        private void send(SocketAddress sender) throws ClosedChannelException {
            int bytes = buffer.remaining();
            try {
                // 0 bytes sent: the send buffer is full (an event loop does not wait), or an empty reply went out
                if (channel.send(buffer, sender) == 0 && bytes > 0) {
                    stats.datagramDropped();
                } else {
                    stats.datagramOut(bytes);
                }
            } catch (ClosedChannelException e) {
                throw e;
            } catch (IOException e) {
                stats.datagramDropped();
            }
        }

        void closeQuietly() {
            try {
                channel.close();
            } catch (IOException e) {
                // closed is closed
            }
            try {
                selector.close();
            } catch (IOException e) {
                // closed is closed
            }
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        if (address == null) throw new IllegalStateException("not started");
        return address;
    }

    @Override
    public Map<String, Object> facts() {
        return facts == null ? Map.of() : facts;
    }

    @Override
    public ServerStats stats() {
        return stats;
    }

    @Override
    public CompletionStage<Throwable> failure() {
        return failure.minimalCompletionStage();
    }

    /** Asks the loops to close everything and waits until they have. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        closing = true;
        if (threads == null) return;
        threads.closing();
        loops.forEach(loop -> loop.selector.wakeup());
        threads.stopAll();
    }
}
