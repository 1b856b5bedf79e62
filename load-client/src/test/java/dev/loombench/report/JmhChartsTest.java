package dev.loombench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;

class JmhChartsTest {

    private static final String RESULTS = """
            [
             {"benchmark":"dev.loombench.jmh.RoundTripBenchmark.throughput","mode":"thrpt","params":{"impl":"nio","protocol":"echo"},
              "primaryMetric":{"score":100.0,"scoreError":5.0,"scoreUnit":"ops/s"}},
             {"benchmark":"dev.loombench.jmh.RoundTripBenchmark.throughput","mode":"thrpt","params":{"impl":"nio","protocol":"time"},
              "primaryMetric":{"score":90.0,"scoreError":"NaN","scoreUnit":"ops/s"}},
             {"benchmark":"dev.loombench.jmh.RoundTripBenchmark.throughput","mode":"thrpt","params":{"impl":"virtual","protocol":"echo"},
              "primaryMetric":{"score":50.0,"scoreError":2.0,"scoreUnit":"ops/s"}}
            ]""";

    @TempDir
    Path dir;

    @Test
    void groupsBarsByModelWithOneSeriesPerProtocol() throws Exception {
        List<JmhResult> results = JmhResult.read(Files.writeString(dir.resolve("run.json"), RESULTS));

        CategoryChart chart = JmhCharts.chart(results);

        assertEquals(List.of("throughput protocol=echo", "throughput protocol=time"), List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals(List.of("nio", "virtual"), List.copyOf(chart.getSeriesMap().get("throughput protocol=echo").getXData()));
        assertEquals("impl", chart.getXAxisTitle());
    }

    @Test
    void readsASingleIterationErrorAsNaN() throws Exception {
        List<JmhResult> results = JmhResult.read(Files.writeString(dir.resolve("run.json"), RESULTS));

        assertEquals(Double.NaN, results.get(1).error());
        assertEquals("RoundTripBenchmark.throughput [thrpt] {impl=nio, protocol=time}", results.get(1).key());
    }
}
