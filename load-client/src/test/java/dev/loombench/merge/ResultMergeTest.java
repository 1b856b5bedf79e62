package dev.loombench.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.client.RunResult;
import dev.loombench.report.LatencyLog;
import dev.loombench.report.ResultReader;
import dev.loombench.report.ResultWriter;
import dev.loombench.report.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultMergeTest {

    @TempDir
    Path dir;

    /** Writes each run's data files (charts are not read back) and reads them back, as bench merge does. */
    List<ResultReader.Loaded> written(List<RunResult> runs) throws IOException {
        List<ResultReader.Loaded> loaded = new ArrayList<>();
        for (RunResult r : runs) {
            Path input = ResultWriter.createUnique(dir.resolve("inputs"), ResultWriter.directoryName(r));
            ResultWriter.writeData(r, input);
            loaded.add(ResultReader.read(input));
        }
        return loaded;
    }

    static Summary writtenSummary(RunResult r, Path dir) throws IOException {
        Files.createDirectories(dir);
        ResultWriter.writeData(r, dir);
        return Summary.read(dir);
    }

    Summary mergedSummary(List<RunResult> parts) throws Exception {
        ResultMerge.Merged merged = ResultMerge.merge(written(parts), null, Map.of("java", "25"), Map.of());
        return writtenSummary(merged.result(), dir.resolve("merged"));
    }

    @Test
    void mergingTheProcessesOfASplitRunGivesTheSingleRunsFigures() throws Exception {
        SplitRun split = new SplitRun();
        Summary single = writtenSummary(split.single, dir.resolve("single"));
        Summary merged = mergedSummary(split.parts);

        assertEquals(single.clients(), merged.clients());
        assertEquals(single.startedAt(), merged.startedAt());
        assertEquals(single.measuredSeconds(), merged.measuredSeconds(), 1e-9);
        assertEquals(single.throughput(), merged.throughput());
        assertEquals(single.latency().roundTrip(), merged.latency().roundTrip());
        assertEquals(single.latency().service(), merged.latency().service());
        assertEquals(single.latency().connect(), merged.latency().connect());
        assertEquals(single.latency().censored(), merged.latency().censored());
        assertEquals(single.errors(), merged.errors());
        assertEquals(single.fairness(), merged.fairness());
        assertEquals(single.firstReply(), merged.firstReply());
        assertEquals(single.server(), merged.server());
        assertEquals(single.client(), merged.client());
        assertEquals(single.openLoop(), merged.openLoop());
        assertEquals(5, single.firstReply().never() + single.firstReply().served() - 1, "a client never served is kept");
        assertTrue(single.errors().total() > 0 && single.latency().censored() > 0, "errors and censored requests are merged too");
    }

    @Test
    void theMergedLogIsAStandardLogWithEveryTagPerInterval() throws Exception {
        SplitRun split = new SplitRun();
        mergedSummary(split.parts);
        Path hlog = dir.resolve("merged").resolve(LatencyLog.FILE);
        Map<String, Integer> intervals = new HashMap<>();
        long latencyCount = 0;
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
            intervals.merge(h.getTag(), 1, Integer::sum);
            if (LatencyLog.LATENCY.equals(h.getTag())) latencyCount += ((Histogram) h).getTotalCount();
        }
        reader.close();
        assertEquals(Map.of("latency", 5, "service", 5, "connect", 5, "censored", 5), intervals);
        assertEquals(split.single.latency().getTotalCount(), latencyCount);
        assertEquals(split.single.startedAt().toEpochMilli(), (long) (reader.getStartTimeSec() * 1000));
    }

    @Test
    void processesStartedMillisecondsApartAreAddedOnAbsoluteTime() throws Exception {
        SplitRun split = new SplitRun(SplitRun.STARTED, new long[] {0, 30, 12});
        Summary single = writtenSummary(split.single, dir.resolve("single"));
        Summary merged = mergedSummary(split.parts);
        assertEquals(single.throughput().requests(), merged.throughput().requests());
        assertEquals(single.latency().roundTrip(), merged.latency().roundTrip());
        assertEquals(SplitRun.INTERVALS, merged.measuredSeconds(), 1e-9, "five one-second slots, not the union of the three");
    }

    @Test
    void processesStartedSecondsApartAreMergedWithANote() throws Exception {
        SplitRun split = new SplitRun(SplitRun.STARTED, new long[] {0, 2000, 0});
        ResultMerge.Merged merged = ResultMerge.merge(written(split.parts), null, Map.of(), Map.of());
        assertEquals(1, merged.notes().size());
        assertTrue(merged.notes().get(0).contains("2.000 s apart"), merged.notes().get(0));
        assertEquals(7, merged.result().intervals().size(), "slots 0-1 and 5-6 carry only some processes");
        assertEquals(split.single.totalRequests(), merged.result().totalRequests());
    }

    @Test
    void refusesInputsOfDifferentTargets() throws Exception {
        assertRefused("target differs", r -> withConfig(r, "target", "127.0.0.1:7001"));
    }

    @Test
    void refusesInputsOfDifferentProtocols() throws Exception {
        assertRefused("protocol differs", r -> new RunResult(r.impl(), "time", r.clients(), r.config(), r.environment(),
                r.startedAt(), r.measuredSeconds(), r.intervals(), r.latency(), r.service(), r.connect(), r.errors(),
                r.requestsPerClient(), r.openLoop(), r.serverCounters(), r.messages(), r.firstReplyNanos()));
    }

    @Test
    void refusesInputsOfDifferentLoadShapes() throws Exception {
        assertRefused("load shape differs", r -> withLoad(r, "pipeline", 4));
        assertRefused("load shape differs", r -> withLoad(r, "size", 1024));
    }

    @Test
    void refusesInputsWhoseMeasuredPhasesDoNotOverlap() throws Exception {
        SplitRun split = new SplitRun(SplitRun.STARTED, new long[] {0, 0, 5000});
        ResultMerge.Refused e = assertThrows(ResultMerge.Refused.class,
                () -> ResultMerge.merge(written(split.parts), null, Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("do not overlap"), e.getMessage());
    }

    @Test
    void clientCountAndRateMayDifferBetweenProcesses() throws Exception {
        SplitRun split = new SplitRun();
        List<RunResult> parts = new ArrayList<>(split.parts);
        parts.set(1, withLoad(parts.get(1), "rate", 123.0));
        ResultMerge.merge(written(parts), null, Map.of(), Map.of()); // no Refused
    }

    void assertRefused(String reason, UnaryOperator<RunResult> change) throws IOException {
        SplitRun split = new SplitRun();
        List<RunResult> parts = new ArrayList<>(split.parts);
        parts.set(2, change.apply(parts.get(2)));
        List<ResultReader.Loaded> inputs = written(parts);
        ResultMerge.Refused e = assertThrows(ResultMerge.Refused.class, () -> ResultMerge.merge(inputs, null, Map.of(), Map.of()));
        assertTrue(e.getMessage().startsWith(reason), e.getMessage());
    }

    static RunResult withConfig(RunResult r, String key, Object value) {
        Map<String, Object> config = new LinkedHashMap<>(castMap(r.config()));
        config.put(key, value);
        return new RunResult(r.impl(), r.protocol(), r.clients(), config, r.environment(), r.startedAt(),
                r.measuredSeconds(), r.intervals(), r.latency(), r.service(), r.connect(), r.errors(),
                r.requestsPerClient(), r.openLoop(), r.serverCounters(), r.messages(), r.firstReplyNanos());
    }

    static RunResult withLoad(RunResult r, String key, Object value) {
        Map<String, Object> load = new LinkedHashMap<>(castMap(castMap(r.config()).get("load")));
        load.put(key, value);
        return withConfig(r, "load", load);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

}
