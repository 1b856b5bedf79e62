package dev.loombench.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live Java heap of another JVM: {@code jcmd <pid> GC.class_histogram}, which runs a full GC
 * first and ends with {@code Total <instances> <bytes>}. The bytes are what the live objects take,
 * whatever the GC and however much heap is committed. The first call also starts the target's
 * attach listener thread (one more OS thread from then on). Needs {@code jcmd} in this JDK.
 */
final class LiveHeap {

    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    private LiveHeap() {}

    /** True when this JDK has jcmd. */
    static boolean available() {
        return Files.isExecutable(jcmd());
    }

    /** Live heap bytes of process {@code pid} after a full GC, or empty if it could not be read. */
    static OptionalLong bytes(long pid) throws InterruptedException {
        if (!available()) return OptionalLong.empty();
        try {
            Process p = new ProcessBuilder(jcmd().toString(), Long.toString(pid), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes(); // ends when jcmd exits
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return OptionalLong.empty();
            }
            return parse(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    static OptionalLong parse(String histogram) {
        Matcher m = TOTAL.matcher(histogram);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(2))) : OptionalLong.empty();
    }

    private static Path jcmd() {
        return Path.of(System.getProperty("java.home"), "bin", "jcmd");
    }
}
