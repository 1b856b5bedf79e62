package dev.loombench.client;

import java.util.concurrent.CountDownLatch;

/**
 * A stand-in for {@code bench serve} in a child JVM, for {@link ChildServerTest}: it speaks the
 * same two event lines, or misbehaves as its argument says.
 * <ul>
 *   <li>{@code ok}: an echo server; ready line; stopped line with counters on SIGTERM;</li>
 *   <li>{@code die}: complains on stderr and exits 3 before it is ready;</li>
 *   <li>{@code silent}: never says it is ready;</li>
 *   <li>{@code stubborn}: ready, but ignores SIGTERM (its shutdown hook never ends);</li>
 *   <li>{@code dies}: ready, then says it died and exits 1, as {@code serve} does when its server dies.</li>
 * </ul>
 */
public final class FakeServe {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        if (mode.equals("die")) {
            System.err.println("fake: cannot bind 127.0.0.1:1: Permission denied");
            System.exit(3);
        }
        if (mode.equals("silent")) {
            Thread.sleep(60_000);
            return;
        }
        TestServer server = new TestServer(TestServer::echo);
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (mode.equals("stubborn")) {
                try {
                    forever.await();
                } catch (InterruptedException ignored) {
                    // killed
                }
            }
            System.out.println("{\"event\":\"stopped\",\"counters\":{\"accepted\":" + server.accepted.get()
                    + ",\"rejected\":0,\"closed\":0,\"liveConnections\":0,\"peakConnections\":1,\"liveThreads\":0,"
                    + "\"peakThreads\":1,\"jvmPeakPlatformThreads\":9,\"bytesIn\":0,\"bytesOut\":0}}");
            System.out.flush();
        }));
        System.out.println("some other output first");
        System.out.println("{\"event\":\"ready\",\"port\":" + server.address().getPort() + ",\"pid\":"
                + ProcessHandle.current().pid() + ",\"impl\":\"fake\"}");
        System.out.flush();
        if (mode.equals("dies")) {
            System.out.println("{\"event\":\"died\",\"reason\":\"loombench-fake-1-loop ended by java.lang.OutOfMemoryError\"}");
            System.err.println("serve: the fake server died: loombench-fake-1-loop ended by java.lang.OutOfMemoryError");
            System.exit(1); // the stopped line comes from the shutdown hook
        }
        forever.await();
    }
}
