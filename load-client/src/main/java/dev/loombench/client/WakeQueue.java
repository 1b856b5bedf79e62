package dev.loombench.client;

/**
 * The clients of one event loop that want to act at a time of their own — the next open-loop send,
 * a reconnect after a back-off, a start during a {@code --connect-rate} ramp — ordered by that
 * time ({@link System#nanoTime()} values, compared as differences, so the wrap does not matter): a
 * binary min-heap on {@link Entry#wakeAt}, each entry at most once (it keeps its own place in
 * {@link Entry#heapIndex}), so nothing is allocated per request.
 * Not thread-safe: its loop's thread only.
 */
final class WakeQueue<T extends WakeQueue.Entry> {

    /** Something that can wait in a wake queue: a time, and its place in the heap (-1: not queued). */
    abstract static class Entry {
        long wakeAt;
        int heapIndex = -1;
    }

    private Entry[] heap = new Entry[16];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest wake time; only when not empty. */
    long firstTime() {
        return heap[0].wakeAt;
    }

    /** Schedules {@code client} at {@code time}, or moves it there if it is queued already. */
    void schedule(T client, long time) {
        if (client.heapIndex >= 0) remove(client);
        client.wakeAt = time;
        if (size == heap.length) heap = java.util.Arrays.copyOf(heap, size * 2);
        client.heapIndex = size;
        heap[size++] = client;
        siftUp(client.heapIndex);
    }

    /** Takes the earliest client off the queue. */
    @SuppressWarnings("unchecked")
    T poll() {
        T first = (T) heap[0];
        removeAt(0);
        return first;
    }

    /** Takes {@code client} off the queue if it is queued. */
    void remove(T client) {
        if (client.heapIndex >= 0) removeAt(client.heapIndex);
    }

    private void removeAt(int i) {
        Entry gone = heap[i];
        gone.heapIndex = -1;
        size--;
        if (i == size) {
            heap[size] = null;
            return;
        }
        Entry last = heap[size];
        heap[size] = null;
        place(last, i);
        siftDown(i);
        siftUp(last.heapIndex);
    }

    private void siftUp(int i) {
        Entry c = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent].wakeAt - c.wakeAt <= 0) break;
            place(heap[parent], i);
            i = parent;
        }
        place(c, i);
    }

    private void siftDown(int i) {
        Entry c = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) break;
            if (child + 1 < size && heap[child + 1].wakeAt - heap[child].wakeAt < 0) child++;
            if (c.wakeAt - heap[child].wakeAt <= 0) break;
            place(heap[child], i);
            i = child;
        }
        place(c, i);
    }

    private void place(Entry c, int i) {
        heap[i] = c;
        c.heapIndex = i;
    }
}
