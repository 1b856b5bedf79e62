package dev.loombench.fault;

import dev.loombench.client.ErrorClass;
import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.Transport;
import dev.loombench.server.ServerKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Set;

/**
 * A flood from one source over UDP: one socket sends 1 KiB datagrams as fast as it can, and never
 * reads its replies, while the steady clients are measured. UDP has no flow control, so the flood
 * costs the steady clients datagrams too — the server's receive buffer is shared by every peer —
 * and their loss is reported, not failed. What must hold: the server survives, keeps serving, frees
 * the flood's peer thread ({@code thread}: after its idle timeout), and serves a fresh client.
 */
final class DatagramFloodFault implements Fault {

    static final int DATAGRAM = 1024;

    @Override
    public String name() {
        return "datagram-flood";
    }

    @Override
    public String description() {
        return "one source sends 1 KiB datagrams as fast as it can and never reads";
    }

    @Override
    public Set<Protocol> protocols() {
        return Set.of(Protocol.ECHO, Protocol.RFC868);
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(Transport.UDP);
    }

    @Override
    public String criterion(ServerKind kind) {
        return "the server survives and serves a fresh client; the steady clients' loss during the flood is reported"
                + (kind == ServerKind.THREAD ? "; the flood's peer thread ends after the idle timeout" : "");
    }

    /** The flood shares the server's receive buffer with the steady clients: their datagrams may be lost. */
    @Override
    public Set<ErrorClass> unavoidableSteadyErrors(Protocol protocol) {
        return Set.of(ErrorClass.LOST);
    }

    @Override
    public void inject(FaultTarget target, FaultOutcome outcome) throws IOException, InterruptedException {
        Duration length = Duration.ofMillis(target.pick(1000, 3000));
        long sent = 0;
        long refused = 0;
        try (DatagramChannel flood = DatagramChannel.open()) {
            flood.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            ByteBuffer datagram = ByteBuffer.wrap(Exchanges.randomBytes(DATAGRAM, 7));
            long end = System.nanoTime() + length.toNanos();
            while (System.nanoTime() - end < 0) {
                for (int i = 0; i < 64; i++) {
                    try {
                        flood.send(datagram.clear(), target.address());
                        sent++;
                    } catch (IOException e) {
                        refused++; // the sender's own buffers (ENOBUFS): the flood is as fast as it can be
                    }
                }
            }
        }
        // every steady datagram the flood cost is declared lost before the suite reads the steady figures
        Thread.sleep(FaultSuite.UDP_STEADY_TIMEOUT.plusMillis(500));
        double perSecond = sent / (length.toNanos() / 1e9);
        outcome.summary(String.format("%,d datagrams in %.1f s (%,.0f/s) from one source", sent, length.toNanos() / 1e9, perSecond));
        outcome.figure("floodDatagrams", sent);
        outcome.figure("floodPerSecond", Math.round(perSecond));
        if (refused > 0) outcome.figure("floodSendsRefused", refused);
    }
}
