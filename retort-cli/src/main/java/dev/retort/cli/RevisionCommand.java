package dev.retort.cli;

import dev.retort.command.RevisionRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "revision", description = "Create a new migration file after the current head.",
        footer = {"", "Examples:", "  retort revision -m \"add user phone number\"",
            "  retort revision -m \"create reports\" --sql-file",
            "  retort revision -m \"start billing\" --head base --branch-label billing"})
final class RevisionCommand implements Callable<Integer> {
    @ParentCommand
    RetortCommand root;

    @Option(names = {"-m", "--message"}, required = true, description = "What the migration does.")
    String message;

    @Option(names = "--head", paramLabel = "REV", description = "The revision the new one follows (default: the head).")
    String head;

    @Option(names = "--splice", description = "Allow --head to be a revision that is not a head (starts a branch).")
    boolean splice;

    @Option(names = "--branch-label", paramLabel = "LABEL", description = "Label for a new branch.")
    List<String> branchLabels = new ArrayList<>();

    @Option(names = "--depends-on", paramLabel = "REV", description = "A revision that must be applied first.")
    List<String> dependsOn = new ArrayList<>();

    @Option(names = "--rev-id", paramLabel = "ID", description = "Use this id (12 hex characters) instead of a random one.")
    String revId;

    @Option(names = "--sql-file", description = "Write a SQL migration instead of a Java one.")
    boolean sqlFile;

    @Override
    public Integer call() {
        Path file = root.retort().revision(new RevisionRequest(message, Optional.ofNullable(head), splice, branchLabels,
                dependsOn, Optional.ofNullable(revId), sqlFile));
        root.session.out().println("Generating " + Display.path(root.session.workingDir(), file) + " ... done");
        return 0;
    }
}
