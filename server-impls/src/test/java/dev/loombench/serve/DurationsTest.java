package dev.loombench.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @Test
    void readsEveryUnitAndABareNumberAsSeconds() {
        assertEquals(Duration.ZERO, Durations.parse("0"));
        assertEquals(Duration.ofNanos(250), Durations.parse("250ns"));
        assertEquals(Duration.ofNanos(500_000), Durations.parse("500us"));
        assertEquals(Duration.ofMillis(10), Durations.parse("10ms"));
        assertEquals(Duration.ofSeconds(2), Durations.parse("2"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "250ns", "500us", "10ms", "1500ms", "2s", "5m", "90s"})
    void writesTheShortestFormThatReadsBackTheSame(String text) {
        assertEquals(text, Durations.format(Durations.parse(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fast", "-1s", "10 parsecs", "1.s"})
    void refusesWhatIsNotADurationWithTheFormsItTakes(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertEquals("'" + text + "' is not a duration; use e.g. 0, 500us, 10ms, 2s, 1.5s, 5m", e.getMessage());
    }
}
