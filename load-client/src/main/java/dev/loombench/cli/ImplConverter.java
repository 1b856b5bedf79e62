package dev.loombench.cli;

import dev.loombench.server.ServerKind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/**
 * The one reader of {@code --impl}: a server model's CLI name ({@code single|thread|pool|virtual|nio},
 * from {@link ServerKind}). {@link Several} reads the form of the commands that run several models.
 */
public final class ImplConverter implements CommandLine.ITypeConverter<ServerKind> {

    @Override
    public ServerKind convert(String value) {
        try {
            return ServerKind.fromCliName(value.strip());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** The models a command runs, in the order given, each once. */
    public record Models(List<ServerKind> kinds) {}

    /** Reads {@code all} (every model) or model names separated by commas, e.g. {@code pool,virtual}. */
    public static final class Several implements CommandLine.ITypeConverter<Models> {
        @Override
        public Models convert(String value) {
            if (value.strip().equalsIgnoreCase("all")) return new Models(List.of(ServerKind.values()));
            Set<ServerKind> kinds = new LinkedHashSet<>();
            for (String name : value.split(",", -1)) {
                try {
                    kinds.add(ServerKind.fromCliName(name.strip()));
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.TypeConversionException(e.getMessage() + ", or all");
                }
            }
            return new Models(List.copyOf(kinds));
        }
    }
}
