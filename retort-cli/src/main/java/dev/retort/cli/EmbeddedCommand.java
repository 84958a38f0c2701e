package dev.retort.cli;

import dev.retort.command.UsageException;
import java.util.List;

/** {@code retort embedded status} and {@code retort embedded stop}: the project's embedded PostgreSQL. */
final class EmbeddedCommand extends Verb {
    EmbeddedCommand(RetortCommand root) {
        super(root, "embedded", "See or stop the project's embedded PostgreSQL, its database when none is configured.",
                "", "Retort keeps the embedded PostgreSQL in .retort/ running after each command, so that the next "
                        + "one starts fast; `retort embedded stop` stops it, and the next command that needs it starts "
                        + "it again.",
                "", "Example:", "  retort embedded status", "  retort embedded stop");
        for (Verb command : List.of(new EmbeddedStatusCommand(root), new EmbeddedStopCommand(root))) {
            spec.addSubcommand(command.spec.name(), withStandardOptions(command.spec));
        }
    }

    @Override
    public Integer call() {
        throw new UsageException("`retort embedded` needs a command, status or stop; see `retort embedded --help`.");
    }

    /** The project's state directory as the user names it: {@code .retort/} from the project's directory. */
    static String stateDir(RetortCommand root) {
        return Display.path(root.session.workingDir(), root.config().stateDir()) + "/";
    }
}
