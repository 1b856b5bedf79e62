package dev.loombench.cli;

import dev.loombench.client.Progress;
import dev.loombench.client.RunResult;
import dev.loombench.report.ComparisonWriter;
import dev.loombench.report.ProgressDisplay;
import dev.loombench.report.ResultWriter;
import dev.loombench.report.TerminalSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The seam between a run and its reports: result directory ({@link ResultWriter}), terminal
 * summary ({@link TerminalSummary}), live progress ({@link ProgressDisplay}) and the comparison
 * of several runs ({@link ComparisonWriter}).
 */
final class RunReports {

    private RunReports() {}

    /** Progress shown while a run goes on; closed when it ends. */
    interface ProgressSink extends Consumer<Progress>, AutoCloseable {
        @Override
        void close();
    }

    /** Writes {@code <root>/<yyyyMMdd-HHmmss>-<impl>-c<N>-<protocol>/} and returns it. */
    static Path write(RunResult result, Path root) throws IOException {
        return ResultWriter.write(result, root);
    }

    /** A few lines for the terminal. */
    static String summary(RunResult r, Path dir) {
        return TerminalSummary.format(r, dir);
    }

    /** A redrawn progress bar on a terminal, plain lines otherwise, on stderr. */
    static ProgressSink progress(PrintWriter err) {
        ProgressDisplay display = ProgressDisplay.forConsole(err);
        return new ProgressSink() {
            @Override
            public void accept(Progress p) {
                display.accept(p);
            }

            @Override
            public void close() {
                display.close();
            }
        };
    }

    /** Writes the comparison of the runs in {@code dirs} under {@code <root>/<yyyyMMdd-HHmmss>-compare/} and returns it. */
    static Path compare(List<Path> dirs, Path root) throws IOException {
        return ComparisonWriter.write(dirs, ComparisonWriter.newDirectory(root));
    }

    /** The runs side by side, for the terminal. */
    static String table(List<Path> dirs) {
        return ComparisonWriter.table(dirs);
    }
}
