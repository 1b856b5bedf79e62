package dev.loombench.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The few git commands {@code bench check} needs, run with the {@code git} on PATH in one
 * repository directory. Each returns its trimmed stdout or throws with git's own message.
 */
final class Git {

    /** The outcome of one git command. */
    record Result(int exitCode, String out, String err) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private final Path dir;

    Git(Path dir) {
        this.dir = dir;
    }

    /** Runs {@code git args...} in the directory; never throws for a non-zero exit. */
    Result run(String... args) throws CheckException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new CheckException("cannot run git (is it installed?): " + e.getMessage());
        }
        try {
            // git's output here is a line or two; reading stderr after stdout cannot block on a full pipe.
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new CheckException("git " + String.join(" ", args) + " did not finish within 2 minutes");
            }
            return new Result(p.exitValue(), out, err);
        } catch (IOException e) {
            throw new CheckException("git " + String.join(" ", args) + " failed: " + e.getMessage());
        } finally {
            p.destroy();
        }
    }

    /** Runs {@code git args...} and returns its stdout, or throws a {@link CheckException} with {@code what} and git's message. */
    String require(String what, String... args) throws CheckException, InterruptedException {
        Result r = run(args);
        if (!r.ok()) throw new CheckException(what + ": " + (r.err().isEmpty() ? "git exit code " + r.exitCode() : firstLine(r.err())));
        return r.out();
    }

    static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
