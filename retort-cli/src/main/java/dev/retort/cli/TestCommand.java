package dev.retort.cli;

import dev.retort.TerminalText;
import dev.retort.command.HistoryCheck;
import java.util.List;

final class TestCommand extends Verb {
    TestCommand(RetortCommand root) {
        super(root, "test",
                "Test every migration on a scratch database: up, down, up again, and the models at the end.",
                "", "Each revision is applied, reverted and applied again, and the schema after each move must be "
                        + "what it was: a downgrade that leaves a trace fails. Runs in a scratch database of its "
                        + "own, in the embedded PostgreSQL or on the server of database_url in [test]; your database "
                        + "is not touched.",
                "", "Example:", "  retort test               # in CI, after every change to migrations/");
    }

    @Override
    public Integer call() {
        HistoryCheck check = root.retort().testHistory();
        String time = Outcome.seconds(check.elapsed());
        if (!check.passed()) {
            // The failure quotes file names and the server's errors: its lines stay, its escape sequences are not run.
            root.session.err().println("retort: " + TerminalText.lines(check.failure()));
            String where = check.scratchDatabase().map(name -> " in the scratch database " + name + ", since dropped")
                    .orElse("");
            root.session.err().println(check.tested().size() + " revision(s) passed before it" + where + " ("
                    + time + "); the project's database was not touched.");
            return ErrorHandler.FAILURE;
        }
        List<String> only = check.appliedOnly();
        String appliedOnly = only.isEmpty() ? "" : ", except " + String.join(", ", only)
                + ", which cannot be reverted and " + (only.size() == 1 ? "was" : "were") + " only applied";
        root.session.out().println("Tested " + check.tested().size() + " revision(s): each applied, reverted and applied "
                + "again without a trace in tables, types or sequences" + appliedOnly
                + (root.config().models().schemaFile().isPresent()
                        || !root.config().models().sources().isEmpty() ? ", and the models match the head" : "")
                + " (" + time + ").");
        return 0;
    }
}
