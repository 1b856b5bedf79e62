package dev.loombench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCliTest {

    @Test
    void everyCommandSummaryInTheHelpIsOneCompleteLine() {
        StringWriter out = new StringWriter();
        assertEquals(0, BenchCli.start(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "--help"));
        String help = out.toString();
        List<String> commands = help.lines().dropWhile(line -> !line.equals("Commands:")).skip(1)
                .takeWhile(line -> !line.isBlank()).toList();
        Set<String> names = new CommandLine(new BenchCli()).getSubcommands().keySet();

        assertEquals(names, commands.stream().map(line -> line.strip().split("\\s+")[0]).collect(Collectors.toSet()),
                "one line per command, none wrapped onto a second:\n" + help);
        for (String line : commands) assertTrue(line.endsWith("."), "a whole sentence: " + line);
    }

    @Test
    void aBareOptionMeansRun() {
        assertEquals(List.of("run", "--impl", "pool"), List.of(BenchCli.withDefaultCommand(new String[] {"--impl", "pool"})));
        assertEquals(List.of("--help"), List.of(BenchCli.withDefaultCommand(new String[] {"--help"})));
        assertEquals(List.of("sweep"), List.of(BenchCli.withDefaultCommand(new String[] {"sweep"})));
    }
}
