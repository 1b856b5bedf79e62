package dev.loombench.fault;

import dev.loombench.client.ErrorClass;
import dev.loombench.client.SteadyLoad;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every fault must leave intact, checked by {@link FaultSuite} around each one: the steady
 * clients, the server's threads, descriptors and memory, its log, and a fresh client's service.
 * Each check adds what it finds wrong to the fault's {@link FaultOutcome}.
 */
final class FaultChecks {

    private FaultChecks() {}

    /**
     * Waits (at most 10 s) until the steady clients are all connected and served without a new
     * error, so a fault starts from a healthy load (after an earlier fault, or a stall of this
     * JVM long enough for the server to close them as idle, they reconnect first).
     */
    static void awaitSteadyHealthy(SteadyLoad load, int connections) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        SteadyLoad.Totals last = load.totals();
        while (System.nanoTime() - deadline < 0) {
            Thread.sleep(100);
            SteadyLoad.Totals now = load.totals();
            SteadyLoad.Totals recent = now.minus(last);
            if (recent.errorCount() == 0 && recent.requests() > 0 && load.liveConnections() >= connections) return;
            last = now;
        }
    }

    /** Threads and descriptors back to their level (waiting at most {@code settle}), RSS near it; returns the usage after. */
    static ServerUnderTest.Usage reclaimed(ServerUnderTest server, ServerUnderTest.Usage before, Duration settle,
                                           FaultOutcome outcome) throws InterruptedException {
        int tolerance = FaultSuite.tolerance(server.config().protocol());
        ServerUnderTest.Usage after = server.settle(before, tolerance, settle);
        outcome.check(after.threads() <= before.threads() + tolerance,
                "threads " + before.threads() + " -> " + after.threads() + ": not back to their level");
        outcome.check(after.fds() <= before.fds() + tolerance,
                "descriptors " + before.fds() + " -> " + after.fds() + ": connections not reclaimed");
        outcome.check(after.rssBytes() <= before.rssBytes() + FaultSuite.RSS_SLACK_BYTES,
                "RSS " + (before.rssBytes() >> 20) + " -> " + (after.rssBytes() >> 20) + " MiB");
        return after;
    }

    /** A newcomer is served correctly; for {@code time}, LIST shows only the steady clients and itself. */
    static void freshClient(FaultTarget target, FaultOutcome outcome) throws InterruptedException {
        int expectedListed = target.steadyClients() + 1;
        for (int attempt = 1; ; attempt++) {
            try (FaultClient fresh = target.connect()) {
                int listed = FreshClient.exchange(target.protocol(), fresh, FaultTarget.REPLY);
                if (listed < 0 || listed == expectedListed) return;
                if (attempt == 5) {
                    outcome.problem("LIST shows " + listed + " clients, expected " + expectedListed + ": a client of the fault is still registered");
                    return;
                }
            } catch (IOException e) {
                outcome.problem("a fresh client was not served (" + FreshClient.describe(target.protocol()) + "): " + e);
                return;
            }
            Thread.sleep(200);
        }
    }

    /** UDP: a newcomer's datagram is answered correctly (sent again every 250 ms, as a UDP client does, for at most 5 s). */
    static void freshDatagramClient(FaultTarget target, FaultOutcome outcome) {
        try (DatagramExchanges fresh = new DatagramExchanges(target.address())) {
            fresh.exchange(target.protocol(), Exchanges.randomBytes(1024, System.nanoTime()), FaultTarget.REPLY);
            if (fresh.resent() > 0) outcome.figure("freshClientResent", fresh.resent());
        } catch (IOException e) {
            outcome.problem("a fresh client was not served (" + (target.protocol() == dev.loombench.protocol.Protocol.ECHO
                    ? "1 KiB datagram echoed" : "the time for a datagram") + "): " + e.getMessage());
        }
    }

    /** The steady clients had no error the fault does not make unavoidable, and were served throughout. */
    static FaultResult.Steady steadyDuring(SteadyLoad load, SteadyLoad.Totals before, long start, Set<ErrorClass> unavoidable,
                                           FaultOutcome outcome) {
        SteadyLoad.Totals during = load.totals().minus(before);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> errors = errorsOf(during);
        during.errors().forEach((kind, n) -> outcome.check(n == 0 || unavoidable.contains(kind),
                "the steady clients had " + n + " " + kind.label() + " error(s)"));
        double perSecond = during.requests() / seconds;
        double expected = FaultSuite.STEADY_CLIENTS * FaultSuite.STEADY_RATE_PER_CLIENT;
        outcome.check(during.requests() > 0 && (seconds < 1 || !unavoidable.isEmpty() || perSecond >= expected / 4),
                String.format("the steady clients were served %.0f req/s of %.0f asked", perSecond, expected));
        return new FaultResult.Steady(FaultSuite.STEADY_CLIENTS, true, during.requests(), perSecond, errors);
    }

    /** {@code single}: one steady client, after the fault instead of during it, must be served without an error. */
    static FaultResult.Steady steadyAfter(FaultTarget target, FaultOutcome outcome) throws InterruptedException {
        long start = System.nanoTime();
        SteadyLoad.Totals totals;
        try (SteadyLoad load = SteadyLoad.start(FaultSuite.steadyConfig(target.protocol(), 1), target.address())) {
            load.awaitEveryClientServed(FaultTarget.REPLY);
            Thread.sleep(300);
            totals = load.totals();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        outcome.check(totals.requests() > 0, "the steady client after the fault was not served");
        outcome.check(totals.errorCount() == 0, "the steady client after the fault had errors: " + errorsOf(totals));
        return new FaultResult.Steady(1, false, totals.requests(), totals.requests() / seconds, errorsOf(totals));
    }

    /** Anything the server logged beyond the accept back-off's warnings (expected under fd exhaustion) is a problem. */
    static void log(List<String> lines, FaultOutcome outcome) {
        int acceptWarnings = 0;
        for (String line : lines) {
            if (line.contains("accept failed")) {
                acceptWarnings++;
            } else if (line.startsWith("SEVERE") || line.startsWith("WARNING") || line.startsWith("java.")
                    || line.startsWith("Caused by") || line.contains("Exception in thread") || line.contains("OutOfMemoryError")) {
                outcome.problem("the server logged: " + line);
            }
        }
        if (acceptWarnings > 0) outcome.figure("acceptFailureWarnings", acceptWarnings);
    }

    private static Map<String, Long> errorsOf(SteadyLoad.Totals totals) {
        Map<String, Long> errors = new LinkedHashMap<>();
        totals.errors().forEach((kind, n) -> {
            if (n != 0) errors.put(kind.label(), n);
        });
        return errors;
    }
}
