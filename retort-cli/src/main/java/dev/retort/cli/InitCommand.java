package dev.retort.cli;

import dev.retort.command.ProjectInit;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(addMethodSubcommands = false, name = "init", mixinStandardHelpOptions = true, description = "Create a new project: retort.toml, migrations/versions/, .env.example, .gitignore.",
        footer = {"", "Example:", "  retort init .          # then: retort revision -m \"create users table\""})
final class InitCommand implements Callable<Integer> {
    @ParentCommand
    RetortCommand root;

    @Parameters(paramLabel = "DIR", description = "Directory of the new project (created if missing).")
    Path directory;

    @Override
    public Integer call() {
        Path dir = root.session.workingDir().resolve(directory).normalize();
        ProjectInit.create(dir, root.session.out()::println);
        root.session.out().println("Edit " + dir.resolve("retort.toml") + " (or set DATABASE_URL in .env), then run "
                + "`retort revision -m \"first migration\"`.");
        return 0;
    }
}
