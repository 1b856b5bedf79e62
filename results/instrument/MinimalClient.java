import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.*;
import java.nio.file.*;
import java.util.*;

/** The throwaway client: one Selector, N connections, 64-byte closed-loop echo, length check only.
 *  Usage: MinimalClient PORT SERVER_PID CLIENTS WARMUP_S DURATION_S. Prints req/s and both processes' CPU us/request. */
public class MinimalClient {
    static long cpu(long pid) throws Exception {
        long sum = 0;
        try (var ds = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : ds) { try { sum += Long.parseLong(Files.readString(t.resolve("schedstat")).split(" ")[0]); } catch (Exception e) {} }
        }
        return sum;
    }
    public static void main(String[] a) throws Exception {
        int port = Integer.parseInt(a[0]); long spid = Long.parseLong(a[1]); int n = Integer.parseInt(a[2]);
        long warm = Long.parseLong(a[3]) * 1_000_000_000L, dur = Long.parseLong(a[4]) * 1_000_000_000L;
        Selector sel = Selector.open();
        ByteBuffer req = ByteBuffer.allocateDirect(64); for (int i = 0; i < 64; i++) req.put((byte) i); req.flip();
        ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
        int[] got = new int[n];
        for (int i = 0; i < n; i++) {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            ch.configureBlocking(false); ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            ch.register(sel, SelectionKey.OP_READ, i);
            req.rewind(); ch.write(req);
        }
        long self = ProcessHandle.current().pid();
        long start = System.nanoTime(), mStart = start + warm, mEnd = mStart + dur;
        long count = 0, c0 = 0, s0 = 0, cs0 = 0; boolean measuring = false;
        long[] done = {0};
        while (true) {
            sel.select(k -> {
                try {
                    SocketChannel ch = (SocketChannel) k.channel(); int id = (Integer) k.attachment();
                    buf.clear(); int r = ch.read(buf);
                    if (r < 0) throw new IllegalStateException("closed");
                    got[id] += r;
                    while (got[id] >= 64) { got[id] -= 64; done[0]++; req.rewind(); ch.write(req); }
                } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }
            }, 100);
            long now = System.nanoTime();
            if (!measuring && now >= mStart) { measuring = true; c0 = done[0]; cs0 = cpu(self); s0 = cpu(spid); }
            if (measuring && now >= mEnd) {
                long reqs = done[0] - c0; long cc = cpu(self) - cs0, sc = cpu(spid) - s0;
                double secs = (now - mStart) / 1e9;
                System.out.printf("req/s %.0f server %.2f client %.2f ratio %.3f%n", reqs / secs, sc / 1e3 / reqs, cc / 1e3 / reqs, (double) cc / sc);
                System.exit(0);
            }
        }
    }
}
