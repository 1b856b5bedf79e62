package dev.loombench.serve;

import dev.loombench.server.ServerKind;
import picocli.CommandLine;

/** Parses a server model's CLI name ({@code single|thread|pool|virtual|nio|netty|async}). */
public final class ImplConverter implements CommandLine.ITypeConverter<ServerKind> {
    @Override
    public ServerKind convert(String value) {
        try {
            return ServerKind.fromCliName(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
