package dev.loombench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.client.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {

    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text);

    @Test
    void plainPrintsOneLinePerUpdateWithoutCarriageReturns() {
        try (ProgressDisplay display = ProgressDisplay.plain(out)) {
            display.accept(new Progress("warmup", 1, 2, 900, 0, 0, 4));
            display.accept(new Progress("measure", 15, 30, 48_210.4, 1_200_000, 3, 500));
        }
        assertEquals("warmup 1/2 s: 900 req/s, p99 -, errors 0, conns 4\n"
                + "measure 15/30 s: 48,210 req/s, p99 1.20 ms, errors 3, conns 500\n", text.toString());
    }

    @Test
    void barRedrawsOneLineAndEndsItOnClose() {
        ProgressDisplay display = ProgressDisplay.bar(out);
        display.accept(new Progress("measure", 15, 30, 48_210, 1_200_000, 0, 500));
        display.accept(new Progress("measure", 30, 30, 1_000, 900_000, 2, 499));
        display.close();
        display.close(); // idempotent
        String s = text.toString();
        assertTrue(s.startsWith("\rmeasure [##########..........]  15/30 s"), s);
        assertTrue(s.contains("\rmeasure [####################]  30/30 s"), s);
        assertTrue(s.contains("48,210 req/s") && s.contains("p99 1.20 ms") && s.contains("conns 500"), s);
        assertEquals(2, s.chars().filter(c -> c == '\r').count());
        assertTrue(s.endsWith("\n") && s.indexOf('\n') == s.length() - 1, "one line, ended on close");
    }

    @Test
    void barKeepsAFinishedPhaseOnItsOwnLine() {
        ProgressDisplay display = ProgressDisplay.bar(out);
        display.accept(new Progress("connect", 1, 1, 0, 0, 1_000_000, 10_000));
        display.accept(new Progress("measure", 1, 30, 5, 1_000, 0, 1));
        display.close();
        String[] lines = text.toString().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("\rconnect"));
        assertTrue(lines[1].startsWith("\rmeasure"));
    }

    @Test
    void barPadsAShorterRedrawToWipeTheLongerOne() {
        ProgressDisplay display = ProgressDisplay.bar(out);
        display.accept(new Progress("measure", 1, 30, 5, 1_000, 1_000_000_000, 100_000));
        display.accept(new Progress("measure", 2, 30, 5, 1_000, 0, 1));
        String[] draws = text.toString().split("\r");
        assertEquals(3, draws.length); // "", first, second
        assertEquals(draws[1].length(), draws[2].length());
        assertTrue(draws[2].endsWith("conns 1" + " ".repeat(draws[1].length() - draws[2].strip().length())));
    }

    @Test
    void forConsoleWritesPlainLinesWhenStderrIsNoTerminal() {
        // the test runner's stderr is a pipe or a file, as in a CI log
        try (ProgressDisplay display = ProgressDisplay.forConsole(out)) {
            display.accept(new Progress("measure", 1, 30, 5, 1_000, 0, 1));
        }
        assertEquals("measure 1/30 s: 5 req/s, p99 1.00 us, errors 0, conns 1\n", text.toString());
    }

    @Test
    void ignoresUpdatesAfterClose() {
        ProgressDisplay display = ProgressDisplay.plain(out);
        display.close();
        display.accept(new Progress("measure", 1, 30, 5, 1_000, 0, 1));
        assertFalse(text.toString().contains("measure"));
    }
}
