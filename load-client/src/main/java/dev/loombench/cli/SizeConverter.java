package dev.loombench.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads a byte count: {@code 64}, {@code 16k}, {@code 16KiB}, {@code 64m}, {@code 64MiB} (k and m are 1024-based). */
public final class SizeConverter implements CommandLine.ITypeConverter<Integer> {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(k|kib|kb|m|mib|mb)?");

    @Override
    public Integer convert(String text) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new CommandLine.TypeConversionException("'" + text + "' is not a size; use e.g. 64, 16k, 64MiB");
        long bytes = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        if (unit.startsWith("k")) bytes *= 1024;
        if (unit.startsWith("m")) bytes *= 1024 * 1024;
        if (bytes > Integer.MAX_VALUE) throw new CommandLine.TypeConversionException("'" + text + "' is too large");
        return (int) bytes;
    }
}
