package dev.retort.cli;

import dev.retort.revision.Plan;
import java.io.PrintStream;

/** The closing line of an upgrade or downgrade. */
final class Outcome {
    private Outcome() {
    }

    static void report(PrintStream err, Plan plan, String verb) {
        String at = plan.endHeads().isEmpty() ? "base" : String.join(", ", plan.endHeads());
        if (plan.steps().isEmpty()) {
            err.println("Nothing to " + verb + ": the database is at " + at + ".");
        } else {
            int n = plan.steps().size();
            err.println((verb.equals("upgrade") ? "Applied " : "Reverted ") + n + (n == 1 ? " revision" : " revisions")
                    + "; the database is at " + at + ".");
        }
    }
}
