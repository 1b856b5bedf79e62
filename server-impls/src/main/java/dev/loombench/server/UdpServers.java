package dev.loombench.server;

import dev.loombench.protocol.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every UDP model shares: which class serves each {@link ServerKind} over UDP, and how its
 * datagram socket is opened (PROTOCOL.md §4). Each model's own file holds only its threading.
 */
final class UdpServers {

    /**
     * Bytes every receive buffer of a UDP model holds: more than the largest datagram
     * ({@link Transport#MAX_DATAGRAM}), so none is ever cut short. {@code --buffer} does not apply.
     */
    static final int RECEIVE_BUFFER = 64 * 1024;

    private UdpServers() {}

    /** Why {@code async} has no UDP form, for every place that refuses it. */
    static final String NO_ASYNC = "the async model has no UDP form: the JDK has no asynchronous datagram channel"
            + " (AsynchronousChannelGroup serves stream sockets only); use nio or netty for an event loop over UDP";

    /** True if {@code kind} has a UDP form. */
    static boolean serves(ServerKind kind) {
        return switch (kind) {
            case SINGLE, THREAD, POOL, VIRTUAL, NIO, NETTY -> true;
            case ASYNC -> false;
        };
    }

    /**
     * The UDP form of {@code kind}: a new, not yet started server.
     *
     * @throws IllegalArgumentException for {@code async}, which has none ({@link #NO_ASYNC})
     */
    static Server create(ServerKind kind, ServerConfig config) {
        return switch (kind) {
            case SINGLE -> new SingleThreadedUdpServer(config);
            case THREAD -> new ThreadPerPeerUdpServer(config);
            case POOL -> new FixedPoolUdpServer(config);
            case VIRTUAL -> new VirtualThreadUdpServer(config);
            case NIO -> new NioSelectorUdpServer(config, ServerKind.NIO.loops(config));
            case NETTY -> new NettyUdpServer(config);
            case ASYNC -> throw new IllegalArgumentException(NO_ASYNC);
        };
    }

    /**
     * A datagram socket bound as configured, blocking or not, with SO_RCVBUF set before the bind
     * when asked for ({@code receiveBuffer} > 0). With {@code port} > 0 and {@code reusePort} the
     * socket joins others bound to the same port (SO_REUSEPORT: the kernel spreads peers over them).
     */
    static DatagramChannel open(ServerConfig config, int port, boolean blocking, boolean reusePort) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (reusePort) channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            if (config.receiveBuffer() > 0) channel.setOption(StandardSocketOptions.SO_RCVBUF, config.receiveBuffer());
            channel.bind(new InetSocketAddress(config.bind(), port));
            channel.configureBlocking(blocking);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * The receive buffer granted, as the JDK reports it: what was asked for, capped by {@code net.core.rmem_max}
     * (Linux reserves twice that, half of it for its own bookkeeping, and the JDK reports the half).
     */
    static int grantedReceiveBuffer(DatagramChannel channel) {
        try {
            return channel.getOption(StandardSocketOptions.SO_RCVBUF);
        } catch (IOException e) {
            return -1;
        }
    }

    /** The facts of a UDP model for the ready line: the transport and the receive buffer asked for and granted. */
    static Map<String, Object> facts(ServerConfig config, DatagramChannel channel) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("socket", "udp");
        facts.put("receiveBufferAsked", config.receiveBuffer() == 0 ? "system default" : config.receiveBuffer());
        facts.put("receiveBufferBytes", grantedReceiveBuffer(channel));
        return facts;
    }
}
