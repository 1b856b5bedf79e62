package dev.loombench.demo;

import dev.loombench.report.HtmlReport;
import dev.loombench.report.Human;
import dev.loombench.report.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the demo's scenarios one after another, with a progress line per scenario, and writes
 * each one's {@code <id>.json} and the generated {@code README.md} into the demo directory. A
 * scenario that fails (a server did not start) gets a section saying so; the others still run.
 */
public final class DemoRunner {

    public static final String README = "README.md";
    public static final String SCHEMA = "loombench-demo-scenario/1";

    /** The outcome of one scenario, as the README shows it. */
    record Section(Scenario scenario, Finding finding, List<DemoContext.Run> runs, double seconds, String failure) {}

    /** @return whether every scenario ran, and whether every one showed its effect */
    public record Outcome(boolean allRan, boolean allShown, double seconds) {}

    private final List<Scenario> scenarios;
    private final DemoContext ctx;
    private final PrintWriter log;

    public DemoRunner(List<Scenario> scenarios, DemoContext ctx, PrintWriter log) {
        this.scenarios = scenarios;
        this.ctx = ctx;
        this.log = log;
    }

    /** The eight scenarios of {@code bench demo}, in the order they are told. */
    public static List<Scenario> all() {
        return List.of(new PoolStarvationScenario(), new LittlesLawScenario(), new MemoryPerConnectionScenario(),
                new ListenBacklogScenario(), new HeadOfLineScenario(), new CpuBoundScenario(), new PollerModesScenario(),
                new UdpLossScenario());
    }

    /** Roughly how long {@code scenarios} take at {@code scale}, seconds. */
    public static double estimateSeconds(List<Scenario> scenarios, Scale scale) {
        return scenarios.stream().mapToDouble(s -> s.estimateSeconds(scale)).sum();
    }

    /**
     * Runs every scenario and writes the results.
     *
     * @param command the command as typed, for the README
     * @param machine facts about the machine by the command that told them
     */
    public Outcome run(String command, Map<String, String> machine) throws IOException, InterruptedException {
        Files.createDirectories(ctx.out());
        long start = System.nanoTime();
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i);
            String name = String.format(Locale.ROOT, "[%d/%d] %s", i + 1, scenarios.size(), s.title());
            log.printf(Locale.ROOT, "%s (about %s) ...%n", name, Human.minutes(s.estimateSeconds(ctx.scale())));
            log.flush();
            long t = System.nanoTime();
            Section section;
            try {
                Finding f = s.run(ctx);
                section = new Section(s, f, ctx.takeRuns(), (System.nanoTime() - t) / 1e9, null);
                log.printf(Locale.ROOT, "%s: done in %s - %s%s%n", name, Human.minutes(section.seconds()), f.headline(),
                        f.shown() ? "" : " (the expected effect did not show; see the README)");
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                section = new Section(s, null, ctx.takeRuns(), (System.nanoTime() - t) / 1e9, String.valueOf(e.getMessage()));
                log.printf("%s: FAILED - %s%n", name, e.getMessage());
            }
            log.flush();
            writeJson(section);
            sections.add(section);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String readme = DemoReadme.text(sections, ctx.scale(), command, seconds, machine, ctx.repeat());
        Files.writeString(ctx.out().resolve(README), readme);
        new HtmlReport("loombench demo: five trade-offs, measured").markdown(readme.replaceFirst("^# [^\n]*\n+", "")).filesOf(ctx.out()).write(ctx.out());
        return new Outcome(sections.stream().allMatch(s -> s.failure() == null),
                sections.stream().allMatch(s -> s.finding() != null && s.finding().shown()), seconds);
    }

    private void writeJson(Section s) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema", SCHEMA);
        json.put("id", s.scenario().id());
        json.put("title", s.scenario().title());
        json.put("scale", ctx.scale().label());
        json.put("createdAt", Instant.now().toString());
        json.put("seconds", Math.round(s.seconds() * 10) / 10.0);
        if (s.failure() != null) json.put("failure", s.failure());
        if (s.finding() != null) {
            json.put("shown", s.finding().shown());
            json.put("headline", s.finding().headline());
            json.put("charts", s.finding().charts());
        }
        json.put("runs", s.runs());
        if (s.finding() != null) {
            json.put("data", s.finding().data());
            json.put("text", s.finding().text());
        }
        Json.PRETTY.writeValue(ctx.out().resolve(s.scenario().id() + ".json").toFile(), json);
    }
}
