package dev.loombench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.client.ErrorClass;
import dev.loombench.report.Sweep.Cell;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sweep.json, the six charts, the README and the table from synthetic cell summaries: no server runs. */
class SweepReportTest {

    @TempDir
    Path tmp;

    /** pool and virtual at 2, 20 and 200 clients; pool serves only 2 of its clients past 2, with timeouts. */
    Sweep sweep() throws IOException {
        List<Cell> cells = new ArrayList<>();
        for (int clients : List.of(2, 20, 200)) {
            for (String impl : List.of("pool", "virtual")) {
                TestRuns run = TestRuns.run().impl(impl).clients(clients).scale(clients * clients / 4.0); // latency x1, x100, x10000
                if (impl.equals("pool") && clients > 2) {
                    long[] perClient = new long[clients];
                    perClient[0] = perClient[1] = 2500;
                    run.requestsPerClient(perClient).errors(Map.of(ErrorClass.READ_TIMEOUT, (long) clients - 2));
                }
                Path dir = ResultWriter.write(run.build(), tmp.resolve("cells"));
                cells.add(Cell.of(Summary.read(dir), tmp.relativize(dir).toString()));
            }
        }
        cells.add(Cell.failed("nio", 2, "the server was not ready within 30 s"));
        return new Sweep(Sweep.SCHEMA, "2025-03-04T05:06:07Z", "bench sweep --impl pool,virtual,nio --clients 2,20,200",
                "echo", List.of("pool", "virtual", "nio"), List.of(2, 20, 200), Map.of("clients", 2), Map.of("poolSize", 2),
                Map.of("cores", 2), 42.0, cells, Map.of());
    }

    @Test
    void writesJsonChartsAndReadmeFromCellSummaries() throws IOException {
        Sweep sweep = sweep();
        Path out = tmp.resolve("sweep");
        SweepReport.write(sweep, out, Map.of("nproc", "2", "uname -a", "Linux test"));

        Sweep read = Sweep.read(out);
        assertEquals(7, read.cells().size());
        Cell pool200 = read.cells().get(4);
        assertEquals("pool", pool200.impl());
        assertEquals(200, pool200.clients());
        assertEquals(2, pool200.served());
        assertEquals(1.0, pool200.servedPct());
        assertEquals(198, pool200.errors());
        assertEquals(198L, pool200.errorsByClass().get("read-timeout"));
        assertTrue(pool200.dir().startsWith("cells/"), pool200.dir());
        assertEquals(1000.0, pool200.requestsPerSecond(), 1e-9);
        assertTrue(pool200.p99Us() > read.cells().get(0).p99Us(), "latency scaled with clients");
        Cell failed = read.cells().get(6);
        assertEquals("the server was not ready within 30 s", failed.failure());
        assertNull(failed.requestsPerSecond());

        for (String file : SweepCharts.FILES.values()) {
            BufferedImage image = ImageIO.read(out.resolve(file).toFile());
            assertNotNull(image, file);
            assertEquals(Charts.WIDTH, image.getWidth(), file);
        }
        String readme = Files.readString(out.resolve(SweepReport.README));
        assertTrue(readme.contains("bench sweep --impl pool,virtual,nio --clients 2,20,200"), readme);
        assertTrue(readme.contains("![served](served.png)"), readme);
        // the percentiles hold the censored requests (issue 11): the legend must not say the starved add nothing
        assertTrue(readme.contains("censored") && !readme.contains("verified replies only"), readme);
        assertTrue(readme.contains("$ nproc\n2\n"), readme);
    }

    @Test
    void chartsUseLogAxesWhereFiguresSpanDecades() throws IOException {
        var charts = SweepCharts.charts(sweep());
        assertEquals(SweepCharts.FILES.keySet(), charts.keySet());
        assertTrue(charts.get("p99").getStyler().isXAxisLogarithmic(), "client count on a log axis");
        assertTrue(charts.get("p99").getStyler().isYAxisLogarithmic(), "p99 spans four decades");
        assertTrue(!charts.get("served").getStyler().isYAxisLogarithmic(), "a percentage stays linear");
        assertEquals(2, charts.get("throughput").getSeriesMap().size(), "nio never ran: no line");
    }

    @Test
    void tableHasOneRowPerCellAndMarksCellsThatDidNotRun() throws IOException {
        String table = SweepReport.table(sweep());
        String[] lines = table.split("\\R");
        assertEquals(2 + 7, lines.length, table);
        assertTrue(lines[0].contains("req/s") && lines[0].contains("served") && lines[0].contains("RSS"), table);
        assertTrue(lines[6].startsWith("pool") && lines[6].contains("2/200") && lines[6].contains("198"), table);
        assertTrue(lines[8].startsWith("nio") && lines[8].contains("not run: the server was not ready"), table);
    }
}
