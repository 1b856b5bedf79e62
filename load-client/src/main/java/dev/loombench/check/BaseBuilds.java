package dev.loombench.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The base side of {@code bench check}: a git ref of the repository checked out in a worktree of
 * its own ({@code git worktree add --detach}) and built there by its own launcher
 * ({@code ./bench build}), cached by commit id under {@code cache}: a second check against the
 * same commit reuses the build. A build is complete once its marker file
 * ({@code <commit>.built}) exists; a worktree without one (a build that failed or was
 * interrupted) is removed and made anew.
 */
public final class BaseBuilds {

    /** Builds a fresh checkout; writes what it prints to {@code log}. */
    @FunctionalInterface
    public interface Builder {
        /** @throws CheckException if the build failed; the message says how, with the end of the log */
        void build(Path checkout, Path log) throws CheckException, InterruptedException;
    }

    /** A commit: its full id and subject line. */
    public record Commit(String id, String subject) {
        public String shortId() {
            return id.substring(0, Math.min(10, id.length()));
        }
    }

    /** Builds with the checkout's own launcher: {@code <checkout>/bench build -q}, at most 20 minutes. */
    public static final Builder LAUNCHER = (checkout, log) -> runBuild(List.of(checkout.resolve("bench").toString(), "build", "-q"),
            checkout, log, Duration.ofMinutes(20));

    private final Path root;
    private final Path cache;
    private final Builder builder;
    private final Consumer<String> notes;
    private boolean builtLast;

    /**
     * @param root  the top directory of the git checkout ({@link #repositoryRoot})
     * @param cache where base worktrees are kept, e.g. {@code <root>/target/bench-check}
     */
    public BaseBuilds(Path root, Path cache, Builder builder, Consumer<String> notes) {
        this.root = root;
        this.cache = cache;
        this.builder = builder;
        this.notes = notes;
    }

    /**
     * The top directory of the git checkout that holds {@code dir}.
     *
     * @throws CheckException if {@code dir} is not inside a git checkout, or git is missing
     */
    public static Path repositoryRoot(Path dir) throws CheckException, InterruptedException {
        Git.Result r = new Git(dir.toAbsolutePath()).run("rev-parse", "--show-toplevel");
        if (!r.ok()) {
            throw new CheckException(dir.toAbsolutePath() + " is not a git checkout; bench check compares the current build"
                    + " with a git ref of its repository, so run it inside a clone (" + Git.firstLine(r.err()) + ")");
        }
        return Path.of(r.out());
    }

    /**
     * The commit {@code ref} names.
     *
     * @throws CheckException if the repository has no such commit, with a hint for shallow clones
     */
    public Commit resolve(String ref) throws CheckException, InterruptedException {
        Git git = new Git(root);
        Git.Result r = git.run("rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}");
        if (!r.ok() || r.out().isEmpty()) {
            boolean shallow = git.run("rev-parse", "--is-shallow-repository").out().equals("true");
            throw new CheckException("unknown ref '" + ref + "': no such commit in " + root
                    + (shallow ? " (this is a shallow clone: fetch the history with 'git fetch --unshallow', or clone without --depth)"
                    : " (fetch it first, e.g. 'git fetch origin', or pass a branch, tag or commit id that exists)"));
        }
        String id = r.out();
        return new Commit(id, git.require("cannot read commit " + id, "log", "-1", "--format=%s", id));
    }

    /** The commit checked out in the repository itself, and whether tracked files differ from it. */
    public Commit head() throws CheckException, InterruptedException {
        return resolve("HEAD");
    }

    /** True when tracked files of the work tree differ from HEAD (the current build is not exactly a commit). */
    public boolean workTreeChanged() throws CheckException, InterruptedException {
        return !new Git(root).require("cannot read the work tree's status", "status", "--porcelain", "--untracked-files=no").isEmpty();
    }

    /**
     * The base build of {@code ref}: reused from the cache when complete, else checked out and built.
     *
     * @throws CheckException if the ref is unknown, the worktree cannot be made, or the build fails
     */
    public ServerBuild prepare(String ref) throws CheckException, InterruptedException {
        Commit commit = resolve(ref);
        Path checkout = cache.resolve(commit.id());
        Path marker = cache.resolve(commit.id() + ".built");
        String label = "base " + commit.shortId();
        builtLast = false;
        if (Files.isRegularFile(marker) && Files.isDirectory(checkout)) {
            notes.accept("base " + ref + " = " + commit.shortId() + " \"" + commit.subject() + "\": built before, in " + checkout);
            return ServerBuild.checkout(label, commit.id(), checkout);
        }
        Git git = new Git(root);
        try {
            Files.createDirectories(cache);
            if (Files.exists(checkout)) { // an earlier build did not finish
                git.run("worktree", "remove", "--force", checkout.toString());
                deleteTree(checkout);
            }
        } catch (IOException e) {
            throw new CheckException("cannot prepare " + cache + " for the base build: " + e.getMessage());
        }
        git.run("worktree", "prune");
        git.require("cannot check out " + ref + " (" + commit.shortId() + ") in " + checkout,
                "worktree", "add", "--detach", checkout.toString(), commit.id());
        notes.accept("base " + ref + " = " + commit.shortId() + " \"" + commit.subject() + "\": building it in " + checkout + " ...");
        long start = System.nanoTime();
        Path log = cache.resolve(commit.id() + ".log");
        try {
            builder.build(checkout, log);
        } catch (CheckException e) {
            throw new CheckException("the base " + ref + " (" + commit.shortId() + ") did not build: " + e.getMessage());
        }
        try {
            Files.writeString(marker, Instant.now() + "\n");
        } catch (IOException e) {
            throw new CheckException("cannot write " + marker + ": " + e.getMessage());
        }
        notes.accept(String.format(java.util.Locale.ROOT, "base built in %.0f s", (System.nanoTime() - start) / 1e9));
        builtLast = true;
        return ServerBuild.checkout(label, commit.id(), checkout);
    }

    /** True when the last {@link #prepare} built the base (false: it reused a build). */
    public boolean builtLast() {
        return builtLast;
    }

    /**
     * Runs a build command in {@code dir} with its output in {@code log}; the command and all it
     * started are ended if this JVM ends first (Ctrl-C).
     */
    static void runBuild(List<String> command, Path dir, Path log, Duration timeout) throws CheckException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new CheckException("cannot run " + String.join(" ", command) + ": " + e.getMessage());
        }
        Thread killer = new Thread(() -> destroyTree(p), "loombench-build-killer");
        Runtime.getRuntime().addShutdownHook(killer);
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyTree(p);
                throw new CheckException("the build did not finish within " + timeout.toMinutes() + " minutes; its log: " + log);
            }
            if (p.exitValue() != 0) {
                throw new CheckException("'" + String.join(" ", command) + "' exited with " + p.exitValue() + "; the end of its log (" + log + "):\n"
                        + tail(log, 15).indent(2).stripTrailing());
            }
        } catch (InterruptedException e) {
            destroyTree(p);
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs now and ends the build
            }
        }
    }

    private static void destroyTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
