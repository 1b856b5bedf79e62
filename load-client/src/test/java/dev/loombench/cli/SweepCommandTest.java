package dev.loombench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.report.Sweep;
import dev.loombench.report.SweepCharts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code bench sweep} end to end on a tiny grid (child servers), and its usage errors. */
class SweepCommandTest {

    @TempDir
    Path tmp;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int bench(String... args) {
        return BenchCli.start(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void runsEveryCellAndWritesTheSweep() throws Exception {
        Path dir = tmp.resolve("sweep");
        int code = bench("sweep", "--impl", "nio,pool", "--clients", "3,1", "--warmup", "0", "--duration", "500ms",
                "--pool-size", "2", "--repeat", "2", "--retries", "0", "--out", dir.toString());
        assertEquals(0, code, () -> out + "\n" + err);

        Sweep sweep = Sweep.read(dir);
        assertEquals(4, sweep.cells().size());
        assertEquals(java.util.List.of(1, 3), sweep.clients(), "counts sorted");
        assertEquals("nio", sweep.cells().get(0).impl(), "client count by client count, models in the order given");
        assertEquals(1, sweep.cells().get(0).clients());
        Sweep.Cell pool3 = sweep.cells().get(3);
        assertEquals(2, pool3.served(), "a pool of 2 serves 2 of 3 long-lived clients");
        assertTrue(Files.isRegularFile(dir.resolve(pool3.dir()).resolve("summary.json")), "the cell's run kept");
        assertTrue(sweep.command().startsWith("bench sweep --impl nio,pool"), sweep.command());
        for (String file : SweepCharts.FILES.values()) assertTrue(Files.size(dir.resolve(file)) > 0, file);
        assertTrue(Files.readString(dir.resolve("README.md")).contains("$ nproc"));
        assertTrue(err.toString().contains("[8/8] round 2 of 2: pool        3 clients ..."), err.toString());
        assertTrue(err.toString().contains("bench sweep: machine: "), err.toString());
        assertTrue(out.toString().contains("2/3"), out.toString());
        for (Sweep.Cell c : sweep.cells()) {
            assertEquals(2, c.repetitions().size(), "every cell twice");
            assertEquals(2, c.spread().requestsPerSecond().n());
            assertTrue(c.spread().requestsPerSecond().min() <= c.requestsPerSecond()
                    && c.requestsPerSecond() <= c.spread().requestsPerSecond().max(), "the median lies in the range");
        }
        dev.loombench.report.HtmlChecks.assertShowsEverything(dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sweep --impl bogus", "sweep --clients 0,10", "sweep --protocol time --size 10",
            "sweep --clients 1000 --rate 5 --duration 1s", "sweep --repeat 0", "sweep --retries -1"})
    void settingsThatCannotBeHonouredExitWith2BeforeAnyCellRuns(String args) {
        assertEquals(2, bench((args + " --out " + tmp.resolve("x")).split(" ")), () -> out + "\n" + err);
        assertTrue(!Files.exists(tmp.resolve("x").resolve("cells")), "nothing ran");
    }
}
