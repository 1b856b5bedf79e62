package dev.loombench.fault;

import dev.loombench.client.ChildServer;
import dev.loombench.client.ErrorClass;
import dev.loombench.client.ClientStalls;
import dev.loombench.client.LoadConfig;
import dev.loombench.client.SteadyLoad;
import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.Transport;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import dev.loombench.server.ServerStats;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs every applicable fault against every chosen model and protocol, each model as a child
 * server (one per model and protocol, shared by its faults; a fault that needs its own, like
 * fd-exhaustion, gets one). Around each fault it checks what every fault must leave intact:
 * <ol>
 *   <li>the steady clients ({@value #STEADY_CLIENTS} verifying load-engine clients at a fixed
 *       rate) lost nothing: no error but those the fault makes unavoidable, and were served
 *       throughout. {@code single} serves one client at a time, so its steady load is paused
 *       during each fault and one steady client runs after it instead;</li>
 *   <li>the server is alive and logged no error;</li>
 *   <li>its threads and descriptors return to their level before the fault (within
 *       {@link #tolerance}), its RSS to within {@link #RSS_SLACK_BYTES};</li>
 *   <li>a fresh client is served correctly ({@link FreshClient}); for {@code time}, LIST shows
 *       no client of the fault still registered.</li>
 * </ol>
 * Over UDP ({@link Settings#transports}) the same holds for the datagram faults, with UDP steady
 * clients (each a peer with its own socket; {@code single} serves every peer, so its load is not
 * paused) and a fresh datagram client; a flood's cost to the steady clients is reported as their loss.
 * Usage: {@code FaultSuite.Result r = new FaultSuite(settings, launcher, log).run();}
 */
public final class FaultSuite {

    /** Every fault, in the order the suite runs them. */
    public static final List<Fault> ALL = List.of(new GarbageFault(), new ZeroLengthFrameFault(), new OversizeFrameFault(),
            new MalformedBodyFault(), new SlowlorisFault(), new ResetFault(), new HalfDeadFault(), new NeverReadsFault(),
            new SendStormFault(), new StormFault(), new FdExhaustionFault(),
            new BadDatagramsFault(BadDatagramsFault.Kind.EMPTY), new BadDatagramsFault(BadDatagramsFault.Kind.OVERSIZE),
            new BadDatagramsFault(BadDatagramsFault.Kind.GARBAGE), new DatagramFloodFault());

    static final int STEADY_CLIENTS = 4;
    static final double STEADY_RATE_PER_CLIENT = 50;
    /** RSS may stay this much above its level before a fault: the JVM keeps what it touched; a leak grows past it. */
    static final long RSS_SLACK_BYTES = 32L << 20;
    /**
     * A fault that fails while this JVM itself stalled this long (CPU starvation on a shared
     * machine, GC) is run once more: its timings measured our stall, not the server. Both
     * attempts are reported.
     */
    static final long RETRY_AFTER_STALL_MS = 250;

    /**
     * What to run.
     *
     * @param quick      the CI form: fewer clients per fault, shorter timeouts and windows
     * @param transports TCP runs the connection faults, UDP the datagram faults (echo and rfc868 only)
     */
    public record Settings(List<ServerKind> kinds, List<Protocol> protocols, List<Fault> faults, boolean quick,
                           List<Transport> transports) {

        /** Over TCP only. */
        public Settings(List<ServerKind> kinds, List<Protocol> protocols, List<Fault> faults, boolean quick) {
            this(kinds, protocols, faults, quick, List.of(Transport.TCP));
        }
    }

    /** One child server of the suite: what it ran, its final counters, whether it stopped cleanly on SIGTERM. */
    public record ServerRun(String model, String protocol, List<String> faults, long pid, int fileLimit, ServerConfig config,
                            ServerStats.Snapshot counters, boolean cleanStop, ServerUnderTest.Usage start,
                            ServerUnderTest.Usage end) {}

    public record Result(List<FaultResult> faults, List<ServerRun> servers, double seconds) {
        public long count(FaultResult.Status status) {
            return faults.stream().filter(r -> r.status() == status).count();
        }

        /** 0 every fault passed and every server stopped cleanly; 1 something failed; 2 something could not be run. */
        public int exitCode() {
            if (count(FaultResult.Status.FAIL) > 0 || servers.stream().anyMatch(s -> !s.cleanStop())) return 1;
            return count(FaultResult.Status.ERROR) > 0 ? 2 : 0;
        }
    }

    private final Settings settings;
    private final ServerUnderTest.Launcher launcher;
    private final PrintWriter log;
    private final List<FaultResult> results = new ArrayList<>();
    private ClientStalls stalls;
    private final List<ServerRun> servers = new ArrayList<>();

    /** @param log told of each fault as it ends (one line each) */
    public FaultSuite(Settings settings, ServerUnderTest.Launcher launcher, PrintWriter log) {
        this.settings = settings;
        this.launcher = launcher;
        this.log = log;
    }

    /** The settings every shared suite server runs with over {@code transport}. */
    public static ServerConfig serverConfig(Protocol protocol, boolean quick, Transport transport) {
        return transport == Transport.UDP ? serverConfig(protocol, quick).withTransport(Transport.UDP, 0) : serverConfig(protocol, quick);
    }

    /** The settings every shared suite server runs with (a fault may adjust them for its own server). */
    public static ServerConfig serverConfig(Protocol protocol, boolean quick) {
        ServerConfig d = ServerConfig.defaults();
        Duration idle = Duration.ofSeconds(quick ? 2 : 3);
        Duration write = Duration.ofSeconds(quick ? 1 : 2);
        return new ServerConfig(protocol, "127.0.0.1", 0, 64, d.bufferSize(), idle, write, 100,
                d.poolSize(), d.queue(), Duration.ZERO, d.maxFrame(), d.maxOutputBytes());
    }

    /** The steady load: open loop at a fixed rate, a generous timeout, no end of its own. */
    static LoadConfig steadyConfig(Protocol protocol, int clients) {
        return LoadConfig.defaults().withProtocol(protocol).withClients(clients).withRate(clients * STEADY_RATE_PER_CLIENT)
                .withTimeout(Duration.ofSeconds(5)).withPhases(Duration.ZERO, Duration.ofHours(1));
    }

    /**
     * UDP: how long a steady client waits for a reply before its datagram counts as lost. Shorter than
     * over TCP, so that a datagram a fault made the server lose is declared lost before that fault's
     * steady figures are read ({@link DatagramFloodFault} waits this long after its flood).
     */
    static final Duration UDP_STEADY_TIMEOUT = Duration.ofSeconds(2);

    /** The steady load over the server's transport: over UDP each steady client is a peer with its own socket. */
    static LoadConfig steadyConfig(ServerConfig server, int clients) {
        LoadConfig steady = steadyConfig(server.protocol(), clients).withTransport(server.transport());
        return server.transport() == Transport.UDP ? steady.withTimeout(UDP_STEADY_TIMEOUT) : steady;
    }

    /** A result row's protocol: {@code echo}, or {@code udp-echo} over UDP. */
    static String label(ServerConfig server) {
        return (server.transport() == Transport.UDP ? "udp-" : "") + server.protocol().cliName();
    }

    /** How far threads and descriptors may end above their level before a fault: rfc868's steady clients come and go. */
    static int tolerance(Protocol protocol) {
        return protocol == Protocol.RFC868 ? 3 : 1;
    }

    public Result run() throws InterruptedException {
        long start = System.nanoTime();
        try (ClientStalls meter = new ClientStalls()) {
            stalls = meter;
            runAll();
        }
        return new Result(List.copyOf(results), List.copyOf(servers), (System.nanoTime() - start) / 1e9);
    }

    private void runAll() throws InterruptedException {
        for (Transport transport : settings.transports()) {
            for (ServerKind kind : settings.kinds()) {
                for (Protocol protocol : settings.protocols()) {
                    if (transport == Transport.UDP && !protocol.hasDatagramForm()) continue;
                    ServerConfig config = serverConfig(protocol, settings.quick(), transport);
                    List<Fault> shared = new ArrayList<>();
                    List<Fault> own = new ArrayList<>();
                    for (Fault fault : settings.faults()) {
                        if (!fault.protocols().contains(protocol) || !fault.transports().contains(transport)) continue;
                        String why = transport == Transport.UDP && !kind.servesUdp()
                                ? "the " + kind + " model has no UDP form" : fault.notApplicable(kind, protocol);
                        if (why != null) {
                            report(FaultResult.notApplicable(kind.cliName(), label(config), fault.name(), why));
                        } else {
                            (fault.ownServer() ? own : shared).add(fault);
                        }
                    }
                    if (!shared.isEmpty()) runServer(kind, protocol, shared, config, 0);
                    for (Fault fault : own) runServer(kind, protocol, List.of(fault), fault.serverConfig(config), fault.fileLimit());
                }
            }
        }
    }

    private void runServer(ServerKind kind, Protocol protocol, List<Fault> faults, ServerConfig config, int fileLimit)
            throws InterruptedException {
        ServerUnderTest server;
        try {
            server = ServerUnderTest.start(launcher, kind, config, fileLimit);
        } catch (ChildServer.ChildServerException e) {
            faults.forEach(f -> report(FaultResult.couldNotRun(kind.cliName(), label(config), f.name(), e.getMessage())));
            return;
        }
        ServerUnderTest.Usage startUsage = server.usage();
        ServerUnderTest.Usage endUsage = startUsage;
        try {
            // single serves one connection at a time: its steady load waits; over UDP it serves every peer
            boolean udp = config.transport() == Transport.UDP;
            SteadyLoad load = kind == ServerKind.SINGLE && !udp ? null : SteadyLoad.start(steadyConfig(config, STEADY_CLIENTS), server.address());
            try {
                if (load != null) load.awaitEveryClientServed(Duration.ofSeconds(10));
                String diedDuring = null;
                for (Fault fault : faults) {
                    if (diedDuring != null) {
                        report(FaultResult.couldNotRun(kind.cliName(), label(config), fault.name(), "the server died during " + diedDuring));
                        continue;
                    }
                    FaultResult result = runOne(server, load, fault);
                    if (result.status() == FaultResult.Status.FAIL && server.isAlive()
                            && result.figures().get("clientStallMs") instanceof Long stall && stall >= RETRY_AFTER_STALL_MS) {
                        log("  (" + fault.name() + " failed while this JVM stalled " + stall + " ms; running it once more)");
                        result = runOne(server, load, fault).withFigure("retried",
                                Map.of("clientStallMs", stall, "firstProblems", result.problems()));
                    }
                    report(result);
                    if (!server.isAlive()) diedDuring = fault.name();
                }
            } finally {
                if (load != null) load.close();
            }
            endUsage = server.usage();
        } finally {
            ServerStats.Snapshot counters = server.stop();
            servers.add(new ServerRun(kind.cliName(), label(config), faults.stream().map(Fault::name).toList(), server.pid(),
                    fileLimit, config, counters, counters != null, startUsage, endUsage));
        }
    }

    private FaultResult runOne(ServerUnderTest server, SteadyLoad load, Fault fault) throws InterruptedException {
        ServerKind kind = server.kind();
        Protocol protocol = server.config().protocol();
        boolean udp = server.config().transport() == Transport.UDP;
        int steadyConnections = load != null && protocol != Protocol.RFC868 && !udp ? STEADY_CLIENTS : 0;
        FaultTarget target = new FaultTarget(kind, protocol, server.config(), server.address(), settings.quick(), server, steadyConnections);
        FaultOutcome outcome = new FaultOutcome();
        if (load != null) FaultChecks.awaitSteadyHealthy(load, steadyConnections);
        List<String> logBefore = server.stderrLines();
        ServerUnderTest.Usage before = server.usage();
        SteadyLoad.Totals steadyBefore = load != null ? load.totals() : null;
        stalls.takeMaxNanos();
        long start = System.nanoTime();

        try {
            fault.inject(target, outcome);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            outcome.problem("the fault could not run to its end: " + e);
        }
        ServerUnderTest.Usage after = before;
        if (!server.isAlive()) {
            outcome.problem("the server died; its stderr ends with: " + String.join(" | ", server.stderrLines()));
        } else {
            after = FaultChecks.reclaimed(server, before, Duration.ofSeconds(settings.quick() ? 3 : 5), outcome);
            if (udp) FaultChecks.freshDatagramClient(target, outcome);
            else FaultChecks.freshClient(target, outcome);
        }
        long observed = System.nanoTime() - start;
        long window = Duration.ofMillis(settings.quick() ? 300 : 1000).toNanos();
        if (load != null && observed < window) Thread.sleep(Duration.ofNanos(window - observed)); // long enough to see the steady clients served
        FaultResult.Steady steady = load != null
                ? FaultChecks.steadyDuring(load, steadyBefore, start, fault.unavoidableSteadyErrors(protocol), outcome)
                : server.isAlive() ? FaultChecks.steadyAfter(target, outcome) : null;
        FaultChecks.log(ServerUnderTest.newLines(logBefore, server.stderrLines()), outcome);
        outcome.figure("clientStallMs", stalls.takeMaxNanos() / 1_000_000);

        if (udp && steady != null && steady.errors().containsKey(ErrorClass.LOST.label())) {
            long lost = steady.errors().get(ErrorClass.LOST.label());
            outcome.summary(outcome.summary() + String.format("; the steady clients lost %,d of %,d datagrams", lost, lost + steady.requests()));
            outcome.figure("steadyLost", lost);
        }
        List<String> problems = outcome.problems();
        return new FaultResult(kind.cliName(), label(server.config()), fault.name(),
                problems.isEmpty() ? FaultResult.Status.PASS : FaultResult.Status.FAIL, fault.criterion(kind),
                outcome.summary(), problems, steady, before, after, outcome.figures(), (System.nanoTime() - start) / 1e9);
    }

    private void report(FaultResult result) {
        results.add(result);
        log(FaultReport.line(result));
    }

    private void log(String line) {
        if (log != null) {
            log.println(line);
            log.flush();
        }
    }
}
