package dev.loombench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.client.RunResult;
import dev.loombench.merge.SplitRun;
import dev.loombench.report.HtmlChecks;
import dev.loombench.report.ResultWriter;
import dev.loombench.report.Summary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench merge}: a merged result directory from the results of several client processes, or exit 2 with the reason. */
class MergeCommandTest {

    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int bench(List<String> args) {
        return BenchCli.start(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    }

    List<String> inputs(List<RunResult> parts) throws IOException {
        List<String> dirs = new ArrayList<>();
        for (RunResult part : parts) {
            Path input = ResultWriter.createUnique(dir.resolve("inputs"), ResultWriter.directoryName(part));
            ResultWriter.writeData(part, input);
            dirs.add(input.toString());
        }
        return dirs;
    }

    @Test
    void mergesResultsIntoAResultDirectoryListingItsInputs() throws Exception {
        SplitRun split = new SplitRun();
        List<String> args = new ArrayList<>(List.of("merge"));
        List<String> inputs = inputs(split.parts);
        args.addAll(inputs);
        Path merged = dir.resolve("merged");
        args.addAll(List.of("--out", merged.toString()));
        assertEquals(0, bench(args), () -> out + "\n" + err);
        for (String file : ResultWriter.FILES.values()) assertTrue(Files.size(merged.resolve(file)) > 0, file);
        Summary s = Summary.read(merged);
        assertEquals(split.single.totalRequests(), s.throughput().requests());
        assertEquals(6, s.fairness().clients());
        List<?> from = (List<?>) ((Map<?, ?>) s.config()).get("mergedFrom");
        assertEquals(inputs, from.stream().map(e -> ((Map<?, ?>) e).get("dir")).toList());
        assertTrue(out.toString().contains("merged from 3 results"), out.toString());
        HtmlChecks.assertShowsEverything(merged);
    }

    @Test
    void refusesMismatchedInputsWithTheReasonAndExit2() throws Exception {
        SplitRun a = new SplitRun();
        SplitRun late = new SplitRun(SplitRun.STARTED.plusSeconds(60), new long[SplitRun.PARTS]);
        List<String> args = new ArrayList<>(List.of("merge"));
        args.addAll(inputs(List.of(a.parts.get(0), late.parts.get(1))));
        args.addAll(List.of("--out", dir.resolve("merged").toString()));
        assertEquals(2, bench(args));
        assertTrue(err.toString().contains("cannot merge: measured phases do not overlap"), err.toString());
        assertTrue(!Files.exists(dir.resolve("merged")), "nothing written");
    }

    @Test
    void refusesADirectoryThatIsNotAResult() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        assertEquals(2, bench(List.of("merge", dir.resolve("empty").toString(), "--out", dir.resolve("m").toString())));
        assertTrue(err.toString().contains("no summary.json"), err.toString());
    }
}
