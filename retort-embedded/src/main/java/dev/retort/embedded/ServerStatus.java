package dev.retort.embedded;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a project's embedded server is doing, as {@link EmbeddedPostgres#status(Path)} finds it without starting it.
 */
public sealed interface ServerStatus permits ServerStatus.None, ServerStatus.Stopped, ServerStatus.Running {

    /** The project has no server: none was ever started for it, or its state directory was deleted. */
    record None() implements ServerStatus {
    }

    /**
     * The project has a server, which is not running; the next command that needs it starts it.
     *
     * @param dataDirectory its data directory
     * @param version the PostgreSQL major version of its data, such as {@code 17}
     * @param log the log the server writes
     */
    record Stopped(Path dataDirectory, String version, Path log) implements ServerStatus {
    }

    /**
     * The project's server is running.
     *
     * @param dataDirectory its data directory
     * @param pid the process id of its postmaster
     * @param port the port it listens on, on {@code 127.0.0.1}
     * @param version its PostgreSQL version, such as {@code 17.6}
     * @param log the log it writes
     * @param passFile the file that holds its password for {@code psql} ({@code .retort/pgpass}, which
     *                 {@code PGPASSFILE} names); empty for a server made before servers had a password, which no
     *                 command has started or reused since
     */
    record Running(Path dataDirectory, long pid, int port, String version, Path log, Optional<Path> passFile)
            implements ServerStatus {
        /**
         * Returns the URL of the project's database on this server, the password hidden as in every URL Retort shows:
         * the superuser and the database {@code retort}.
         */
        public String url() {
            return "postgresql://" + ServerControl.SUPERUSER + (passFile.isPresent() ? ":***" : "") + "@127.0.0.1:"
                    + port + "/" + ProjectServer.DEFAULT_DATABASE;
        }

        /** Returns the arguments of {@code psql} that connect to {@link #url()}: {@code -h 127.0.0.1 -p PORT ...}. */
        public String psqlArguments() {
            return "-h 127.0.0.1 -p " + port + " -U " + ServerControl.SUPERUSER + " " + ProjectServer.DEFAULT_DATABASE;
        }
    }
}
