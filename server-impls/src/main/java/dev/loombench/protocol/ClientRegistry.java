package dev.loombench.protocol;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connected {@code time} clients of one server, by client id: what LIST reports and where
 * SEND finds its target. Ids start at 1 and are never reused in the server's lifetime.
 * Thread-safe; connections of different threads register, look up and leave concurrently.
 */
public final class ClientRegistry {

    /** One connected client as LIST reports it. */
    public record Entry(int id, InetSocketAddress address) {}

    private final AtomicInteger lastId = new AtomicInteger();
    private final ConcurrentHashMap<Integer, Connection> byId = new ConcurrentHashMap<>();

    /** Registers a connection and returns its new, unique client id: {@link #newId} then {@link #publish}. */
    public int register(Connection connection) {
        int id = newId();
        publish(id, connection);
        return id;
    }

    /** A new, unique client id, not yet visible to LIST or SEND. */
    public int newId() {
        return lastId.incrementAndGet();
    }

    /** Makes client {@code id} (from {@link #newId}) visible: LIST reports it and SEND reaches it from now on. */
    public void publish(int id, Connection connection) {
        byId.put(id, connection);
    }

    /** Forgets a client; unknown ids are ignored. */
    public void unregister(int id) {
        byId.remove(id);
    }

    /** The connection of client {@code id}, or null when no such client is connected. */
    public Connection lookup(int id) {
        return byId.get(id);
    }

    /** The connected clients in id order, a snapshot that may be stale as soon as it returns. */
    public List<Entry> snapshot() {
        List<Entry> entries = new ArrayList<>(byId.size());
        byId.forEach((id, connection) -> entries.add(new Entry(id, connection.remoteAddress())));
        entries.sort(Comparator.comparingInt(Entry::id));
        return entries;
    }

    public int size() {
        return byId.size();
    }
}
