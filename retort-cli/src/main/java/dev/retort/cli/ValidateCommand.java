package dev.retort.cli;

import dev.retort.command.Drift;
import java.util.List;

final class ValidateCommand extends Verb {
    ValidateCommand(RetortCommand root) {
        super(root, "validate", "Exit 1 when a migration file changed after it was applied to the database.",
                "", "Line endings and trailing white space are not changes.", "", "Example:",
                "  retort validate          # exit 1 names each edited migration");
    }

    @Override
    public Integer call() {
        List<Drift> drift = root.retort().drift();
        if (drift.isEmpty()) {
            root.session.out().println("Every applied migration matches its file.");
            return 0;
        }
        for (Drift d : drift) {
            root.session.out().println(d.describe() + ".");
        }
        return ErrorHandler.FAILURE;
    }
}
