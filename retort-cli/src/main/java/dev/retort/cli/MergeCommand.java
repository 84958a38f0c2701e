package dev.retort.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(addMethodSubcommands = false, name = "merge", mixinStandardHelpOptions = true, description = "Create a revision that joins two or more heads.",
        footer = {"", "Example:", "  retort merge -m \"merge phone and billing branches\" heads"})
final class MergeCommand implements Callable<Integer> {
    @ParentCommand
    RetortCommand root;

    @Option(names = {"-m", "--message"}, required = true, description = "What the merge joins.")
    String message;

    @Parameters(paramLabel = "REV", arity = "1..*", description = "The revisions to merge, or `heads`.")
    List<String> revisions;

    @Option(names = "--branch-label", paramLabel = "LABEL", description = "Label for the merged branch.")
    List<String> branchLabels = new ArrayList<>();

    @Option(names = "--rev-id", paramLabel = "ID", description = "Use this id instead of a random one.")
    String revId;

    @Option(names = "--sql-file", description = "Write a SQL migration instead of a Java one.")
    boolean sqlFile;

    @Override
    public Integer call() {
        Path file = root.retort().merge(message, revisions, branchLabels, Optional.ofNullable(revId), sqlFile);
        root.session.out().println("Generating " + Display.path(root.session.workingDir(), file) + " ... done");
        return 0;
    }
}
