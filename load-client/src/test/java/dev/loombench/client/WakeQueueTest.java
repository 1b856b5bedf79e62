package dev.loombench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The wake queue hands clients back in time order, each at most once, whatever was moved or removed. */
class WakeQueueTest {

    static final class Waiter extends WakeQueue.Entry {}

    static Waiter client() {
        return new Waiter();
    }

    @Test
    void pollsInTimeOrderWithEachClientOnceAfterMovesAndRemovals() {
        Random random = new Random(42);
        WakeQueue<Waiter> queue = new WakeQueue<>();
        List<Waiter> clients = new ArrayList<>();
        for (int i = 0; i < 200; i++) clients.add(client());
        for (Waiter c : clients) queue.schedule(c, random.nextInt(1000));
        for (int i = 0; i < 100; i++) queue.schedule(clients.get(random.nextInt(200)), random.nextInt(1000)); // moved
        for (int i = 0; i < 50; i++) queue.remove(clients.get(i));
        long previous = Long.MIN_VALUE;
        int polled = 0;
        while (!queue.isEmpty()) {
            Waiter c = queue.poll();
            assertTrue(c.wakeAt >= previous, "in order");
            assertEquals(-1, c.heapIndex, "off the queue");
            previous = c.wakeAt;
            polled++;
        }
        assertEquals(150, polled, "each remaining client once");
    }

    @Test
    void timesCompareAcrossTheWrapOfNanoTime() {
        WakeQueue<Waiter> queue = new WakeQueue<>();
        Waiter late = client();
        Waiter early = client();
        queue.schedule(late, Long.MIN_VALUE + 5); // just past the wrap: later than MAX_VALUE - 5
        queue.schedule(early, Long.MAX_VALUE - 5);
        assertEquals(early, queue.poll());
        assertEquals(late, queue.poll());
    }
}
