package dev.loombench.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The contents of {@code repeats.json}: a set of repetitions ({@code bench run --repeat N}), one
 * {@link Group} per model (or other arm) with every repetition's result directory, its noise
 * verdict and the group's figures with spread. Directories are relative to the set's directory.
 * {@code bench compare} reads a set directory as its groups.
 *
 * @param schema    {@value #SCHEMA}
 * @param createdAt ISO-8601 UTC, when the set finished
 * @param command   the command as typed
 * @param repeat    repetitions asked for per group
 * @param retries   how many times a noisy repetition was made again at most (0: never)
 * @param machine   the machine's state at the start, in words ({@code MachineState.describe})
 * @param cpus      the CPU sets of client and server, in words
 * @param groups    one per arm, in the order they ran within each round
 */
public record RepeatSet(String schema, String createdAt, String command, int repeat, int retries, String machine,
                        String cpus, List<Group> groups) {

    public static final String SCHEMA = "loombench-repeats/1";
    public static final String FILE = "repeats.json";

    /**
     * One repetition.
     *
     * @param round     1, 2, ...: the models ran round by round
     * @param dir       its result directory; null when it could not run
     * @param noisy     the noise guard marked it (kept because retries ran out, or none were allowed)
     * @param noise     the guard's verdict in words
     * @param discarded result directories of earlier, noisy attempts of the same repetition (kept on disk)
     * @param failure   why it could not run; null when it ran
     */
    public record Repetition(int round, String dir, boolean noisy, String noise, List<String> discarded, String failure) {}

    /**
     * One arm (model) of the set.
     *
     * @param label       {@code <impl> c<clients> <protocol>}
     * @param repetitions in round order
     * @param figures     the headline figures of the repetitions that ran, with spread; null if none ran
     */
    public record Group(String label, String impl, String protocol, int clients, List<Repetition> repetitions,
                        RepeatedFigures figures) {}

    /** True when {@code dir} holds a {@code repeats.json}. */
    public static boolean isSet(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    public static RepeatSet read(Path dir) throws IOException {
        return Json.PRETTY.readerFor(RepeatSet.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(dir.resolve(FILE).toFile());
    }

    public void write(Path dir) throws IOException {
        Json.PRETTY.writeValue(dir.resolve(FILE).toFile(), this);
    }
}
