package dev.loombench.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loombench.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The committed reference figures of the regression suite ({@code results/baseline.json}), with
 * the settings and machine they were made with so a reader can judge whether they still apply.
 *
 * @param version   file format version
 * @param createdAt when {@code bench check --update} wrote it
 * @param command   the command that wrote it
 * @param machine   cores, memory, OS, JDK of the machine that made it
 * @param settings  suite settings; a check with other settings is refused (its ratios would not compare)
 * @param cases     per case key, the median figures
 */
public record Baseline(int version, String createdAt, String command, Map<String, Object> machine,
                       Settings settings, Map<String, SuiteResult.Figures> cases) {

    public static final int VERSION = 1;

    /** The suite settings that must match between baseline and check. */
    public record Settings(int clients, String warmup, String duration, int rounds) {}

    public static Baseline read(Path file) throws IOException {
        try {
            Baseline baseline = new ObjectMapper().readValue(file.toFile(), Baseline.class);
            if (baseline.version() != VERSION || baseline.cases() == null || baseline.settings() == null) {
                throw new IOException("unsupported or incomplete baseline (version " + baseline.version() + ")");
            }
            return baseline;
        } catch (IOException e) {
            throw new IOException(file + " is not a usable baseline: " + e.getMessage()
                    + " (make one with: ./bench check --update)", e);
        }
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Json.PRETTY.writeValue(file.toFile(), this);
    }
}
