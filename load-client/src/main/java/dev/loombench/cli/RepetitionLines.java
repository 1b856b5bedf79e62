package dev.loombench.cli;

import dev.loombench.report.Human;
import dev.loombench.report.Summary;
import dev.loombench.run.ModelRunner;
import dev.loombench.run.Repetitions;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The progress lines of a set of repetitions: one when an attempt starts, one with its figures and
 * noise verdict when it ends, and why a noisy one is made again.
 */
final class RepetitionLines<A> implements Repetitions.Listener<A> {

    private final PrintWriter err;
    private final int arms;
    private final int rounds;
    private int done;

    RepetitionLines(PrintWriter err, int arms, int rounds) {
        this.err = err;
        this.arms = arms;
        this.rounds = rounds;
    }

    @Override
    public void starting(A arm, int round, int attempt) {
        err.printf(Locale.ROOT, "[%d/%d] round %d of %d: %s%s ...%n", done + 1, arms * rounds, round, rounds, arm,
                attempt > 1 ? " (attempt " + attempt + ")" : "");
        err.flush();
    }

    @Override
    public void finished(A arm, int round, int attempt, ModelRunner.Outcome o, boolean again) {
        Summary s = Summary.of(o.result(), o.noise());
        String noise = o.noise() == null ? (o.noisy() ? "the client stalled" : "noise not watched")
                : o.noise().noisy() ? "NOISY: " + o.noise().reason() : "quiet";
        err.printf(Locale.ROOT, "    %s: %s req/s, p99 %s, %s errors, served %d/%d; %s%s%n", arm,
                Human.count(s.throughput().requestsPerSecond()), Human.latencyUs(s.latency().roundTrip().p99Us()),
                Human.count(s.errors().total()), s.fairness().served(), s.clients(), noise,
                again ? " - made again" : "");
        err.flush();
        if (!again) done++;
    }

    @Override
    public void failed(A arm, int round, String why) {
        err.printf(Locale.ROOT, "    %s: NOT RUN - %s%n", arm, why);
        err.flush();
        done++;
    }
}
