package dev.loombench.report;

import dev.loombench.client.Interval;
import dev.loombench.client.RunResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * {@code latency.hlog}: a standard HdrHistogram interval log (format 1.3, values in
 * nanoseconds), readable by HistogramLogAnalyzer, {@code HistogramLogProcessor} and
 * {@code bench merge}. Base and start time are the wall-clock start of the measured phase, so
 * interval timestamps are seconds into the measured phase, matching {@code timeseries.csv}.
 *
 * <p>Each measured interval contributes one histogram per metric, told apart by tag:
 * <ul>
 *   <li>{@value #LATENCY} - round trip from the intended send time (coordinated-omission corrected);</li>
 *   <li>{@value #SERVICE} - raw service time, from the actual send to the verified reply;</li>
 *   <li>{@value #CONNECT} - TCP connect latency of the connections made in the interval;</li>
 *   <li>{@value #CENSORED} - the ages of the requests given up in the interval (timed out, failed with their
 *       connection, unanswered at the end of the phase); they are in {@value #LATENCY} too;</li>
 *   <li>{@value #RECEIVED} (UDP runs only) - the round trip of the datagrams that came back, that is
 *       {@value #LATENCY} without the lost and censored ones.</li>
 * </ul>
 * Empty interval histograms are written too, so every tag has one entry per interval.
 */
public final class LatencyLog {

    public static final String FILE = "latency.hlog";
    public static final String LATENCY = "latency";
    public static final String SERVICE = "service";
    public static final String CONNECT = "connect";
    public static final String CENSORED = "censored";
    public static final String RECEIVED = "received";

    private LatencyLog() {}

    public static void write(RunResult result, Path file) throws IOException {
        long startMillis = result.startedAt().toEpochMilli();
        try (OutputStream out = Files.newOutputStream(file)) {
            HistogramLogWriter log = new HistogramLogWriter(out);
            log.outputComment("loombench " + result.impl() + " " + result.protocol() + " c" + result.clients()
                    + "; values in nanoseconds; tags: latency (corrected round trip, censored included), service, connect, censored"
                    + (result.datagrams() != null ? ", received (udp: latency of the datagrams that came back)" : ""));
            log.outputLogFormatVersion();
            log.outputStartTime(startMillis);
            log.setBaseTime(startMillis);
            log.outputBaseTime(startMillis);
            log.outputLegend();
            for (Interval in : result.intervals()) {
                double start = in.startSeconds();
                double end = start + in.lengthSeconds();
                writeTagged(log, start, end, in.latency(), LATENCY);
                writeTagged(log, start, end, in.service(), SERVICE);
                writeTagged(log, start, end, in.connect(), CONNECT);
                writeTagged(log, start, end, in.censored(), CENSORED);
                if (in.datagrams() != null) writeTagged(log, start, end, received(in), RECEIVED);
            }
            log.close();
        }
    }

    /** The interval's round trips of verified replies only: the censored ones taken out of the latency. */
    public static Histogram received(Interval in) {
        Histogram received = in.latency().copy();
        if (in.censored() != null && in.censored().getTotalCount() > 0) received.subtract(in.censored());
        return received;
    }

    private static void writeTagged(HistogramLogWriter log, double start, double end, Histogram h, String tag) {
        Histogram tagged = h == null ? new Histogram(3) : h.copy(); // the result's histograms stay untouched
        tagged.setTag(tag);
        log.outputIntervalHistogram(start, end, tagged, 1e6); // max column in milliseconds, as HdrHistogram writes it
    }

    /** The sum of every interval histogram with {@code tag} in a log; empty if there are none. */
    public static Histogram sum(Path file, String tag) throws IOException {
        Histogram total = new Histogram(3);
        forEach(file, h -> {
            if (tag.equals(h.getTag())) total.add((Histogram) h);
        });
        return total;
    }

    /** Calls {@code action} for every interval histogram of the log, in order. */
    static void forEach(Path file, Consumer<EncodableHistogram> action) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException(file + ": no such HdrHistogram log");
        HistogramLogReader reader = new HistogramLogReader(file.toFile());
        try {
            for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
                action.accept(h);
            }
        } finally {
            reader.close();
        }
    }
}
