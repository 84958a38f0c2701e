package dev.retort.cli;

import dev.retort.command.Drift;
import dev.retort.command.Unrun;
import dev.retort.command.Validation;
import java.util.List;

final class ValidateCommand extends Verb {
    ValidateCommand(RetortCommand root) {
        super(root, "validate", "Exit 1 when a migration file changed after it was applied to the database, or the "
                + "graph puts a revision that never ran under an applied one.",
                "", "Line endings and trailing white space are not changes.", "", "Example:",
                "  retort validate          # exit 1 names each edited migration");
    }

    @Override
    public Integer call() {
        Validation validation = root.retort().validate();
        List<Drift> drift = validation.drift();
        if (!validation.failed() && validation.unchecked().isEmpty()) {
            root.session.out().println("Every applied migration matches its file.");
            return 0;
        }
        for (Drift d : drift) {
            root.session.out().println(d.describe() + ".");
        }
        for (Unrun u : validation.unrun()) {
            root.session.out().println(u.describe() + ".");
        }
        if (!validation.unchecked().isEmpty()) {
            boolean othersMatch = !validation.failed() && validation.checked() > 0;
            root.session.out().println(validation.describeUnchecked()
                    + (othersMatch ? "; every other applied migration matches its file." : "."));
        }
        return validation.failed() ? ErrorHandler.FAILURE : 0;
    }
}
