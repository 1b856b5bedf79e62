package dev.loombench.demo;

import dev.loombench.report.Human;
import java.util.Locale;

/** How the generated explanations write measured figures. */
final class Text {

    private Text() {}

    /** A latency or wait given in milliseconds: {@code 850 us}, {@code 12.3 ms}, {@code 2.05 s}. */
    static String ms(double ms) {
        return Human.latency(ms * 1e6);
    }

    /** A latency given in microseconds. */
    static String us(double us) {
        return Human.latencyUs(us);
    }

    /** A count with thousands separators. */
    static String n(double count) {
        return Human.count(count);
    }

    /** {@code 1 client}, {@code 500 clients}. */
    static String clients(int n) {
        return n(n) + (n == 1 ? " client" : " clients");
    }

    /** A ratio as {@code 1.6x}, {@code 16x}. */
    static String times(double ratio) {
        return (ratio >= 10 ? String.format(Locale.ROOT, "%.0f", ratio) : String.format(Locale.ROOT, "%.1f", ratio)) + "x";
    }

    /** A percentage with no decimals. */
    static String pct(double pct) {
        return String.format(Locale.ROOT, "%.0f%%", pct);
    }

    /** A figure with two significant decimals, e.g. a KB or a thread count per connection. */
    static String f(double x) {
        return Math.abs(x) >= 100 ? String.format(Locale.ROOT, "%,.0f", x)
                : Math.abs(x) >= 10 ? String.format(Locale.ROOT, "%.1f", x) : String.format(Locale.ROOT, "%.2f", x);
    }
}
