package dev.loombench.serve;

import java.time.Duration;
import picocli.CommandLine;

/** Lets picocli read durations in the forms {@link Durations} accepts. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
