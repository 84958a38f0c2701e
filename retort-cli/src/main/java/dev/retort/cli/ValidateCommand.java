package dev.retort.cli;

import dev.retort.command.Drift;
import dev.retort.command.Validation;
import java.util.List;

final class ValidateCommand extends Verb {
    ValidateCommand(RetortCommand root) {
        super(root, "validate", "Exit 1 when a migration file changed after it was applied to the database.",
                "", "Line endings and trailing white space are not changes.", "", "Example:",
                "  retort validate          # exit 1 names each edited migration");
    }

    @Override
    public Integer call() {
        Validation validation = root.retort().validate();
        List<Drift> drift = validation.drift();
        if (drift.isEmpty() && validation.unchecked().isEmpty()) {
            root.session.out().println("Every applied migration matches its file.");
            return 0;
        }
        for (Drift d : drift) {
            root.session.out().println(d.describe() + ".");
        }
        if (!validation.unchecked().isEmpty()) {
            root.session.out().println(validation.describeUnchecked() + (drift.isEmpty() && validation.checked() > 0
                    ? "; every other applied migration matches its file." : "."));
        }
        return drift.isEmpty() ? 0 : ErrorHandler.FAILURE;
    }
}
