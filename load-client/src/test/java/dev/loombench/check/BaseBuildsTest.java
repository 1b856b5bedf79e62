package dev.loombench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The base build in a git worktree of a throwaway repository, cached by commit id. */
class BaseBuildsTest {

    @TempDir
    Path dir;

    @Test
    void aRefIsCheckedOutInAWorktreeOfItsOwnBuiltThereAndReusedNextTime() throws Exception {
        TinyRepo repo = TinyRepo.create(dir.resolve("repo"), "echo built > built.txt");
        String commit = repo.git("rev-parse", "HEAD");
        AtomicInteger builds = new AtomicInteger();
        BaseBuilds.Builder counting = (checkout, log) -> {
            builds.incrementAndGet();
            BaseBuilds.LAUNCHER.build(checkout, log);
        };
        BaseBuilds bases = new BaseBuilds(repo.dir(), repo.dir().resolve("target/bench-check"), counting, line -> {});

        ServerBuild first = bases.prepare("HEAD");
        boolean builtFirst = bases.builtLast();
        ServerBuild second = bases.prepare(commit.substring(0, 8));

        Path checkout = repo.dir().resolve("target/bench-check").resolve(commit);
        assertEquals(List.of(checkout.resolve("bench").toString(), "serve"), first.serve());
        assertEquals(commit, first.commit());
        assertTrue(Files.isRegularFile(checkout.resolve("built.txt")), "built by its own ./bench build");
        assertTrue(repo.git("worktree", "list").contains(checkout.toString()));
        assertEquals(1, builds.get(), "the second prepare reuses the build");
        assertTrue(builtFirst && !bases.builtLast());
        assertEquals(first, second);
    }

    @Test
    void aFailedBuildIsNotCachedAndIsMadeAnewNextTime() throws Exception {
        TinyRepo repo = TinyRepo.create(dir.resolve("repo"), "exit 0");
        AtomicInteger attempts = new AtomicInteger();
        BaseBuilds bases = new BaseBuilds(repo.dir(), repo.dir().resolve("target/bench-check"), (checkout, log) -> {
            if (attempts.incrementAndGet() == 1) throw new CheckException("compiler said no");
        }, line -> {});

        CheckException failed = assertThrows(CheckException.class, () -> bases.prepare("HEAD"));
        ServerBuild retried = bases.prepare("HEAD");

        assertTrue(failed.getMessage().contains("did not build: compiler said no"), failed.getMessage());
        assertEquals(2, attempts.get());
        assertTrue(Files.isDirectory(Path.of(retried.serve().get(0)).getParent()));
    }

    @Test
    void theLaunchersFailureQuotesTheEndOfItsLog() throws Exception {
        TinyRepo repo = TinyRepo.create(dir.resolve("repo"), "echo 'cannot find symbol: Foo'; exit 3");
        BaseBuilds bases = new BaseBuilds(repo.dir(), repo.dir().resolve("target/bench-check"), BaseBuilds.LAUNCHER, line -> {});

        CheckException e = assertThrows(CheckException.class, () -> bases.prepare("HEAD"));

        assertTrue(e.getMessage().contains("exited with 3"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot find symbol: Foo"), e.getMessage());
    }

    @Test
    void anUnknownRefIsRefusedAndNothingIsCheckedOut() throws Exception {
        TinyRepo repo = TinyRepo.create(dir.resolve("repo"), "exit 0");
        BaseBuilds bases = new BaseBuilds(repo.dir(), repo.dir().resolve("target/bench-check"), BaseBuilds.LAUNCHER, line -> {});

        CheckException e = assertThrows(CheckException.class, () -> bases.prepare("v9.9.9"));

        assertTrue(e.getMessage().startsWith("unknown ref 'v9.9.9'"), e.getMessage());
        assertTrue(Files.notExists(repo.dir().resolve("target/bench-check")));
    }

    @Test
    void aShallowCloneIsNamedAsTheReasonARefIsMissing() throws Exception {
        TinyRepo repo = TinyRepo.create(dir.resolve("repo"), "exit 0");
        Files.writeString(repo.dir().resolve("second"), "2");
        repo.git("add", "second");
        repo.git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "second");
        Path shallow = repo.shallowClone(dir.resolve("shallow")).dir();
        BaseBuilds bases = new BaseBuilds(shallow, shallow.resolve("target/bench-check"), BaseBuilds.LAUNCHER, line -> {});

        CheckException e = assertThrows(CheckException.class, () -> bases.prepare("HEAD~1"));

        assertTrue(e.getMessage().contains("shallow clone"), e.getMessage());
    }

    @Test
    void outsideAGitCheckoutTheRootIsRefused() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));

        CheckException e = assertThrows(CheckException.class, () -> BaseBuilds.repositoryRoot(plain));

        assertTrue(e.getMessage().contains("is not a git checkout"), e.getMessage());
    }
}
