package dev.loombench.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.loombench.serve.Durations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

/** The project's JSON settings: records as objects, durations as "10ms", instants as ISO-8601. */
public final class Json {

    /** Pretty-printing mapper for result files. Thread-safe once configured. */
    public static final ObjectMapper PRETTY = configure(new ObjectMapper()).enable(SerializationFeature.INDENT_OUTPUT);
    /** Single-line mapper for event lines (ready, stopped). */
    public static final ObjectMapper LINE = configure(new ObjectMapper());

    private Json() {}

    public static String line(Object value) {
        try {
            return LINE.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        SimpleModule time = new SimpleModule("loombench-time");
        time.addSerializer(Duration.class, new StdSerializer<>(Duration.class) {
            @Override
            public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(Durations.format(value));
            }
        });
        time.addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.toString());
            }
        });
        return mapper.registerModule(time).disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }
}
