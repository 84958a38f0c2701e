package dev.retort.cli;

import dev.retort.config.RetortConfig;
import dev.retort.embedded.EmbeddedPostgres;
import dev.retort.embedded.ServerStatus;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code retort embedded status}: what the project's embedded PostgreSQL is doing, one fact a line. */
final class EmbeddedStatusCommand extends Verb {
    EmbeddedStatusCommand(RetortCommand root) {
        super(root, "status", "Show whether the project's embedded PostgreSQL runs, and its URL, process id, data "
                        + "directory, version and log.",
                "", "One `name: value` line per fact. The first is status: running; stopped (the next command that "
                        + "needs it starts it); none (none was started in this project yet); or not used (the "
                        + "project's database is configured: --url, database_url, DATABASE_URL or DB_*). Starts "
                        + "nothing, and exits 0 whichever it is.",
                "", "The url is the one `retort current -v` shows, its password hidden. The server listens on this "
                        + "machine only and asks every connection for its password, which .retort/pgpass holds (only "
                        + "you may read it): the psql line connects with it.",
                "", "Run as root, the server runs as nobody; when nobody cannot enter the project's directory, or "
                        + "the project's path holds a \", $, ` or \\ (which pg_ctl cannot pass on), the data lives in "
                        + "/var/tmp instead, tied to .retort/, and a note line says where and how it goes.",
                "", "Example:", "  retort embedded status");
    }

    @Override
    public Integer call() {
        RetortConfig config = root.config();
        ServerStatus status = root.retort().embeddedStatus();
        PrintStream out = root.session.out();
        boolean configured = !config.embedded();
        if (status instanceof ServerStatus.Running running) {
            out.println("status: running");
            out.println("url: " + running.url());
            out.println("psql: " + running.passFile().map(file -> "PGPASSFILE=" + shellWord(shown(file)) + " ")
                    .orElse("") + "psql " + running.psqlArguments());
            out.println("pid: " + running.pid());
            out.println("data directory: " + shown(running.dataDirectory()));
            out.println("version: PostgreSQL " + running.version());
            out.println("log: " + shown(running.log()));
            noteOutsideProject(out, config, running.dataDirectory());
        } else if (status instanceof ServerStatus.Stopped stopped) {
            out.println("status: stopped (the next command that needs it starts it)");
            out.println("data directory: " + shown(stopped.dataDirectory()));
            out.println("version: PostgreSQL " + stopped.version());
            out.println("log: " + shown(stopped.log()));
            noteOutsideProject(out, config, stopped.dataDirectory());
        } else if (configured) {
            out.println("status: not used (the database comes from " + config.databaseUrlSource() + ")");
            return 0;
        } else {
            out.println("status: none (the first command that needs a database starts it in "
                    + EmbeddedCommand.stateDir(root) + ")");
            return 0;
        }
        if (configured) {
            // Autogenerate's dev databases and `retort test`'s scratch ones are made there unless configured too.
            out.println("note: migrations run on the database from " + config.databaseUrlSource()
                    + ", not on this server");
        }
        return 0;
    }

    /**
     * Says where the data lives when it is not under {@code .retort/}, where a user who deletes {@code .retort/} or
     * the project to be rid of it would not look.
     */
    private void noteOutsideProject(PrintStream out, RetortConfig config, Path dataDirectory) {
        Path instance = dataDirectory.toAbsolutePath().normalize().getParent();
        if (instance.startsWith(config.stateDir().toAbsolutePath().normalize())) {
            return;
        }
        String why = EmbeddedPostgres.pgCtlCanName(config.stateDir())
                ? "the server's account cannot enter the project's directory"
                : "pg_ctl cannot start a server from a path that holds \", $, ` or \\";
        out.println("note: the data lives outside the project, in " + instance + " (" + why + "); deleting .retort/ "
                + "forgets it, and the next start here deletes it, or delete it yourself after `retort embedded stop`");
    }

    /** Quotes {@code word} for a POSIX shell when it holds more than letters, digits and {@code /._-}. */
    private static String shellWord(String word) {
        return word.matches("[A-Za-z0-9/._-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private String shown(Path path) {
        return Display.path(root.session.workingDir(), path);
    }
}
