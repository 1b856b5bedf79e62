package dev.loombench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.check.Baseline;
import dev.loombench.check.TinyRepo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate's refusals, each exit code 2 ("could not run") with a message saying why, and
 * {@code --update} recording a base. No server is started here (see {@code AbGateTest}).
 */
class CheckCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int check(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "check";
        System.arraycopy(args, 0, all, 1, args.length);
        return BenchCli.start(new PrintWriter(out, true), new PrintWriter(err, true), all);
    }

    @Test
    void outsideAGitCheckoutItSaysSo() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));

        assertEquals(2, check("--repo", plain.toString(), "--base", "HEAD"));
        assertTrue(err.toString().contains("is not a git checkout"), err.toString());
    }

    @Test
    void anUnknownRefIsRefusedWithAHint() throws Exception {
        TinyRepo repo = TinyRepo.create(dir.resolve("repo"), "exit 0");

        assertEquals(2, check("--repo", repo.dir().toString(), "--base", "no-such-branch"));
        assertTrue(err.toString().contains("unknown ref 'no-such-branch'"), err.toString());
        assertTrue(err.toString().contains("git fetch"), err.toString());
    }

    @Test
    void aBaseThatDoesNotBuildIsCouldNotRunWithTheEndOfItsLog() throws Exception {
        TinyRepo repo = TinyRepo.create(dir.resolve("repo"), "echo 'COMPILATION ERROR in Foo.java'; exit 1");

        assertEquals(2, check("--repo", repo.dir().toString(), "--base", "HEAD", "--no-pin"));
        assertTrue(err.toString().contains("did not build"), err.toString());
        assertTrue(err.toString().contains("COMPILATION ERROR in Foo.java"), err.toString());
    }

    @Test
    void withoutBaseOrBaselineItSaysHowToGetOne() throws Exception {
        TinyRepo repo = TinyRepo.create(dir.resolve("repo"), "exit 0");

        assertEquals(2, check("--repo", repo.dir().toString()));
        assertTrue(err.toString().contains("no base to compare with"), err.toString());
        assertTrue(err.toString().contains("--base origin/main"), err.toString());
    }

    @Test
    void aBaselineOfTheOldFormatIsRefusedWithTheWayOut() throws Exception {
        TinyRepo repo = TinyRepo.create(dir.resolve("repo"), "exit 0");
        Path file = Files.writeString(dir.resolve("baseline.json"), "{\"version\":1,\"cases\":{}}");

        assertEquals(2, check("--repo", repo.dir().toString(), "--baseline", file.toString()));
        assertTrue(err.toString().contains("format version 1"), err.toString());
        assertTrue(err.toString().contains("./bench check --update"), err.toString());
    }

    @Test
    void updateRecordsTheBaseCommitAndTheSettingsThatAPlainCheckThenUses() throws Exception {
        TinyRepo repo = TinyRepo.create(dir.resolve("repo"), "exit 0");
        Path file = dir.resolve("baseline.json");

        assertEquals(0, check("--repo", repo.dir().toString(), "--baseline", file.toString(), "--update", "--pairs", "4",
                "--cases", "time/nio"));

        Baseline baseline = Baseline.read(file);
        assertEquals(repo.git("rev-parse", "HEAD"), baseline.base().commit());
        assertEquals("tiny commit", baseline.base().subject());
        assertEquals(4, baseline.settings().pairs());
        assertEquals(java.util.List.of("time/nio"), baseline.settings().cases());
        assertTrue(baseline.machine().containsKey("cores"), baseline.machine().toString());
    }

    @Test
    void anUnknownCaseIsRefused() throws Exception {
        TinyRepo repo = TinyRepo.create(dir.resolve("repo"), "exit 0");

        assertEquals(2, check("--repo", repo.dir().toString(), "--base", "HEAD", "--cases", "echo/warp"));
        assertTrue(err.toString().contains("unknown model 'warp'"), err.toString());
    }

    @Test
    void anInjectedSpinMustBeADurationOrAuto() throws Exception {
        TinyRepo repo = TinyRepo.create(dir.resolve("repo"), "exit 0");

        assertEquals(2, check("--repo", repo.dir().toString(), "--base", "HEAD", "--inject-spin", "lots"));
        assertTrue(err.toString().contains("'lots' is not a duration"), err.toString());
    }

    @Test
    void toleranceMustBeAFraction() throws Exception {
        TinyRepo repo = TinyRepo.create(dir.resolve("repo"), "exit 0");

        assertEquals(2, check("--repo", repo.dir().toString(), "--base", "HEAD", "--tolerance", "0"));
        assertTrue(err.toString().contains("--tolerance must be a fraction"), err.toString());
    }
}
