package dev.loombench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Adding datagram figures: over time (intervals) and side by side (client processes against one server). */
class DatagramCountsTest {

    static final DatagramCounts A = new DatagramCounts(100, 90, 8, 1, 2, 3, 2, 5, 0, 7);
    static final DatagramCounts B = new DatagramCounts(50, 50, 0, 0, 0, 0, 0, 6, 1, 9);

    @Test
    void lossIsTheLostShareOfTheSettled() {
        assertEquals(8.0 / 100, A.lossRate(), 1e-12);
        assertEquals(0, new DatagramCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0).lossRate());
    }

    @Test
    void intervalsAddEveryCount() {
        assertEquals(new DatagramCounts(150, 140, 8, 1, 2, 3, 2, 11, 1, 16), A.plus(B));
        assertEquals(-1, A.plus(new DatagramCounts(1, 1, 0, 0, 0, 0, 0, -1, 0, 0)).serverSocketDrops(), "unknown stays unknown");
    }

    @Test
    void processesSideBySideShareTheServerSocketAndTheBacklog() {
        DatagramCounts both = A.alongside(B);
        assertEquals(150, both.sent());
        assertEquals(1, both.clientSocketDrops(), "each process's own sockets: added");
        assertEquals(6, both.serverSocketDrops(), "one server socket seen by both: not added");
        assertEquals(9, both.backlogDrops(), "one host's backlog seen by both: not added");
    }
}
