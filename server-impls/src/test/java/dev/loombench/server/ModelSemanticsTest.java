package dev.loombench.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.TimeFrames;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each model is there to show: who gets served while others are connected. "Nothing
 * arrived" is sampled for {@link TestClient#QUIET}: a behaviour check, not a timing assertion.
 */
@Timeout(60)
class ModelSemanticsTest {

    private static final byte[] HELLO = "hello".getBytes();

    @Test
    void singleGreetsTheSecondClientOnlyAfterTheFirstLeaves() throws Exception {
        try (Server server = TestServers.start(ServerKind.SINGLE, Protocol.TIME);
             TestClient first = TestClient.connect(server); TestClient second = TestClient.connect(server)) {
            first.welcome();
            second.nothingArrives(); // connected, but waiting in the listen backlog
            first.time();
            first.close();
            second.welcome();
            second.time();
        }
    }

    @Test
    void singleEchoesForTheSecondClientOnlyAfterTheFirstLeaves() throws Exception {
        try (Server server = TestServers.start(ServerKind.SINGLE, Protocol.ECHO);
             TestClient first = TestClient.connect(server); TestClient second = TestClient.connect(server)) {
            first.send(HELLO);
            assertArrayEquals(HELLO, first.readExactly(HELLO.length));
            second.send(HELLO);
            second.nothingArrives();
            first.close();
            assertArrayEquals(HELLO, second.readExactly(HELLO.length));
        }
    }

    @Test
    void poolServesPoolSizeClientsAndTheNextOnlyWhenOneLeaves() throws Exception {
        ServerConfig config = TestServers.config(Protocol.TIME).withPool(2, ServerConfig.UNBOUNDED);
        try (Server server = TestServers.start(ServerKind.POOL, config);
             TestClient first = TestClient.connect(server); TestClient second = TestClient.connect(server);
             TestClient third = TestClient.connect(server)) {
            first.welcome();
            second.welcome();
            third.nothingArrives(); // queued: both workers own a connection
            first.close();
            third.welcome();
            third.time();
            second.time();
        }
    }

    @Test
    void poolWithQueueZeroClosesTheExtraEchoClientWithoutAByte() throws Exception {
        ServerConfig config = TestServers.config(Protocol.ECHO).withPool(2, 0);
        try (Server server = TestServers.start(ServerKind.POOL, config);
             TestClient first = TestClient.connect(server); TestClient second = TestClient.connect(server)) {
            for (TestClient client : List.of(first, second)) {
                client.send(HELLO);
                assertArrayEquals(HELLO, client.readExactly(HELLO.length));
            }
            try (TestClient third = TestClient.connect(server)) {
                third.assertClosedByServer();
            }
            TestClient.awaitTrue("the refusal is counted", () -> server.stats().snapshot().rejected() == 1);
            first.send(HELLO);
            assertArrayEquals(HELLO, first.readExactly(HELLO.length));
        }
    }

    @Test
    void poolWithQueueZeroSendsErrorFourToTheExtraTimeClient() throws Exception {
        ServerConfig config = TestServers.config(Protocol.TIME).withPool(2, 0);
        try (Server server = TestServers.start(ServerKind.POOL, config);
             TestClient first = TestClient.connect(server); TestClient second = TestClient.connect(server)) {
            first.welcome();
            second.welcome();
            try (TestClient third = TestClient.connect(server)) {
                assertEquals(TimeFrames.ERR_SERVER_FULL, third.readFrame().error().code());
                third.assertEof();
            }
        }
    }

    @Test
    void poolQueueHoldsUpToItsBoundAndRefusesTheNext() throws Exception {
        ServerConfig config = TestServers.config(Protocol.TIME).withPool(1, 1);
        try (Server server = TestServers.start(ServerKind.POOL, config);
             TestClient served = TestClient.connect(server); TestClient waiting = TestClient.connect(server)) {
            served.welcome();
            waiting.nothingArrives();
            try (TestClient refused = TestClient.connect(server)) {
                assertEquals(TimeFrames.ERR_SERVER_FULL, refused.readFrame().error().code());
            }
            served.close();
            waiting.welcome();
        }
    }

    /** Closing the pool refuses the connections still waiting for a worker as the protocol says: ERROR 4, then the close. */
    @Test
    void closingThePoolRefusesTheWaitingTimeClientWithErrorFour() throws Exception {
        ServerConfig config = TestServers.config(Protocol.TIME).withPool(1, ServerConfig.UNBOUNDED);
        Server server = TestServers.start(ServerKind.POOL, config);
        try (TestClient served = TestClient.connect(server); TestClient waiting = TestClient.connect(server)) {
            served.welcome();
            TestClient.awaitTrue("both are accepted", () -> server.stats().snapshot().accepted() == 2);
            server.close();
            assertEquals(TimeFrames.ERR_SERVER_FULL, waiting.readFrame().error().code());
            waiting.assertEof();
            assertEquals(1, server.stats().snapshot().rejected());
        } finally {
            server.close();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.loombench.server.Model#servingEveryone")
    void servesTwentyLongLivedClientsAtOnce(Model model) throws Exception {
        List<TestClient> clients = new ArrayList<>();
        try (Server server = TestServers.start(model, Protocol.TIME)) {
            for (int i = 0; i < 20; i++) clients.add(TestClient.connect(server));
            for (TestClient client : clients) client.welcome();
            for (TestClient client : clients) client.time(); // every one is served while all stay connected
            TestClient.Frame list = clients.getLast().request(TimeFrames.empty(TimeFrames.LIST));
            assertEquals(20, TimeFrames.decodeListOk(list.body()).size());
            assertEquals(20, server.stats().snapshot().peakConnections());
        } finally {
            for (TestClient client : clients) client.close();
        }
    }
}
