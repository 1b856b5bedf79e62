package dev.loombench.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loombench.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code results/baseline.json}: which commit {@code bench check} compares with by default, the
 * suite settings a plain {@code bench check} uses, and the machine it was recorded on. No
 * figures: the base is measured anew, beside the current build, in every check.
 *
 * @param version    file format version ({@value #VERSION})
 * @param recordedAt when {@code bench check --update} wrote it
 * @param command    the command that wrote it
 * @param base       the commit compared with
 * @param settings   the suite, as recorded; options given on the command line win
 * @param machine    JDK, OS, cores, memory of the machine it was recorded on
 */
public record Baseline(int version, String recordedAt, String command, Base base, Settings settings,
                       Map<String, Object> machine) {

    public static final int VERSION = 2;

    /** The base commit: its id (what is compared) and its subject (for people). */
    public record Base(String commit, String subject) {}

    /**
     * The suite settings.
     *
     * @param cases        {@code protocol/model} keys
     * @param pairs        A/B pairs per case
     * @param clients      client connections per case ({@code single}: 1)
     * @param warmup       closed-loop warm-up per run
     * @param duration     the measured open-loop phase per run
     * @param rateFraction open-loop rate as a fraction of A's closed-loop throughput
     * @param tolerance    the interval must clear this change
     * @param threshold    the estimate must exceed this change
     */
    public record Settings(List<String> cases, int pairs, int clients, String warmup, String duration, double rateFraction,
                           double tolerance, double threshold) {}

    public static Baseline read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Baseline baseline;
        try {
            JsonNode tree = json.readTree(file.toFile());
            int version = tree.path("version").asInt(-1);
            if (version != VERSION) {
                throw new IOException(file + " has format version " + version + "; this build reads version " + VERSION
                        + " (a base commit, no figures): record one with: ./bench check --update");
            }
            baseline = json.treeToValue(tree, Baseline.class);
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not a usable baseline: " + e.getOriginalMessage()
                    + " (record one with: ./bench check --update)", e);
        }
        if (baseline.base() == null || baseline.base().commit() == null || baseline.settings() == null) {
            throw new IOException(file + " lacks its base commit or settings; record it again with: ./bench check --update");
        }
        return baseline;
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Json.PRETTY.writeValue(file.toFile(), this);
    }
}
