package dev.loombench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChartBuilder;

class PlotJmhCommandTest {

    static final String RESULTS = """
            [
             {"benchmark":"dev.loombench.jmh.RoundTripBenchmark.throughput","mode":"thrpt","params":{"impl":"nio","protocol":"echo"},
              "primaryMetric":{"score":100.0,"scoreError":5.0,"scoreUnit":"ops/s"}},
             {"benchmark":"dev.loombench.jmh.RoundTripBenchmark.throughput","mode":"thrpt","params":{"impl":"nio","protocol":"time"},
              "primaryMetric":{"score":90.0,"scoreError":"NaN","scoreUnit":"ops/s"}},
             {"benchmark":"dev.loombench.jmh.RoundTripBenchmark.throughput","mode":"thrpt","params":{"impl":"virtual","protocol":"echo"},
              "primaryMetric":{"score":50.0,"scoreError":2.0,"scoreUnit":"ops/s"}},
             {"benchmark":"dev.loombench.jmh.FrameCodecBenchmark.decode","mode":"avgt",
              "primaryMetric":{"score":5.0,"scoreError":0.5,"scoreUnit":"ns/op"}}
            ]""";

    /** XChart's default series colours, as drawn over the white plot (they are translucent). */
    private static final int[] SERIES_COLOURS = Arrays.stream(new CategoryChartBuilder().build().getStyler().getSeriesColors())
            .limit(2).mapToInt(c -> {
                double a = c.getAlpha() / 255.0;
                return new Color((int) Math.round(c.getRed() * a + 255 * (1 - a)), (int) Math.round(c.getGreen() * a + 255 * (1 - a)),
                        (int) Math.round(c.getBlue() * a + 255 * (1 - a))).getRGB();
            }).toArray();

    @TempDir
    Path dir;

    @Test
    void writesOneChartPerBenchmarkClassModeAndUnitAndListsThem() throws Exception {
        Path file = Files.writeString(dir.resolve("run.json"), RESULTS);
        StringWriter out = new StringWriter();

        int code = BenchCli.start(new PrintWriter(out), new PrintWriter(new StringWriter()), "plot-jmh", file.toString());

        assertEquals(0, code, out.toString());
        Path charts = dir.resolve("run-charts");
        List<String> names = List.of("RoundTripBenchmark-thrpt-ops_s.png", "FrameCodecBenchmark-avgt-ns_op.png");
        try (Stream<Path> written = Files.list(charts)) {
            assertEquals(Set.copyOf(names), written.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
        assertEquals("wrote 2 charts to " + charts + ":\n  " + names.get(0) + "\n  " + names.get(1) + "\n",
                out.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void drawsEachScoreAsABarOfItsHeightOneColourPerSeries() throws Exception {
        Path file = Files.writeString(dir.resolve("run.json"), RESULTS);
        Path out = dir.resolve("charts");

        assertEquals(0, BenchCli.start(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                "plot-jmh", file.toString(), "--out", out.toString()));

        // round trip: grouped by impl (nio, virtual); series protocol=echo (first colour) and protocol=time (second)
        BufferedImage roundTrip = ImageIO.read(out.resolve("RoundTripBenchmark-thrpt-ops_s.png").toFile());
        List<Integer> echo = barHeights(roundTrip, SERIES_COLOURS[0]);
        List<Integer> time = barHeights(roundTrip, SERIES_COLOURS[1]);
        assertEquals(2, echo.size(), "echo: nio and virtual");
        assertEquals(50.0 / 100.0, echo.get(1) / (double) echo.get(0), 0.03, "virtual 50 vs nio 100 ops/s");
        assertEquals(1, time.size(), "time: nio only (no virtual result, no bar)");
        assertEquals(90.0 / 100.0, time.get(0) / (double) echo.get(0), 0.03, "nio time 90 vs echo 100 ops/s");

        // frame codec: one method, one series, one bar
        BufferedImage codec = ImageIO.read(out.resolve("FrameCodecBenchmark-avgt-ns_op.png").toFile());
        assertEquals(1, barHeights(codec, SERIES_COLOURS[0]).size());
        assertEquals(List.of(), barHeights(codec, SERIES_COLOURS[1]));
    }

    /**
     * Heights in pixels of the bars of one colour, left to right: runs of adjacent pixel columns
     * holding that colour, wider than a legend's swatch.
     */
    private static List<Integer> barHeights(BufferedImage image, int rgb) {
        List<Integer> bars = new ArrayList<>();
        int start = -1;
        int height = 0;
        for (int x = 0; x <= image.getWidth(); x++) {
            int count = 0;
            for (int y = 0; x < image.getWidth() && y < image.getHeight(); y++) {
                if (near(image.getRGB(x, y), rgb)) count++;
            }
            if (count > 0) {
                if (start < 0) start = x;
                height = Math.max(height, count);
            } else if (start >= 0) {
                if (x - start > 40) bars.add(height);
                start = -1;
                height = 0;
            }
        }
        return bars;
    }

    private static boolean near(int a, int b) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs((a >> shift & 0xff) - (b >> shift & 0xff)) > 2) return false;
        }
        return true;
    }

    @Test
    void aMissingFileIsAUsageErrorNotAStackTrace() {
        StringWriter err = new StringWriter();

        int code = BenchCli.start(new PrintWriter(new StringWriter()), new PrintWriter(err), "plot-jmh", dir.resolve("none.json").toString());

        assertEquals(2, code);
        assertTrue(err.toString().contains("no such file"), err.toString());
    }
}
