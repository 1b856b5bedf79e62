package dev.loombench.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientRegistryTest {

    private final ClientRegistry registry = new ClientRegistry();

    @Test
    void aNewIdIsInvisibleUntilPublished() {
        FakeConnection connection = new FakeConnection();
        int id = registry.newId();

        assertNull(registry.lookup(id));
        assertEquals(List.of(), registry.snapshot());

        registry.publish(id, connection);

        assertSame(connection, registry.lookup(id));
        assertEquals(List.of(new ClientRegistry.Entry(id, connection.remoteAddress())), registry.snapshot());
    }

    @Test
    void idsStartAtOneAndAreNeverReused() {
        assertEquals(1, registry.register(new FakeConnection()));
        registry.unregister(1);
        assertEquals(2, registry.newId());
        assertEquals(3, registry.register(new FakeConnection()));
        assertEquals(1, registry.size());
    }

    @Test
    void ignoresUnregisteringAnUnknownId() {
        registry.register(new FakeConnection());
        registry.unregister(42);
        assertEquals(1, registry.size());
    }
}
