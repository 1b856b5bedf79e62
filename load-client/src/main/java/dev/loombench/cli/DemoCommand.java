package dev.loombench.cli;

import dev.loombench.demo.DemoContext;
import dev.loombench.demo.DemoRunner;
import dev.loombench.demo.Scale;
import dev.loombench.demo.Scenario;
import dev.loombench.machine.MachineFacts;
import dev.loombench.report.Human;
import dev.loombench.run.ModelRunner;
import dev.loombench.run.Pinning;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench demo}: eight scripted scenarios, each a few normal runs, a chart and a generated
 * explanation with the measured figures, in {@code <out>/README.md}. Exit codes: 0 every scenario
 * ran (whether or not it showed its effect: the README says); 2 bad usage, or a scenario could not run.
 */
@Command(name = "demo", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Run the scripted scenarios and explain each with its figures.",
                "Pool starvation, Little's law, memory per connection, the listen backlog of 'single', event-loop"
                + " head-of-line blocking, CPU-bound work, virtual-thread poller modes, UDP loss under load: a chart and a generated explanation"
                + " of each, with the measured figures, in <out>/README.md (per-scenario JSON beside it, every run's result"
                + " directory under <out>/runs/).",
                "About 8 minutes on 2 cores per repetition of the quoted runs (--repeat, default 3); --quick about 3 minutes."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "smaller counts and shorter runs: about 3 minutes instead of about 8")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "where the README, charts and JSON go (default: ${DEFAULT-VALUE})")
    Path out = Path.of("results", "demo");

    @Option(names = "--repeat", paramLabel = "N",
            description = "make every run whose figures the text quotes N times and quote the median (default: 3; 1 with --quick)")
    Integer repeat;

    @Option(names = "--retries", paramLabel = "R", description = "make a run the noise guard marks noisy again, up to R times (default: 2)")
    int retries = 2;

    @Option(names = "--only", paramLabel = "N,N,...", split = ",",
            description = "run only these scenarios, by number (1 to 8)")
    List<Integer> only;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<Scenario> scenarios = selected();
        Scale scale = quick ? Scale.QUICK : Scale.FULL;
        int repetitions = repeat != null ? repeat : quick ? 1 : 3;
        if (repetitions < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--repeat must be at least 1");
        if (retries < 0) throw new CommandLine.ParameterException(spec.commandLine(), "--retries cannot be negative");
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        String command = "bench " + String.join(" ", args.isEmpty() || !args.get(0).equals("demo")
                ? prepend(args) : args);
        err.printf(Locale.ROOT, "bench demo: %d scenarios at %s scale, %d repetition%s of each quoted run, about %s; writing %s/%n",
                scenarios.size(), scale.label(), repetitions, repetitions == 1 ? "" : "s",
                Human.minutes(DemoRunner.estimateSeconds(scenarios, scale) * repetitions), out);
        ModelRunner runner = new ModelRunner(out.resolve("runs"), MachineFacts.describe(args), Duration.ofSeconds(30), err,
                ModelRunner.Notes.QUIET).withPinning(Pinning.forChildServer(Pinning.allowedCpus(), null, null));
        err.println("bench demo: machine: " + runner.machineState().describe() + "; " + runner.pinning().describe());
        err.flush();
        DemoRunner.Outcome outcome = new DemoRunner(scenarios, new DemoContext(runner, out, scale, err, repetitions, retries), err)
                .run(command, MachineFacts.commands());
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "demo finished in %s: %s/%s (charts, %s.json per scenario)%s%n",
                Human.minutes(outcome.seconds()), out, DemoRunner.README, "<id>",
                outcome.allShown() ? "" : "; not every scenario showed its expected effect - the README says which");
        stdout.flush();
        return outcome.allRan() ? 0 : 2;
    }

    private List<Scenario> selected() {
        List<Scenario> all = DemoRunner.all();
        if (only == null) return all;
        List<Scenario> chosen = new ArrayList<>();
        for (int n : only) {
            if (n < 1 || n > all.size()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--only takes scenario numbers 1 to " + all.size());
            }
            chosen.add(all.get(n - 1));
        }
        return chosen;
    }

    private static List<String> prepend(List<String> args) {
        List<String> full = new ArrayList<>(List.of("demo"));
        full.addAll(args);
        return full;
    }
}
