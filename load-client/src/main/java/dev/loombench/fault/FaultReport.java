package dev.loombench.fault;

import dev.loombench.machine.MachineFacts;
import dev.loombench.report.Json;
import dev.loombench.report.Markdown;
import dev.loombench.server.ServerKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Writes what the fault suite found: one progress line per fault while it runs, the model ×
 * fault table on the terminal, and a results directory with {@code README.md} (the tables, what
 * "pass" means, the exact command and the machine) and {@code faults.json} (everything).
 */
public final class FaultReport {

    public static final String SCHEMA = "loombench-faults/1";
    public static final String README = "README.md";
    public static final String JSON = "faults.json";

    private FaultReport() {}

    /** One line per fault as it ends, problems indented below it. */
    static String line(FaultResult r) {
        StringBuilder line = new StringBuilder(String.format("  %-8s %-10s %-17s %-5s %s", r.model(), r.protocol(), r.fault(),
                label(r.status()), r.status() == FaultResult.Status.NA ? r.problems().getFirst() : r.summary()));
        if (r.before() != null && r.after() != null) line.append("  [").append(resources(r)).append(']');
        if (r.seconds() > 0) line.append(String.format(" (%.1f s)", r.seconds()));
        if (r.figures().get("clientStallMs") instanceof Number stall && stall.longValue() >= 100) {
            line.append(" [this JVM stalled ").append(stall).append(" ms]");
        }
        if (r.figures().containsKey("retried")) line.append(" [second attempt]");
        if (r.status() == FaultResult.Status.FAIL || r.status() == FaultResult.Status.ERROR) {
            r.problems().forEach(p -> line.append("\n      ! ").append(p));
        }
        return line.toString();
    }

    /** The model × fault matrix, one block per protocol, then the count. */
    public static String table(FaultSuite.Result result) {
        StringBuilder out = new StringBuilder();
        for (String protocol : protocols(result)) {
            List<String> models = models(result);
            out.append(String.format("%n%-21s", protocol));
            models.forEach(m -> out.append(String.format("%-9s", m)));
            out.append('\n');
            for (String fault : faults(result, protocol)) {
                out.append(String.format("  %-19s", fault));
                for (String model : models) out.append(String.format("%-9s", cell(result, protocol, fault, model, false)));
                out.append('\n');
            }
        }
        out.append('\n').append(verdict(result));
        for (FaultSuite.ServerRun s : result.servers()) {
            if (!s.cleanStop()) out.append("\n  ! the ").append(s.model()).append(' ').append(s.protocol())
                    .append(" server did not stop cleanly on SIGTERM (no final counters)");
        }
        return out.toString();
    }

    static String verdict(FaultSuite.Result r) {
        return String.format("%d passed, %d failed, %d could not run, %d not applicable; %.0f s; exit code %d",
                r.count(FaultResult.Status.PASS), r.count(FaultResult.Status.FAIL), r.count(FaultResult.Status.ERROR),
                r.count(FaultResult.Status.NA), r.seconds(), r.exitCode());
    }

