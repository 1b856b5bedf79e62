package dev.loombench.cli;

import dev.loombench.net.HostPort;
import java.net.InetSocketAddress;
import picocli.CommandLine;

/** Lets picocli read {@code HOST:PORT}, {@code [IPv6]:PORT} or a bare {@code PORT} as {@link HostPort} does (unresolved). */
public final class HostPortConverter implements CommandLine.ITypeConverter<InetSocketAddress> {
    @Override
    public InetSocketAddress convert(String text) {
        try {
            return HostPort.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
