package dev.loombench.run;

import dev.loombench.serve.ServerCli;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a child server's code comes from: the servers' lean jar
 * ({@code server-impls/target/loombench-server.jar}: the models and picocli, nothing of the load
 * client), so what a child costs in memory and threads is the model's own. Found, in this order,
 * by the system property {@value #PROPERTY} ({@code ./bench} sets it), then in
 * {@code server-impls/target/} of the checkout this code was built in (how Maven's tests find it:
 * server-impls is packaged before load-client is tested), and only as a last resort this JVM's
 * own class path, which holds the servers too but also every client library; {@link #source}
 * says which, and every run records it.
 *
 * @param javaArgs what follows the JVM options on the {@code java} command line, up to and
 *                 excluding the {@code serve} command: {@code -jar JAR}, or {@code -cp PATH MAIN}
 * @param source   the jar, or a note that the class path was used
 */
public record ServerCode(List<String> javaArgs, String source) {

    /** The system property naming the server jar. */
    public static final String PROPERTY = "loombench.serverJar";
    static final Path JAR_IN_CHECKOUT = Path.of("server-impls", "target", "loombench-server.jar");
    /** How far up from this code's location the checkout root may be ({@code load-client/target/classes}). */
    private static final int LEVELS_UP = 4;

    /**
     * Finds the server code for this JVM.
     *
     * @throws IllegalArgumentException if {@value #PROPERTY} names a file that does not exist
     */
    public static ServerCode find() {
        return find(System.getProperty(PROPERTY), codeLocation(), System.getProperty("java.class.path"));
    }

    static ServerCode find(String property, Path codeLocation, String classPath) {
        if (property != null && !property.isBlank()) {
            Path jar = Path.of(property).toAbsolutePath();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + property + " is not a file; build it with ./bench build");
            }
            return ofJar(jar);
        }
        Path dir = codeLocation;
        for (int i = 0; dir != null && i <= LEVELS_UP; i++, dir = dir.getParent()) {
            Path jar = dir.resolve(JAR_IN_CHECKOUT);
            if (Files.isRegularFile(jar)) return ofJar(jar);
        }
        return new ServerCode(List.of("-cp", classPath, ServerCli.class.getName()),
                "the load client's class path (no " + JAR_IN_CHECKOUT.getFileName() + " found)");
    }

    private static ServerCode ofJar(Path jar) {
        return new ServerCode(List.of("-jar", jar.normalize().toString()), jar.normalize().toString());
    }

    /** This code's jar or classes directory; null if the JVM does not say. */
    private static Path codeLocation() {
        try {
            var source = ServerCode.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }
}
