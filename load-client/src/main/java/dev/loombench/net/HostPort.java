package dev.loombench.net;

import java.net.InetSocketAddress;
import java.util.regex.Pattern;

/**
 * Addresses as people type and read them: {@code HOST:PORT}, {@code [IPv6]:PORT}, or a bare
 * {@code PORT} meaning {@code 127.0.0.1:PORT}. The one parser behind {@code bench run --target},
 * {@code bench client HOST:PORT} and the client's {@code connect}. Stateless.
 */
public final class HostPort {

    private static final Pattern DIGITS = Pattern.compile("\\d{1,5}");

    private HostPort() {}

    /**
     * Parses {@code text} into an unresolved address: no name is looked up here, connecting does that.
     * An IPv6 address needs its brackets ({@code [::1]:7000}); without them the last colon would be
     * ambiguous.
     *
     * @throws IllegalArgumentException with a one-line message: {@code 'TEXT' is not HOST:PORT: why, e.g. ...}
     */
    public static InetSocketAddress parse(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) throw notHostPort(text, "the IPv6 address has no closing ]");
            host = text.substring(1, close);
            if (!text.startsWith(":", close + 1)) throw notHostPort(text, "no :PORT after the ]");
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0 && !DIGITS.matcher(text).matches()) throw notHostPort(text, "no :PORT");
            host = colon < 0 ? "127.0.0.1" : text.substring(0, colon);
            port = text.substring(colon + 1);
            if (host.contains(":")) throw notHostPort(text, "write an IPv6 address in brackets");
        }
        if (host.isBlank()) throw notHostPort(text, "the host is missing");
        if (!DIGITS.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw notHostPort(text, "the port must be a number from 1 to 65535");
        }
        return InetSocketAddress.createUnresolved(host, Integer.parseInt(port));
    }

    /** {@code host:port}, or {@code [v6]:port}; the IP address when {@code address} is resolved. */
    public static String format(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static IllegalArgumentException notHostPort(String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not HOST:PORT: " + why + ", e.g. 127.0.0.1:7000 or [::1]:7000");
    }
}
