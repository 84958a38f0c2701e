package dev.retort.cli;

import dev.retort.TerminalText;
import dev.retort.command.RevisionRequest;
import dev.retort.autogenerate.Comparison;
import dev.retort.autogenerate.Prompter;
import dev.retort.autogenerate.diff.Change;
import dev.retort.command.AutogenerateRequest;
import dev.retort.command.UsageException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

final class RevisionCommand extends Verb {
    RevisionCommand(RetortCommand root) {
        super(root, "revision", "Create a new migration file after the current head.",
                "", "Examples:", "  retort revision --autogenerate -m \"add user phone number\"",
                "  retort revision -m \"add user phone number\"",
                "  retort revision -m \"create reports\" --sql-file",
                "  retort revision -m \"start billing\" --head base --branch-label billing");
        // Optional, as in Alembic: a revision without a message is written as `<rev>_migration`.
        option("MSG", "What the migration does.", "-m", "--message");
        option("REV", "The revision the new one follows (default: the head).", "--head");
        flag("Allow --head to be a revision that is not a head (starts a branch).", "--splice");
        repeatedOption("LABEL", "Label for a new branch.", "--branch-label");
        repeatedOption("REV", "A revision that must be applied first.", "--depends-on");
        option("ID", "Use this id (12 hex characters) instead of a random one.", "--rev-id");
        flag("Write a SQL migration instead of a Java one.", "--sql-file");
        flag("Fill the migration with what the models of [models] changed.", "--autogenerate");
        pairOption("OLD=NEW",
                "With --autogenerate: a rename, not a drop and an add (users=members, users.phone=phone_number).",
                "--rename");
        flag("With --autogenerate: print the upgrade SQL instead of writing a file.", "--sql");
    }

    @Override
    public Integer call() {
        RevisionRequest request = new RevisionRequest(message(), Optional.ofNullable(value("--head")),
                isSet("--splice"), values("--branch-label"), values("--depends-on"), Optional.ofNullable(value("--rev-id")),
                isSet("--sql-file"));
        boolean sql = isSet("--sql");
        Map<String, String> renames = pairs("--rename");
        if (!isSet("--autogenerate")) {
            if (sql || !renames.isEmpty()) {
                throw new UsageException("--sql and --rename go with --autogenerate.");
            }
            generated(root.retort().revision(request));
            return 0;
        }
        Prompter prompter = root.session.interactive() ? new TerminalPrompter(root.session) : Prompter.NOBODY;
        Comparison comparison = root.retort().compare(new AutogenerateRequest(renames, prompter, true));
        comparison.model().warnings().forEach(w -> root.session.err().println("warning: " + TerminalText.lines(w)));
        for (Change change : comparison.diff().upgrade()) {
            // Names and comments come from the database and the models: their escape sequences are not run.
            root.session.err().println("Detected " + TerminalText.quoted(change.description()));
            if (change.warning() != null) {
                root.session.err().println("warning: " + TerminalText.quoted(change.warning()));
            }
        }
        if (sql) {
            if (comparison.diff().isEmpty()) {
                root.session.err().println("No changes detected: the database matches the models.");
            }
            root.session.out().print(root.retort().sql(comparison.diff().upgrade()));
            return 0;
        }
        Optional<Path> file = root.retort().autogenerate(request, comparison);
        if (file.isEmpty()) {
            root.session.err().println("No changes detected: the database matches the models, so no file was written "
                    + "(use `retort revision -m` without --autogenerate for an empty migration).");
            return 0;
        }
        generated(file.get());
        if (comparison.diff().upgrade().stream().anyMatch(Change::losesData)) {
            root.session.err().println("warning: the migration can lose data (see the DATA LOSS comments); review it before "
                    + "you upgrade.");
        }
        return 0;
    }

    /** The {@code -m} message, empty when none was given. */
    private String message() {
        String message = value("--message");
        return message == null ? "" : message;
    }

    private void generated(Path file) {
        root.session.out().println("Generating " + Display.path(root.session.workingDir(), file) + " ... done");
    }
}
