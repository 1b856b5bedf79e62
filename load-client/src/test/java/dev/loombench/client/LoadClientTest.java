package dev.loombench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** What a client counts as served, apart from any socket. */
class LoadClientTest {

    final LoadContext ctx = new LoadContext(LoadConfig.defaults().withClients(2),
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 9), new Metrics(2));

    @Test
    void firstVerifiedReplyFixesTheFirstReplyTimeOnce() {
        LoadClient client = new LoadClient(ctx, null, 0);
        assertEquals(-1, client.firstReplyNanos(), "never served yet");
        client.verified();
        long first = client.firstReplyNanos();
        assertTrue(first >= 0);
        client.verified();
        assertEquals(2, client.served());
        assertEquals(first, client.firstReplyNanos(), "only the first reply counts");
    }

    @Test
    void repliesAfterTheRunStoppedDoNotCount() {
        // A starved client may be answered in the moment between the stop and its own end, once the
        // served clients have closed their connections and freed the server: not the run's reply.
        LoadClient served = new LoadClient(ctx, null, 0);
        LoadClient starved = new LoadClient(ctx, null, 1);
        served.verified();
        ctx.stop();
        served.verified();
        starved.verified();
        assertEquals(1, served.served());
        assertEquals(0, starved.served());
        assertEquals(-1, starved.firstReplyNanos(), "still never served");
    }
}
