package dev.retort.cli;

import dev.retort.command.RevisionRequest;
import dev.retort.autogenerate.Comparison;
import dev.retort.autogenerate.Prompter;
import dev.retort.autogenerate.diff.Change;
import dev.retort.command.AutogenerateRequest;
import dev.retort.command.UsageException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(addMethodSubcommands = false, name = "revision", mixinStandardHelpOptions = true, description = "Create a new migration file after the current head.",
        footer = {"", "Examples:", "  retort revision --autogenerate -m \"add user phone number\"",
            "  retort revision -m \"add user phone number\"",
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

    @Option(names = "--autogenerate", description = "Fill the migration with what the models of [models] changed.")
    boolean autogenerate;

    @Option(names = "--rename", paramLabel = "OLD=NEW",
            description = "With --autogenerate: a rename, not a drop and an add (users=members, users.phone=phone_number).")
    Map<String, String> renames = new LinkedHashMap<>();

    @Option(names = "--sql", description = "With --autogenerate: print the upgrade SQL instead of writing a file.")
    boolean sql;

    @Override
    public Integer call() {
        RevisionRequest request = new RevisionRequest(message, Optional.ofNullable(head), splice, branchLabels,
                dependsOn, Optional.ofNullable(revId), sqlFile);
        if (!autogenerate) {
            if (sql || !renames.isEmpty()) {
                throw new UsageException("--sql and --rename go with --autogenerate.");
            }
            generated(root.retort().revision(request));
            return 0;
        }
        Prompter prompter = root.session.interactive() ? new TerminalPrompter(root.session) : Prompter.NOBODY;
        Comparison comparison = root.retort().compare(new AutogenerateRequest(renames, prompter, true));
        comparison.model().warnings().forEach(w -> root.session.err().println("warning: " + w));
        for (Change change : comparison.diff().upgrade()) {
            root.session.err().println("Detected " + change.description());
            if (change.warning() != null) {
                root.session.err().println("warning: " + change.warning());
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

    private void generated(Path file) {
        root.session.out().println("Generating " + Display.path(root.session.workingDir(), file) + " ... done");
    }
}
