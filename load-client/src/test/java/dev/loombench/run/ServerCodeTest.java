package dev.loombench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.serve.ServerCli;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a child server's code is found, and that the lean jar is lean. */
class ServerCodeTest {

    @TempDir
    Path checkout;

    @Test
    void thePropertyNamesTheJar() throws Exception {
        Path jar = Files.createFile(checkout.resolve("server.jar"));
        ServerCode code = ServerCode.find(jar.toString(), null, "ignored");
        assertEquals(List.of("-jar", jar.toString()), code.javaArgs());
        assertEquals(jar.toString(), code.source());
    }

    @Test
    void aPropertyNamingNoFileIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerCode.find(checkout.resolve("missing.jar").toString(), null, "ignored"));
        assertTrue(e.getMessage().contains("-Dloombench.serverJar=") && e.getMessage().contains("is not a file"), e.getMessage());
    }

    @Test
    void withoutThePropertyTheJarOfTheSameCheckoutIsUsed() throws Exception {
        Path jar = checkout.resolve(ServerCode.JAR_IN_CHECKOUT);
        Files.createDirectories(jar.getParent());
        Files.createFile(jar);
        Path classes = Files.createDirectories(checkout.resolve("load-client/target/classes"));
        Path fatJar = Files.createFile(checkout.resolve("load-client/target/loombench.jar"));
        assertEquals(List.of("-jar", jar.toString()), ServerCode.find(null, classes, "ignored").javaArgs());
        assertEquals(List.of("-jar", jar.toString()), ServerCode.find(null, fatJar, "ignored").javaArgs());
    }

    @Test
    void withoutAnyJarTheClassPathIsTheLastResortAndSaysSo() throws Exception {
        Path classes = Files.createDirectories(checkout.resolve("load-client/target/classes"));
        ServerCode code = ServerCode.find(null, classes, "a.jar:b.jar");
        assertEquals(List.of("-cp", "a.jar:b.jar", ServerCli.class.getName()), code.javaArgs());
        assertTrue(code.source().contains("class path"), code.source());
    }

    @Test
    void aChildServerIsStartedFromTheServerCodeWithItsOptions() {
        List<String> command = ModelRunner.serveCommand(ServerKind.POOL, ServerConfig.defaults().withPool(3, 0), List.of("-Xmx64m"));
        List<String> expectedStart = new ArrayList<>(List.of("-Xmx64m"));
        expectedStart.addAll(ServerCode.find().javaArgs());
        expectedStart.addAll(List.of("serve", "--impl", "pool", "--exit-on-stdin-eof"));
        assertEquals(expectedStart, command.subList(1, 1 + expectedStart.size()));
        assertTrue(String.join(" ", command).contains("--pool-size 3 --queue 0"), command::toString);
    }

    /** Maven packages server-impls before it tests load-client; a plain {@code mvn test} has no jar to look at. */
    @Test
    void theServerJarHoldsTheServersAndPicocliOnly() throws Exception {
        ServerCode code = ServerCode.find();
        Assumptions.assumeTrue(code.javaArgs().getFirst().equals("-jar"), "no server jar built: " + code.source());
        try (JarFile jar = new JarFile(code.javaArgs().get(1))) {
            assertEquals(ServerCli.class.getName(), jar.getManifest().getMainAttributes().getValue("Main-Class"));
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertTrue(names.contains("dev/loombench/serve/ServeCommand.class"), "serve is in it");
            assertTrue(names.contains("picocli/CommandLine.class"), "picocli is in it");
            for (String foreign : List.of("com/fasterxml/", "org/knowm/", "org/jline/", "org/HdrHistogram/", "dev/loombench/client/",
                    "dev/loombench/cli/", "dev/loombench/report/")) {
                assertFalse(names.stream().anyMatch(name -> name.startsWith(foreign)), foreign + " is not in the server jar");
            }
        }
    }
}
