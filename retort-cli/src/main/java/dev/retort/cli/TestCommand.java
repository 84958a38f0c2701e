package dev.retort.cli;

import dev.retort.command.HistoryCheck;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(addMethodSubcommands = false, name = "test", mixinStandardHelpOptions = true,
        description = "Test every migration on a scratch database: up, down, up again, and the models at the end.",
        footer = {"", "Each revision is applied, reverted and applied again, and the schema after each move must be what",
            "it was: a downgrade that leaves a trace fails. Runs in the embedded PostgreSQL; your database is not touched.",
            "", "Example:", "  retort test               # in CI, after every change to migrations/"})
final class TestCommand implements Callable<Integer> {
    @ParentCommand
    RetortCommand root;

    @Override
    public Integer call() {
        HistoryCheck check = root.retort().testHistory();
        String time = Outcome.seconds(check.elapsed());
        if (!check.passed()) {
            root.session.err().println("retort: " + check.failure());
            root.session.err().println(check.tested().size() + " revision(s) passed before it, in " + time + ".");
            return ErrorHandler.FAILURE;
        }
        root.session.out().println("Tested " + check.tested().size() + " revision(s): each applied, reverted and applied "
                + "again without a trace" + (root.config().models().schemaFile().isPresent()
                        || !root.config().models().sources().isEmpty() ? ", and the models match the head" : "")
                + " (" + time + ").");
        return 0;
    }
}
