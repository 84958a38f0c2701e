package dev.retort.cli;

import java.util.OptionalLong;

/** {@code retort embedded stop}: a fast shutdown of the project's embedded PostgreSQL. */
final class EmbeddedStopCommand extends Verb {
    EmbeddedStopCommand(RetortCommand root) {
        super(root, "stop", "Stop the project's embedded PostgreSQL, and wait until it has shut down.",
                "", "A fast shutdown, as `pg_ctl stop -m fast` does: the data is written to disk and kept, and the "
                        + "next command that needs the server starts it again.",
                "", "Commands using the server at that moment lose their connection and fail, and what they had not "
                        + "committed is rolled back, as when any database server goes away; run them again.",
                "", "A process that .retort/ names but that is no longer this project's PostgreSQL (after a reboot, "
                        + "its process id taken by another program) is left alone.",
                "", "Example:", "  retort embedded stop");
    }

    @Override
    public Integer call() {
        OptionalLong pid = root.retort().stopEmbedded();
        String where = EmbeddedCommand.stateDir(root);
        root.session.out().println(pid.isPresent()
                ? "Stopped the embedded PostgreSQL in " + where + " (pid " + pid.getAsLong() + ")."
                : "No embedded PostgreSQL was running in " + where + ".");
        return 0;
    }
}
