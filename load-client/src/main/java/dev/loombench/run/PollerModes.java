package dev.loombench.run;

import dev.loombench.server.PollerMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks the JDK that runs the child servers which virtual-thread poller modes it accepts: a JVM
 * reads {@code -Djdk.pollerMode} once, when its poller starts, so a value can only be checked in
 * a JVM of its own. Each check starts {@link PollerMode#main} in a child JVM (same JDK and class
 * path as the child servers, about a fifth of a second) and reads back the mode in effect or the
 * JDK's refusal. Stateless and thread-safe.
 */
public final class PollerModes {

    /** Values worth trying when looking for every mode a JDK accepts: JDK 25 knows 1 and 2. */
    static final List<String> CANDIDATES = List.of("1", "2", "3");

    private PollerModes() {}

    /** A checked value: the mode it selects, or why the JDK refuses it. */
    public record Check(String value, boolean accepted, String result) {}

    /** Runs the child JVM with {@code -Djdk.pollerMode=value}, or with no such option for a null value (the JDK's default). */
    public static Check check(String value) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (value != null) command.add("-D" + PollerMode.PROPERTY + "=" + value);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PollerMode.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("the poller-mode check did not end within 30 s");
        }
        String last = output.lines().reduce((a, b) -> b).orElse("");
        return new Check(value, process.exitValue() == 0, last);
    }

    /**
     * Checks a {@code -Djdk.pollerMode} value before a server is started with it.
     *
     * @return the mode it selects
     * @throws IllegalArgumentException with the JDK's reason and the values it accepts, when it refuses the value
     */
    public static String require(String value) throws IOException, InterruptedException {
        Check check = check(value);
        if (check.accepted()) return check.result();
        StringBuilder accepted = new StringBuilder();
        for (Map.Entry<String, String> mode : accepted().entrySet()) {
            accepted.append(accepted.isEmpty() ? "" : ", ").append(mode.getKey()).append(" (").append(mode.getValue()).append(')');
        }
        throw new IllegalArgumentException(check.result() + "; it accepts " + accepted);
    }

    /** Every candidate value this JDK accepts, with the mode it selects, one value per mode, in candidate order. */
    public static Map<String, String> accepted() throws IOException, InterruptedException {
        Map<String, String> modes = new LinkedHashMap<>();
        for (String value : CANDIDATES) {
            Check check = check(value);
            if (check.accepted() && !modes.containsValue(check.result())) modes.put(value, check.result());
        }
        return modes;
    }

    /** The mode this JDK uses when no {@code -Djdk.pollerMode} is given. */
    public static String jdkDefault() throws IOException, InterruptedException {
        return check(null).result();
    }

    /** The {@code -Djdk.pollerMode=} value among {@code jvmArgs}, if any (the last one wins, as in the JVM). */
    public static Optional<String> in(List<String> jvmArgs) {
        String prefix = "-D" + PollerMode.PROPERTY + "=";
        Optional<String> value = Optional.empty();
        for (String arg : jvmArgs) {
            if (arg.startsWith(prefix)) value = Optional.of(arg.substring(prefix.length()));
        }
        return value;
    }
}
