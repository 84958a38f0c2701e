package dev.retort.cli;

import dev.retort.command.ProjectInit;
import dev.retort.config.ConfigLoader;
import java.nio.file.Path;

final class InitCommand extends Verb {
    InitCommand(RetortCommand root) {
        // The first line fits the command list's column, where picocli would break .env.example at its dot.
        super(root, "init", "Create a new project: retort.toml and migrations/versions/.",
                "", "Also writes .env.example, and a .gitignore entry for .retort/ (Retort's local state).",
                "", "Example:", "  retort init .          # then: retort revision -m \"create users table\"");
        parameter(Path.class, "DIR", "1", "Directory of the new project (created if missing).");
    }

    @Override
    public Integer call() {
        Path dir = root.session.workingDir().resolve(this.<Path>parameter()).normalize();
        ProjectInit.create(dir, root.session.out()::println);
        // Commands run in a project's subdirectory once told users to run `retort init .` there: a second project,
        // whose commands use their own migrations and database, not the project's.
        ConfigLoader.configAbove(dir).ifPresent(toml -> root.session.err().println("warning: " + dir + " is inside "
                + "the project of " + toml + "; commands run in " + dir + " use this new project, not that one. If you "
                + "meant that one, delete what init created here and run commands in " + toml.getParent() + "."));
        root.session.out().println("Edit " + dir.resolve("retort.toml") + " (or set DATABASE_URL in .env), then run "
                + "`retort revision -m \"first migration\"`.");
        return 0;
    }
}
