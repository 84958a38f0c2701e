package dev.retort.cli;

import dev.retort.TerminalText;
import dev.retort.autogenerate.Comparison;
import dev.retort.autogenerate.diff.Change;
import dev.retort.command.AutogenerateRequest;

final class CheckCommand extends Verb {
    CheckCommand(RetortCommand root) {
        super(root, "check", "Exit 0 if the models and the database match, 1 with the differences otherwise.",
                "", "The database must be at head. Use it in CI to catch a model change without a migration.", "",
                "Example:", "  retort upgrade head", "  retort check || echo \"the models changed: autogenerate a migration\"");
    }

    @Override
    public Integer call() {
        Comparison comparison = root.retort().compare(AutogenerateRequest.NON_INTERACTIVE);
        comparison.model().warnings().forEach(w -> root.session.err().println("warning: " + TerminalText.lines(w)));
        if (comparison.diff().isEmpty()) {
            root.session.out().println("No differences: the database matches the models.");
            return 0;
        }
        root.session.out().println("The models and the database differ (" + comparison.diff().upgrade().size()
                + " change" + (comparison.diff().upgrade().size() == 1 ? "" : "s") + " needed):");
        for (Change change : comparison.diff().upgrade()) {
            // Names and comments come from the database and the models: their escape sequences are not run.
            root.session.out().println("  - " + TerminalText.quoted(change.description())
                    + (change.losesData() ? " (can lose data)" : ""));
            // What the migration written for it will warn of (a step that fails as written, say) is told now.
            if (change.warning() != null) {
                root.session.err().println("warning: " + TerminalText.quoted(change.warning()));
            }
        }
        root.session.out().println("Run `retort revision --autogenerate -m MESSAGE` to write a migration for them.");
        return 1;
    }
}
