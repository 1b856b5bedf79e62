package dev.loombench.interactive;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a {@link ClientShell} through plain (piped) input, as {@code printf ... | bench client} would:
 * either a whole script at once ({@link #script}), or line by line while it runs ({@link #start},
 * {@link #type}, {@link #await}, {@link #end}). Waits are bounded by the tests' {@code @Timeout}.
 */
final class ShellDriver {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final StringWriter output = new StringWriter();
    private final LineFeed input = new LineFeed();
    private CompletableFuture<Integer> exitCode;

    /** Runs {@code lines} to the end of input; returns the exit code, output in {@link #lines}. */
    static Result script(InetSocketAddress connectTo, String... lines) {
        return script(TIMEOUT, connectTo, lines);
    }

    static Result script(Duration timeout, InetSocketAddress connectTo, String... lines) {
        ShellDriver driver = new ShellDriver();
        Reader in = new StringReader(String.join("\n", lines) + "\n");
        int code = new ClientShell(ClientShell.Console.plain(in, new PrintWriter(driver.output)), timeout).run(connectTo);
        return new Result(code, driver.lines());
    }

    record Result(int exitCode, List<String> lines) {}

    /** Starts a shell in its own thread, reading what {@link #type} feeds it. */
    static ShellDriver start(InetSocketAddress connectTo) {
        ShellDriver driver = new ShellDriver();
        ClientShell shell = new ClientShell(ClientShell.Console.plain(driver.input, new PrintWriter(driver.output)), TIMEOUT);
        driver.exitCode = CompletableFuture.supplyAsync(() -> shell.run(connectTo),
                runnable -> Thread.ofPlatform().daemon().name("test-shell").start(runnable));
        return driver;
    }

    void type(String line) {
        input.lines.add(line + "\n");
    }

    /** Waits for an output line that matches {@code regex} whole; returns its matcher. */
    Matcher await(String regex) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        while (true) {
            boolean ended = exitCode.isDone(); // read before the output, so a last line is not missed
            for (String line : lines()) {
                Matcher m = pattern.matcher(line);
                if (m.matches()) return m;
            }
            if (ended) fail("the shell ended without printing a line like " + regex + "; output:\n" + output);
            Thread.sleep(10);
        }
    }

    /** Ends the input (like Ctrl-D or the end of a pipe) and returns the exit code. */
    int end() {
        input.lines.add(LineFeed.EOF);
        return exitCode.join();
    }

    List<String> lines() {
        String text = output.toString();
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    @Override
    public String toString() {
        return output.toString();
    }

    /** A Reader that blocks until the test types the next line. */
    private static final class LineFeed extends Reader {
        static final String EOF = "";
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private String current = "";
        private int position;
        private boolean ended;

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (ended) return -1;
            if (position == current.length()) {
                try {
                    current = lines.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                position = 0;
                if (current.equals(EOF)) {
                    ended = true;
                    return -1;
                }
            }
            int n = Math.min(length, current.length() - position);
            current.getChars(position, position + n, buffer, offset);
            position += n;
            return n;
        }

        @Override
        public void close() {
            ended = true;
        }
    }
}
