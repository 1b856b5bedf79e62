package dev.loombench.serve;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Map;

/**
 * A value as one line of JSON, for the event lines {@code serve} prints: null, strings,
 * booleans, integral numbers, enums (by name), durations (as {@link Durations#format} writes
 * them), records (components in declaration order) and maps (in iteration order). Hand-written so
 * that a server carries no JSON library; the bytes are those the load client's Jackson settings
 * write for the same value, so either side may produce or read an event line.
 */
final class JsonLine {

    private JsonLine() {}

    /** @throws IllegalArgumentException for a value of any other type */
    static String of(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String s -> string(out, s);
            case Boolean b -> out.append(b);
            case Integer n -> out.append(n);
            case Long n -> out.append(n);
            case Enum<?> e -> string(out, e.name());
            case Duration d -> string(out, Durations.format(d));
            case Map<?, ?> map -> {
                out.append('{');
                String comma = "";
                for (Map.Entry<?, ?> field : map.entrySet()) {
                    out.append(comma);
                    field(out, String.valueOf(field.getKey()), field.getValue());
                    comma = ",";
                }
                out.append('}');
            }
            case Record record -> {
                out.append('{');
                String comma = "";
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    out.append(comma);
                    field(out, component.getName(), valueOf(component, record));
                    comma = ",";
                }
                out.append('}');
            }
            default -> throw new IllegalArgumentException("no JSON form for a " + value.getClass().getName());
        }
    }

    private static void field(StringBuilder out, String name, Object value) {
        string(out, name);
        out.append(':');
        write(out, value);
    }

    private static Object valueOf(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalArgumentException("cannot read " + component, e);
        }
    }

    /** Escapes as Jackson does: quote, backslash, the short forms \b \t \n \f \r, other controls as \\u00XX. */
    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
