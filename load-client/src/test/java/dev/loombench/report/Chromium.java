package dev.loombench.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium for the tests that render a report as a reader's browser would. Debian's
 * {@code chromium} package ({@code .ci/run} installs it); a test that needs it is skipped with a
 * clear message when it is not installed. Every call is bounded (60 s) and leaves no process.
 */
public final class Chromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");

    private Chromium() {}

    /** The browser's path; skips the calling test when there is none. */
    public static Path require() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String name : NAMES) {
            for (String dir : path.split(":")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return p;
            }
        }
        Assumptions.abort("headless Chromium is not installed, so the HTML report is not rendered in a browser here;"
                + " install Debian's package (apt-get install chromium) as .ci/run does");
        return null;
    }

    /** Renders {@code html} into a PNG screenshot of {@code width} x {@code height} pixels. */
    public static void screenshot(Path html, Path png, int width, int height, Path tmp) throws Exception {
        run(tmp, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", html.toAbsolutePath().toUri().toString());
        assertTrue(Files.isRegularFile(png) && Files.size(png) > 0, "Chromium wrote no screenshot " + png);
    }

    /** The DOM of {@code html} after Chromium loaded it. */
    public static String dumpDom(Path html, Path tmp) throws Exception {
        return run(tmp, "--dump-dom", html.toAbsolutePath().toUri().toString());
    }

    private static String run(Path tmp, String... args) throws Exception {
        Path chromium = require();
        Path profile = Files.createTempDirectory(tmp, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        long id = System.nanoTime();
        Path log = tmp.resolve("chromium-" + id + ".log");
        Path out = tmp.resolve("chromium-" + id + ".out");
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).redirectOutput(out.toFile()).start();
        p.getOutputStream().close();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) throw new IOException("Chromium did not finish within 60 s");
            if (p.exitValue() != 0) {
                throw new IOException("Chromium exited with " + p.exitValue() + ": " + Files.readString(log));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
