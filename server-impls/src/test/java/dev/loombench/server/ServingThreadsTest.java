package dev.loombench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The thread registry every model uses: names, counting, and an essential thread's early end as the server's death. */
@Timeout(60)
class ServingThreadsTest {

    private final ServerStats stats = new ServerStats();
    private final CompletableFuture<Throwable> death = new CompletableFuture<>();
    private final ServingThreads threads = new ServingThreads(ServerKind.NIO, 7, stats, death);

    @Test
    void anEssentialThreadEndedByAnErrorIsTheServersDeathNamingThreadAndCause() throws Exception {
        Error error = new OutOfMemoryError("injected");
        threads.startEssential(Thread.ofPlatform(), "loop", () -> {
            throw error;
        }).join();
        Throwable reason = death.get(10, TimeUnit.SECONDS);
        assertSame(error, reason.getCause());
        assertTrue(reason.getMessage().startsWith("loombench-nio-7-loop ended by java.lang.OutOfMemoryError: injected"), reason.getMessage());
        assertEquals(0, stats.liveThreads());
    }

    @Test
    void anEssentialThreadThatReturnsWhileTheServerIsOpenIsItsDeathToo() throws Exception {
        threads.startEssential(Thread.ofVirtual(), "acceptor", () -> {}).join();
        assertEquals("loombench-nio-7-acceptor ended while the server was open", death.get(10, TimeUnit.SECONDS).getMessage());
    }

    @Test
    void perClientThreadsAndEssentialThreadsEndingAfterClosingAreNoDeath() throws Exception {
        threads.start(Thread.ofPlatform(), "client-1", () -> {
            throw new OutOfMemoryError("one client's");
        }).join();
        CountDownLatch closing = new CountDownLatch(1);
        Thread worker = threads.startEssential(Thread.ofPlatform(), "worker-1", () -> {
            try {
                closing.await();
            } catch (InterruptedException e) {
                // ends as the server closes
            }
        });
        threads.closing();
        threads.stopAll();
        assertFalse(worker.isAlive());
        assertFalse(death.isDone(), () -> "no death: " + death.join());
        assertEquals(0, stats.liveThreads());
    }
}