    /**
     * Writes {@code README.md} and {@code faults.json} into {@code dir} (created if needed).
     *
     * @param command        the exact command line, as the user would type it
     * @param serverJvmArgs  the child servers' JVM options
     */
    public static void write(Path dir, FaultSuite.Result result, FaultSuite.Settings settings, String command,
                             List<String> serverJvmArgs) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> machine = MachineFacts.commands();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema", SCHEMA);
        json.put("command", command);
        json.put("quick", settings.quick());
        json.put("serverConfig", FaultSuite.serverConfig(dev.loombench.protocol.Protocol.TIME, settings.quick()));
        json.put("serverJvmArgs", serverJvmArgs);
        json.put("models", settings.kinds().stream().map(ServerKind::cliName).toList());
        json.put("protocols", settings.protocols().stream().map(Object::toString).toList());
        json.put("faults", settings.faults().stream().map(f -> Map.of("name", f.name(), "description", f.description(),
                "protocols", f.protocols().stream().map(Object::toString).sorted().toList())).toList());
        json.put("seconds", Math.round(result.seconds()));
        json.put("exitCode", result.exitCode());
        json.put("machine", machine);
        json.put("results", result.faults());
        json.put("servers", result.servers());
        Json.PRETTY.writeValue(dir.resolve(JSON).toFile(), json);
        Files.writeString(dir.resolve(README), markdown(result, settings, command, serverJvmArgs, machine), StandardCharsets.UTF_8);
    }

    static String markdown(FaultSuite.Result result, FaultSuite.Settings settings, String command, List<String> serverJvmArgs,
                           Map<String, String> machine) {
        StringBuilder md = new StringBuilder("# Reliability: every model under faults\n\n");
        md.append("Made with `").append(command).append("` on ").append(machine.getOrDefault("date -u", "?"))
                .append(" (").append(settings.quick() ? "quick form" : "full form").append(").\n\n");
        md.append("**").append(verdict(result)).append("**\n\n");
        var config = FaultSuite.serverConfig(dev.loombench.protocol.Protocol.TIME, settings.quick());
        md.append("Servers ran with `--idle-timeout ").append(config.idleTimeout().toSeconds()).append("s --write-timeout ")
                .append(config.writeTimeout().toSeconds()).append("s --max-connections ").append(config.maxConnections())
                .append(" --backlog ").append(config.backlog()).append(" --pool-size ").append(config.poolSize())
                .append("` (fd-exhaustion: `--max-connections 0` under `ulimit -n ").append(FdExhaustionFault.FILE_LIMIT)
                .append("`), other options at their defaults, JVM options `").append(String.join(" ", serverJvmArgs)).append("`.\n\n");
        md.append("Each fault runs against a child server of each model while ").append(FaultSuite.STEADY_CLIENTS)
                .append(" well-behaved clients of the load engine keep a steady open-loop load (")
                .append((int) FaultSuite.STEADY_RATE_PER_CLIENT).append(" req/s each, every reply verified). "
                        + "After each fault the suite checks what every fault must leave intact:\n\n"
                        + "1. the steady clients lost nothing (no error the fault does not make unavoidable) and were served throughout; "
                        + "`single` serves one client at a time, so its steady load is paused for each fault and one steady client runs right after it instead;\n"
                        + "2. the server is alive and logged nothing but accept back-off warnings;\n"
                        + "3. its OS threads and file descriptors (`/proc/<pid>`) are back to their level before the fault "
                        + "(±1; ±3 for rfc868, whose steady clients connect per request) and its RSS within 32 MiB of it;\n"
                        + "4. a fresh client is served correctly (echo: 4 KiB echoed; time: WELCOME, TIME, LIST, BYE, and LIST shows no "
                        + "client of the fault still registered; rfc868: the time, then close).\n\n"
                        + "A fault that fails while the suite's own JVM stalled ≥ " + FaultSuite.RETRY_AFTER_STALL_MS
                        + " ms (measured as jHiccup does; CPU starvation on a shared machine) is run once more, since its timings then "
                        + "measured us, not the server; the details say so and `faults.json` keeps the first attempt's problems.\n\n"
                        + "Over UDP (`udp-echo`, `udp-rfc868`) the servers run with `--transport udp` and the steady clients are UDP "
                        + "clients (each its own socket; `single` serves every peer, so its steady load is not paused); the fresh "
                        + "client sends a 1 KiB datagram and must get the protocol's reply (sent again every 250 ms, as a UDP client "
                        + "does, for at most 5 s). A flood shares the server's receive buffer with the steady clients, so their "
                        + "loss during it is reported (`lost`), not failed; any other error of theirs fails it.\n\n");
        for (String protocol : protocols(result)) {
            List<String> models = models(result);
            md.append("## ").append(protocol).append("\n\n| fault | ").append(String.join(" | ", models)).append(" |\n|---|");
            md.append("---|".repeat(models.size())).append('\n');
            for (String fault : faults(result, protocol)) {
                md.append("| ").append(fault).append(" |");
                for (String model : models) md.append(' ').append(cell(result, protocol, fault, model, true)).append(" |");
                md.append('\n');
            }
            md.append('\n');
        }
        md.append("## What pass means, fault by fault\n\n| fault | protocols | what it does | pass means |\n|---|---|---|---|\n");
        for (Fault fault : settings.faults()) {
            md.append("| ").append(fault.name()).append(" | ")
                    .append(fault.protocols().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")))
                    .append(" | ").append(fault.description()).append(" | ").append(criteria(fault, settings.kinds())).append(" |\n");
        }
        md.append("\n## Details\n\n| protocol | fault | model | result | key figure | steady clients | threads | fds | RSS MiB | s |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        List<FaultResult> details = new ArrayList<>(result.faults());
        details.sort(java.util.Comparator.comparing((FaultResult r) -> protocols(result).indexOf(r.protocol()))
                .thenComparingInt(r -> order(r.fault())).thenComparing(r -> models(result).indexOf(r.model())));
        for (FaultResult r : details) {
            md.append("| ").append(r.protocol()).append(" | ").append(r.fault()).append(" | ").append(r.model()).append(" | ")
                    .append(label(r.status()))
                    .append(r.status() == FaultResult.Status.PASS ? "" : ": " + escape(String.join("; ", r.problems())))
                    .append(r.figures().get("retried") instanceof Map<?, ?> retried
                            ? " (second attempt; the first failed while this JVM stalled " + retried.get("clientStallMs") + " ms: "
                                    + escape(String.valueOf(retried.get("firstProblems"))) + ")"
                            : "")
                    .append(" | ").append(escape(r.status() == FaultResult.Status.NA ? "" : r.summary())).append(" | ")
                    .append(steady(r.steady())).append(" | ");
            if (r.before() != null && r.after() != null) {
                md.append(r.before().threads()).append(" → ").append(r.after().threads()).append(" | ")
                        .append(r.before().fds()).append(" → ").append(r.after().fds()).append(" | ")
                        .append(r.before().rssBytes() >> 20).append(" → ").append(r.after().rssBytes() >> 20).append(" | ")
                        .append(String.format("%.1f", r.seconds())).append(" |\n");
            } else {
                md.append(" |  |  |  |\n");
            }
        }
        md.append("\n## Servers\n\nEach child server stopped with SIGTERM at the end; its final counters:\n\n"
                + "| model | protocol | faults | ulimit -n | clean stop | accepted | rejected | peak connections | peak threads"
                + " | datagrams in / out / dropped |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (FaultSuite.ServerRun s : result.servers()) {
            var c = s.counters();
            md.append("| ").append(s.model()).append(" | ").append(s.protocol()).append(" | ").append(String.join(", ", s.faults()))
                    .append(" | ").append(s.fileLimit() > 0 ? s.fileLimit() : "inherited").append(" | ").append(s.cleanStop() ? "yes" : "**no**")
                    .append(" | ").append(c == null ? "?" : c.accepted()).append(" | ").append(c == null ? "?" : c.rejected())
                    .append(" | ").append(c == null ? "?" : c.peakConnections()).append(" | ").append(c == null ? "?" : c.peakThreads())
                    .append(" | ").append(c == null || c.datagramsIn() == 0 ? "" : c.datagramsIn() + " / " + c.datagramsOut() + " / " + c.datagramsDropped())
                    .append(" |\n");
        }
        md.append('\n').append(Markdown.machine(machine));
        return md.toString();
    }

    /** The criterion, per model only where the models differ. */
    private static String criteria(Fault fault, List<ServerKind> kinds) {
        Map<String, List<String>> byText = new LinkedHashMap<>();
        for (ServerKind kind : kinds) {
            String notApplicable = fault.protocols().stream().map(p -> fault.notApplicable(kind, p)).filter(Objects::nonNull)
                    .findFirst().orElse(null);
            String text = notApplicable != null ? "n/a: " + notApplicable : fault.criterion(kind);
            byText.computeIfAbsent(text, k -> new ArrayList<>()).add(kind.cliName());
        }
        if (byText.size() == 1) return escape(byText.keySet().iterator().next());
        return byText.entrySet().stream().map(e -> "**" + String.join(", ", e.getValue()) + "**: " + escape(e.getKey()))
                .collect(Collectors.joining("<br>"));
    }

    private static String cell(FaultSuite.Result result, String protocol, String fault, String model, boolean markdown) {
        return result.faults().stream()
                .filter(r -> r.protocol().equals(protocol) && r.fault().equals(fault) && r.model().equals(model))
                .findFirst()
                .map(r -> markdown ? markdownCell(r) : label(r.status()))
                .orElse(markdown ? "" : "-");
    }

    private static String markdownCell(FaultResult r) {
        return switch (r.status()) {
            case PASS -> "pass · " + escape(r.summary());
            case FAIL -> "**FAIL** · " + escape(r.problems().getFirst());
            case NA -> "n/a";
            case ERROR -> "not run";
        };
    }

    private static String resources(FaultResult r) {
        return String.format("thr %d→%d fd %d→%d rss %d→%dM", r.before().threads(), r.after().threads(), r.before().fds(),
                r.after().fds(), r.before().rssBytes() >> 20, r.after().rssBytes() >> 20);
    }

    private static String steady(FaultResult.Steady s) {
        if (s == null) return "";
        String errors = s.errors().isEmpty() ? "0 errors" : s.errors().toString();
        return s.during()
                ? String.format("%d during: %d req (%.0f/s), %s", s.clients(), s.requests(), s.perSecond(), errors)
                : String.format("1 after: %d req, %s", s.requests(), errors);
    }

    private static String label(FaultResult.Status status) {
        return switch (status) {
            case PASS -> "pass";
            case FAIL -> "FAIL";
            case NA -> "n/a";
            case ERROR -> "error";
        };
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static List<String> protocols(FaultSuite.Result r) {
        return r.faults().stream().map(FaultResult::protocol).distinct().toList();
    }

    private static List<String> models(FaultSuite.Result r) {
        return r.faults().stream().map(FaultResult::model).distinct().toList();
    }

    /** The faults run with {@code protocol}, in the suite's order. */
    private static List<String> faults(FaultSuite.Result r, String protocol) {
        return r.faults().stream().filter(x -> x.protocol().equals(protocol)).map(FaultResult::fault).distinct()
                .sorted(java.util.Comparator.comparingInt(FaultReport::order)).toList();
    }

    private static int order(String fault) {
        for (int i = 0; i < FaultSuite.ALL.size(); i++) {
            if (FaultSuite.ALL.get(i).name().equals(fault)) return i;
        }
        return Integer.MAX_VALUE;
    }
}
