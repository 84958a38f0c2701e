package dev.retort.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

final class MergeCommand extends Verb {
    MergeCommand(RetortCommand root) {
        super(root, "merge", "Create a revision that joins two or more heads.",
                "", "Example:", "  retort merge -m \"merge phone and billing branches\" heads");
        option("MSG", "What the merge joins.", "-m", "--message");
        parameter(List.class, "REV", "1..*", "The heads to merge, or `heads` for all of them.");
        repeatedOption("LABEL", "Label for the merged branch.", "--branch-label");
        option("ID", "Use this id instead of a random one.", "--rev-id");
        flag("Write a SQL migration instead of a Java one.", "--sql-file");
    }

    @Override
    public Integer call() {
        String message = value("--message");
        Path file = root.retort().merge(message == null ? "" : message, parameter(), values("--branch-label"),
                Optional.ofNullable(value("--rev-id")), isSet("--sql-file"));
        root.session.out().println("Generating " + Display.path(root.session.workingDir(), file) + " ... done");
        return 0;
    }
}
