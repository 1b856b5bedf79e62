package dev.loombench.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway git repository for tests of the base build: one commit holding a {@code bench}
 * launcher script whose {@code build} does what the test says (succeed, fail).
 */
public final class TinyRepo {

    private final Path dir;

    private TinyRepo(Path dir) {
        this.dir = dir;
    }

    /** A repository in {@code dir} whose {@code ./bench build} runs {@code buildScript} (shell), committed. */
    public static TinyRepo create(Path dir, String buildScript) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        TinyRepo repo = new TinyRepo(dir);
        repo.git("init", "-q");
        Path bench = dir.resolve("bench");
        Files.writeString(bench, "#!/bin/sh\ncase \"$1\" in\n  build) " + buildScript + " ;;\n  *) echo \"tiny bench: $*\" ;;\nesac\n",
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(bench, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve(".gitignore"), "target/\n");
        repo.git("add", ".");
        repo.git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "tiny commit");
        return repo;
    }

    public Path dir() {
        return dir;
    }

    /** Runs git in the repository; returns its stdout. @throws IOException if git fails */
    public String git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("git " + String.join(" ", args) + ": " + out);
        return out;
    }

    /** A clone of this repository with only its last commit ({@code git clone --depth 1}), as CI systems often make. */
    public TinyRepo shallowClone(Path to) throws IOException, InterruptedException {
        new TinyRepo(to.getParent()).git("clone", "-q", "--depth", "1", "file://" + dir, to.toString());
        return new TinyRepo(to);
    }
}
