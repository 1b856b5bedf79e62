package dev.loombench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @TempDir
    Path dir;

    @Test
    void writesOneChartPerBenchmarkClassAndModeAsPng() throws Exception {
        Path file = Files.writeString(dir.resolve("run.json"), RESULTS);
        StringWriter out = new StringWriter();

        int code = BenchCli.start(new PrintWriter(out), new PrintWriter(new StringWriter()), "plot-jmh", file.toString());

        assertEquals(0, code, out.toString());
        Path charts = dir.resolve("run-charts");
        for (String name : List.of("RoundTripBenchmark-thrpt-ops_s.png", "FrameCodecBenchmark-avgt-ns_op.png")) {
            BufferedImage image = ImageIO.read(charts.resolve(name).toFile());
            assertNotNull(image, name + " is a readable PNG");
            assertEquals(1000, image.getWidth());
        }
        assertTrue(out.toString().contains("wrote 2 charts"), out.toString());
    }

    @Test
    void aMissingFileIsAUsageErrorNotAStackTrace() {
        StringWriter err = new StringWriter();

        int code = BenchCli.start(new PrintWriter(new StringWriter()), new PrintWriter(err), "plot-jmh", dir.resolve("none.json").toString());

        assertEquals(2, code);
        assertTrue(err.toString().contains("no such file"), err.toString());
    }
}
