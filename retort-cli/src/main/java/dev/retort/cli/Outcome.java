package dev.retort.cli;

import dev.retort.revision.Plan;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** The closing line of an upgrade or downgrade: how many revisions, how long, and where the database is. */
final class Outcome {
    private Outcome() {
    }

    static void report(PrintStream err, Plan plan, String verb, Duration elapsed) {
        String at = plan.endHeads().isEmpty() ? "base" : String.join(", ", plan.endHeads());
        if (plan.steps().isEmpty()) {
            err.println("Nothing to " + verb + ": the database is at " + at + ".");
            return;
        }
        int n = plan.steps().size();
        err.println((verb.equals("upgrade") ? "Applied " : "Reverted ") + n + (n == 1 ? " revision" : " revisions")
                + " in " + seconds(elapsed) + "; the database is at " + at + ".");
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, d.toMillis() < 10_000 ? "%.2f s" : "%.1f s", d.toMillis() / 1000.0);
    }
}
