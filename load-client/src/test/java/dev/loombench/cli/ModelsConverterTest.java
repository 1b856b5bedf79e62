package dev.loombench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.loombench.server.ServerKind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.TypeConversionException;

class ModelsConverterTest {

    private final ModelsConverter models = new ModelsConverter();

    @Test
    void readsOneModelByItsCliNameInAnyCase() {
        assertEquals(List.of(ServerKind.POOL), models.convert("pool").kinds());
        assertEquals(List.of(ServerKind.VIRTUAL), models.convert("Virtual").kinds());
    }

    @Test
    void allIsEveryModelAndAListKeepsItsOrderOnce() {
        assertEquals(List.of(ServerKind.values()), models.convert("all").kinds());
        assertEquals(List.of(ServerKind.NIO, ServerKind.POOL), models.convert("nio, pool,nio").kinds());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"bogus | bogus", "pool,bogus | bogus", "'pool,' | ''", "all,pool | all"})
    void anUnknownNameIsNamedWithTheNamesThatExist(String value, String bad) {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> models.convert(value));
        assertEquals("unknown server model '" + bad + "'; expected one of " + ServerKind.names() + ", or all", e.getMessage());
    }
}
