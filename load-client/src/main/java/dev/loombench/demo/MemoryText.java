package dev.loombench.demo;

import dev.loombench.demo.MemoryPerConnectionScenario.PerConnection;
import dev.loombench.demo.MemoryPerConnectionScenario.Point;
import dev.loombench.server.ServerKind;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The generated explanation of {@link MemoryPerConnectionScenario}: set-up, a table, and what each model's slope says. */
final class MemoryText {

    private static final double MIB = 1024 * 1024;

    private MemoryText() {}

    static String of(List<Integer> steps, Map<ServerKind, List<Point>> points, Map<ServerKind, PerConnection> cost,
                     boolean shown) {
        int max = steps.getLast();
        StringBuilder b = new StringBuilder();
        b.append("Idle echo connections — connected, each answered one 1-byte echo, then silent — held open against")
                .append(" `thread`, `virtual` and `nio` servers: none, then ").append(join(steps, s -> Text.n(s)))
                .append(". The servers run with `").append(String.join(" ", MemoryPerConnectionScenario.SERVER_JVM))
                .append("`: the same heap for all, committed and touched before the first connection, so RSS grows only by")
                .append(" memory outside the Java heap. `-Xss1m` is the JDK's default stack size on Linux x64, given")
                .append(" explicitly: it is reserved address space, and only the stack pages a thread touches count in RSS.")
                .append(" What lives on the heap is measured apart, as the live heap after a full GC")
                .append(" (`jcmd <pid> GC.class_histogram`). Kernel socket buffers are in neither figure. Every reading is")
                .append(" taken once the server's threads and RSS stopped changing; the cost per connection is the")
                .append(" least-squares slope over the ").append(join(steps, s -> Text.n(s))).append(" readings.\n\n");
        b.append("| model | OS threads | RSS (MiB) | live heap (MiB) | per connection: threads | RSS | heap | RSS + heap |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<ServerKind, List<Point>> e : points.entrySet()) {
            List<Point> p = e.getValue();
            PerConnection c = cost.get(e.getKey());
            b.append("| ").append(e.getKey()).append(" | ").append(join(p, q -> Text.n(q.threads()))).append(" | ")
                    .append(join(p, q -> String.format(Locale.ROOT, "%.0f", q.rssBytes() / MIB))).append(" | ")
                    .append(join(p, q -> q.liveHeapBytes() < 0 ? "?" : String.format(Locale.ROOT, "%.1f", q.liveHeapBytes() / MIB)))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", c.threads())).append(" | ")
                    .append(kib(c.rssKib())).append(" | ").append(c.liveHeapKib() < 0 ? "?" : kib(c.liveHeapKib()))
                    .append(" | **").append(kib(c.totalKib())).append("** |\n");
        }
        b.append("\n(Readings at 0 / ").append(join(steps, s -> Text.n(s))).append(" connections; KiB = 1,024 bytes.)\n\n");
        PerConnection t = cost.get(ServerKind.THREAD);
        PerConnection v = cost.get(ServerKind.VIRTUAL);
        PerConnection n = cost.get(ServerKind.NIO);
        Point t0 = points.get(ServerKind.THREAD).getFirst();
        Point t1 = points.get(ServerKind.THREAD).get(1);
        double firstStepKib = (t1.rssBytes() - t0.rssBytes()) / 1024.0 / Math.max(1, t1.connections());
        if (t.threads() > 0.9 && t.threads() < 1.1) {
            b.append("**`thread` adds one OS thread per connection** (").append(String.format(Locale.ROOT, "%.2f", t.threads()))
                    .append("; ").append(Text.n(last(points, ServerKind.THREAD).threads())).append(" threads at ")
                    .append(Text.n(max)).append(" connections) and ").append(kib(t.rssKib()))
                    .append(" of RSS for each — its touched stack pages and the JVM's and kernel's per-thread structures —")
                    .append(" plus ").append(kib(t.liveHeapKib())).append(" of heap (its 16 KiB read buffer, the Thread and")
                    .append(" socket objects): **about ").append(kib(t.totalKib())).append(" per idle connection**. ");
            if (firstStepKib > 1.5 * t.rssKib()) {
                b.append("The first ").append(Text.n(t1.connections())).append(" threads cost more RSS each (")
                        .append(kib(firstStepKib)).append("): stack pages a thread has touched stay resident, and the")
                        .append(" first threads run the accept-and-serve code in the interpreter, whose frames are larger,")
                        .append(" before the JIT has compiled it. ");
            }
        } else {
            b.append("**`thread` did not show one OS thread per connection** as expected: ")
                    .append(String.format(Locale.ROOT, "%.2f", t.threads())).append(" threads per connection. ");
        }
        if (Math.abs(v.threads()) < 0.05) {
            b.append("**`virtual` keeps its OS threads flat** (").append(Text.n(points.get(ServerKind.VIRTUAL).getFirst().threads()))
                    .append(" → ").append(Text.n(last(points, ServerKind.VIRTUAL).threads()))
                    .append(": carrier threads and the JVM's own); its connections cost ").append(kib(v.liveHeapKib()))
                    .append(" of heap each — the 16 KiB read buffer every blocking connection holds, the parked virtual")
                    .append(" thread's stack chunk, the socket objects — and ").append(kib(v.rssKib()))
                    .append(" of RSS: **about ").append(kib(v.totalKib())).append("**. ");
        } else {
            b.append("**`virtual` added OS threads with connections** (").append(String.format(Locale.ROOT, "%.2f", v.threads()))
                    .append(" per connection), which it should not. ");
        }
        if (Math.abs(n.threads()) < 0.05) {
            b.append("**`nio` needs neither a thread nor a read buffer per connection** (one buffer is shared by the")
                    .append(" loop): ").append(kib(n.liveHeapKib())).append(" of heap (channel, selection key, session) and ")
                    .append(kib(n.rssKib())).append(" of RSS: **about ").append(kib(n.totalKib())).append("**.");
        } else {
            b.append("**`nio` added OS threads with connections** (").append(String.format(Locale.ROOT, "%.2f", n.threads()))
                    .append(" per connection), which it should not.");
        }
        b.append("\n\n");
        if (shown) {
            b.append("So an idle connection costs `thread` ").append(Text.times(t.totalKib() / Math.max(0.1, v.totalKib())))
                    .append(" what it costs `virtual`, and an OS thread besides: at ").append(Text.n(max))
                    .append(" connections `thread` ran ").append(Text.n(last(points, ServerKind.THREAD).threads()))
                    .append(" threads, `virtual` ").append(Text.n(last(points, ServerKind.VIRTUAL).threads())).append(".\n");
        } else {
            b.append("**The expected ordering did not fully show** (one OS thread per `thread` connection, none for `virtual`")
                    .append(" and `nio`, and `thread` costing the most per connection); see the table.\n");
        }
        return b.toString();
    }

    private static Point last(Map<ServerKind, List<Point>> points, ServerKind kind) {
        return points.get(kind).getLast();
    }

    private static String kib(double kib) {
        return Text.f(kib) + " KiB";
    }

    private static <T> String join(List<T> values, Function<T, String> format) {
        return String.join(" / ", values.stream().map(format).toList());
    }
}
