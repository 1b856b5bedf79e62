package dev.loombench.check;

import dev.loombench.run.Pinning;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One side of the comparison: a build of loombench and the command that runs its
 * {@code bench serve}. Going through each build's own CLI keeps the two sides symmetric and
 * independent of either commit's jar layout: the launcher of a checkout finds its JDK and jars.
 *
 * @param label  who this is for people, e.g. {@code base 1a37f1d}
 * @param commit the commit it was built from (with {@code +changes} when the work tree differs), or a note
 * @param serve  the command that means {@code bench serve}, e.g. {@code [/repo/bench, serve]}
 */
public record ServerBuild(String label, String commit, List<String> serve) {

    public ServerBuild {
        serve = List.copyOf(serve);
    }

    /** The build in git checkout {@code root}, started through its launcher {@code root/bench}. */
    public static ServerBuild checkout(String label, String commit, Path root) {
        return new ServerBuild(label, commit, List.of(root.resolve("bench").toString(), "serve"));
    }

    /**
     * The command line of a server of this build for {@code checkCase}: on the server CPUs of
     * {@code pinning}, the serve command, the case's model and protocol, and {@code extra} server options (an injected
     * slowdown). {@code --exit-on-stdin-eof} makes the server end with the check, even a killed one.
     */
    public List<String> command(CheckCase checkCase, List<String> extra, Pinning pinning) {
        List<String> command = new ArrayList<>(serve);
        command.addAll(List.of("--impl", checkCase.model().cliName(), "--protocol", checkCase.protocol().cliName(),
                "--exit-on-stdin-eof"));
        command.addAll(extra);
        return pinning.serverCommand(command);
    }
}
