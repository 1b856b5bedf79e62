package dev.loombench.report;

import dev.loombench.client.RunResult;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes and reads {@code clients.csv}: one row per client of a run, in client order —
 * {@code client} (its number), {@code requests} (verified in the measured phase) and
 * {@code first_reply_ns} (from its first connect attempt to its first verified reply; empty when
 * never served, or when not measured). The fairness and first-reply figures of the summary are made
 * from these; {@code bench merge} puts the clients of several processes side by side to make them
 * for all the clients together.
 */
public final class ClientsCsv {

    public static final String FILE = "clients.csv";
    static final String HEADER = "client,requests,first_reply_ns";

    /**
     * The per-client figures of a run.
     *
     * @param requests        verified requests of each client
     * @param firstReplyNanos first-reply time of each client, -1 never served; null when not measured
     */
    public record Clients(long[] requests, long[] firstReplyNanos) {}

    private ClientsCsv() {}

    public static void write(RunResult result, Path file) throws IOException {
        long[] requests = result.requestsPerClient();
        long[] first = result.firstReplyNanos();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER + "\n");
            for (int i = 0; i < requests.length; i++) {
                String firstReply = first == null || i >= first.length || first[i] < 0 ? "" : Long.toString(first[i]);
                out.write(i + "," + requests[i] + "," + firstReply + "\n");
            }
        }
    }

    /**
     * Reads the file back; first-reply times are null when no client has one and some client was
     * served (they were not measured).
     *
     * @throws IOException if it is missing or not in this format
     */
    public static Clients read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) throw new IOException(file + ": not a " + FILE + " (header " + HEADER + ")");
        int n = lines.size() - 1;
        long[] requests = new long[n];
        long[] first = new long[n];
        boolean anyFirst = false;
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",", -1);
            try {
                requests[i] = Long.parseLong(f[1]);
                first[i] = f[2].isEmpty() ? -1 : Long.parseLong(f[2]);
                anyFirst |= first[i] >= 0;
            } catch (RuntimeException e) {
                throw new IOException(file + ": bad row " + (i + 2) + ": " + lines.get(i + 1));
            }
        }
        boolean anyServed = java.util.Arrays.stream(requests).anyMatch(r -> r > 0);
        return new Clients(requests, anyFirst || !anyServed ? first : null);
    }
}
