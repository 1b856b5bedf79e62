package dev.loombench.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerStats;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The event lines are byte for byte what they were when Jackson wrote them (the expected strings
 * are lines the previous {@code bench serve} printed), so parents and stored results read them
 * unchanged.
 */
class JsonLineTest {

    @Test
    void writesTheReadyLineAsJacksonDid() {
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("event", "ready");
        ready.put("port", 42815);
        ready.put("pid", 11613L);
        ready.put("impl", "nio");
        ready.put("protocol", "echo");
        ready.put("bind", "127.0.0.1");
        ready.put("config", ServerConfig.defaults());
        ready.put("java", "25.0.3+9-LTS");
        assertEquals("{\"event\":\"ready\",\"port\":42815,\"pid\":11613,\"impl\":\"nio\",\"protocol\":\"echo\",\"bind\":\"127.0.0.1\","
                + "\"config\":{\"protocol\":\"ECHO\",\"bind\":\"127.0.0.1\",\"port\":0,\"backlog\":1024,\"bufferSize\":16384,"
                + "\"idleTimeout\":\"0\",\"writeTimeout\":\"10s\",\"maxConnections\":0,\"poolSize\":16,\"queue\":-1,\"think\":\"0\","
                + "\"maxFrame\":65536,\"maxOutputBytes\":1048576,\"spin\":\"0\",\"loops\":0,\"transport\":\"TCP\",\"receiveBuffer\":0},\"java\":\"25.0.3+9-LTS\"}",
                JsonLine.of(ready));
    }

    @Test
    void writesRecordsInComponentOrderAndDurationsInTheCliForm() {
        ServerConfig config = ServerConfig.defaults().withThink(Duration.ofMillis(10)).withPool(4, 0);
        String json = JsonLine.of(config);
        assertTrue(json.contains("\"poolSize\":4,\"queue\":0,\"think\":\"10ms\""), json);
        String counters = JsonLine.of(Map.of("counters", new ServerStats().snapshot()));
        assertTrue(counters.startsWith("{\"counters\":{\"accepted\":0,\"rejected\":0,"), counters);
    }

    @Test
    void escapesStringsAsJacksonDoes() {
        assertEquals("\"a\\\"b\\\\c\\nd\\te\\rf\\bg\\fh\\u0001i\\u001Fj/kö€\"", JsonLine.of("a\"b\\c\nd\te\rf\bg\fh\u0001i\u001fj/kö€"));
        assertEquals("null", JsonLine.of(null));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ok", true);
        fields.put("none", null);
        assertEquals("{\"ok\":true,\"none\":null}", JsonLine.of(fields));
    }

    @Test
    void refusesTypesItHasNoFormFor() {
        assertThrows(IllegalArgumentException.class, () -> JsonLine.of(new Object()));
        assertThrows(IllegalArgumentException.class, () -> JsonLine.of(1.5));
    }
}
