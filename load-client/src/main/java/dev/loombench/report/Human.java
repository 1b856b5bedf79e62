package dev.loombench.report;

import java.util.Locale;

/** Numbers as people read them in the terminal and in chart legends: 850 us, 1.20 ms, 48,210 req/s, 212 MB. */
public final class Human {

    private Human() {}

    /** A latency from nanoseconds, with three significant digits: {@code 850 us}, {@code 1.20 ms}, {@code 2.50 s}. */
    public static String latency(double nanos) {
        if (nanos < 1e3) return String.format(Locale.ROOT, "%.0f ns", nanos);
        if (nanos < 1e6) return sig3(nanos / 1e3) + " us";
        if (nanos < 1e9) return sig3(nanos / 1e6) + " ms";
        return sig3(nanos / 1e9) + " s";
    }

    /** A latency given in microseconds (as summary.json holds them). */
    public static String latencyUs(double micros) {
        return latency(micros * 1e3);
    }

    /** A count with thousands separators: {@code 48,210}. */
    public static String count(double n) {
        return String.format(Locale.ROOT, "%,.0f", n);
    }

    /** Bytes in decimal units: {@code 512 B}, {@code 3.1 kB}, {@code 212 MB}, {@code 1.4 GB}. */
    public static String bytes(double bytes) {
        if (bytes < 1e3) return String.format(Locale.ROOT, "%.0f B", bytes);
        if (bytes < 1e6) return sig3(bytes / 1e3) + " kB";
        if (bytes < 1e9) return sig3(bytes / 1e6) + " MB";
        return sig3(bytes / 1e9) + " GB";
    }

    /** A percentage with up to two decimals as needed for small values: {@code 87%}, {@code 0.35%}. */
    public static String percent(double pct) {
        return pct >= 10 || pct == 0 ? String.format(Locale.ROOT, "%.0f%%", pct) : sig3(pct) + "%";
    }

    /** Three significant digits, no exponent: 1.20, 12.3, 123, 1234. */
    static String sig3(double x) {
        if (x >= 100) return String.format(Locale.ROOT, "%.0f", x);
        if (x >= 10) return String.format(Locale.ROOT, "%.1f", x);
        return String.format(Locale.ROOT, "%.2f", x);
    }
}
