package dev.retort.command;

import dev.retort.config.ConfigLoader;
import dev.retort.config.RetortConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A command run in a subdirectory of a project (its {@code src/}), where there is no project of its own: every command
 * names the project's retort.toml, where each gave advice of its own (`retort init .`, which made a second project
 * there, or an embedded server that is "none" while the project's runs).
 */
final class ProjectAbove {
    private ProjectAbove() {
    }

    /**
     * "there is no retort.toml here: the project is the one of ../retort.toml; run the command in .., or give -c
     * ../retort.toml.", when {@code config} was found in no file and the working directory holds no project of its
     * own (no migrations directory) but one above does.
     */
    static Optional<String> hint(RetortConfig config) {
        if (config.configFile().isPresent() || config.classpathScriptLocation().isPresent()
                || Files.isDirectory(config.versionsDir())) {
            return Optional.empty();
        }
        Path here = config.projectDir().toAbsolutePath().normalize();
        return ConfigLoader.configAbove(here).map(toml -> "there is no retort.toml here: the project is the one of "
                + here.relativize(toml) + "; run the command in " + here.relativize(toml.getParent()) + ", or give -c "
                + here.relativize(toml) + ".");
    }
}
