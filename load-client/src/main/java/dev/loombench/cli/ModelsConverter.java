package dev.loombench.cli;

import dev.loombench.serve.ImplConverter;
import dev.loombench.server.ServerKind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/**
 * Reads {@code --impl} of the commands that run several models ({@code run}, {@code sweep},
 * {@code faults}): {@code all} (every model), or model names separated by commas, e.g.
 * {@code pool,virtual}, each read by {@link ImplConverter}. The one reader of that form, so the
 * commands agree on it: the order given, each model once.
 */
public final class ModelsConverter implements CommandLine.ITypeConverter<ModelsConverter.Models> {

    /** The models a command runs, in the order given, each once. */
    public record Models(List<ServerKind> kinds) {}

    @Override
    public Models convert(String value) {
        if (value.strip().equalsIgnoreCase("all")) return new Models(List.of(ServerKind.values()));
        ImplConverter one = new ImplConverter();
        Set<ServerKind> kinds = new LinkedHashSet<>();
        for (String name : value.split(",", -1)) {
            try {
                kinds.add(one.convert(name.strip()));
            } catch (CommandLine.TypeConversionException e) {
                throw new CommandLine.TypeConversionException(e.getMessage() + ", or all");
            }
        }
        return new Models(List.copyOf(kinds));
    }
}
