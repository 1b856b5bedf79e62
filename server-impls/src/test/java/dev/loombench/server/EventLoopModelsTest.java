package dev.loombench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loombench.protocol.Protocol;
import io.netty.channel.epoll.Epoll;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What is particular to the models with event loops (nio, netty, async): how many loops, which transport, how connections spread. */
@Timeout(60)
class EventLoopModelsTest {

    @Test
    void loopsDefaultToOneForNioAndToTheCoresForNettyAndAsync() {
        ServerConfig defaults = ServerConfig.defaults();
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(1, ServerKind.NIO.loops(defaults));
        assertEquals(cores, ServerKind.NETTY.loops(defaults));
        assertEquals(cores, ServerKind.ASYNC.loops(defaults));
        assertEquals(3, ServerKind.NIO.loops(defaults.withLoops(3)));
        assertEquals("nio, netty, async", ServerKind.loopModels());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerKind.VIRTUAL.loops(defaults));
        assertEquals("the virtual model has no event loops", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> defaults.withLoops(-1));
    }

    @Test
    void eachEventLoopModelReportsItsLoops() throws Exception {
        for (ServerKind kind : List.of(ServerKind.NIO, ServerKind.NETTY, ServerKind.ASYNC)) {
            try (Server server = TestServers.start(kind, TestServers.config(Protocol.ECHO).withLoops(2))) {
                assertEquals(2, server.facts().get("loops"), kind + " facts " + server.facts());
            }
        }
    }

    @Test
    void nettyServesOnEpollWhereNettysNativeLibraryLoads() throws Exception {
        assumeTrue(Epoll.isAvailable(), "Netty's native epoll library does not load on this platform");
        try (Server server = TestServers.start(ServerKind.NETTY, Protocol.ECHO)) {
            assertEquals("epoll", server.facts().get("transport"));
        }
    }

    @Test
    void nettyOnItsNioTransportSaysSo() throws Exception {
        try (Server server = TestServers.start(Model.all().filter(m -> m.name().contains("nio transport")).findFirst().orElseThrow(),
                Protocol.ECHO)) {
            Map<String, Object> facts = server.facts();
            assertEquals("nio", facts.get("transport"));
        }
    }

    /** Netty starts a loop's thread with its first connection: two clients, two loop threads, so the second went to the other loop. */
    @Test
    void nettySpreadsConnectionsOverItsLoopsRoundRobin() throws Exception {
        List<TestClient> clients = new ArrayList<>();
        try (Server server = TestServers.start(ServerKind.NETTY, TestServers.config(Protocol.TIME).withLoops(2))) {
            String prefix = "loombench-netty-" + server.localAddress().getPort() + "-loop-";
            for (int i = 0; i < 2; i++) {
                TestClient client = TestClient.connect(server);
                clients.add(client);
                client.welcome();
            }
            List<String> loops = Thread.getAllStackTraces().keySet().stream()
                    .map(Thread::getName).filter(name -> name.startsWith(prefix)).sorted().toList();
            assertEquals(List.of(prefix + "1", prefix + "2"), loops);
            assertTrue(server.stats().snapshot().peakThreads() >= 3, "acceptor and two loops are counted");
        } finally {
            for (TestClient client : clients) client.close();
        }
    }
}
