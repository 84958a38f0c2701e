package dev.retort.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds, starts or initialises the server that belongs to a project's state directory.
 *
 * <p>A lock file in the state directory makes concurrent commands in the same project queue here,
 * so that only one of them initialises or starts the server and the others reuse it.
 */
final class ProjectServer {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectServer.class);
    static final String DEFAULT_DATABASE = "retort";
    /** Queues threads of this JVM; the file lock queues processes. */
    private static final Object START_LOCK = new Object();

    private ProjectServer() {
    }

    /** A server that runs for a project: how to control it and the port it listens on. */
    record Started(ServerControl control, int port) {
    }

    static Started startOrReuse(Path stateDirectory) {
        Path state = stateDirectory.toAbsolutePath().normalize();
        return locked(state, () -> startOrReuseLocked(state));
    }

    /**
     * Stops the project's server with a fast shutdown, if one of the project's runs, and waits until it has gone;
     * returns the process id it had. Under the state directory's lock, so that no command starts the server meanwhile;
     * one that waited for the lock starts it again afterwards. Starts nothing, and creates no state directory.
     */
    static OptionalLong stop(Path stateDirectory) {
        Path state = stateDirectory.toAbsolutePath().normalize();
        if (!Files.isDirectory(state) || neverStartedHere(state)) {
            return OptionalLong.empty();
        }
        return locked(state, () -> {
            ServerAccount account = ServerAccount.detect();
            Optional<ServerRecord> record = ServerRecord.read(state);
            Path instance = InstanceDirectory.locate(state, record, account);
            if (!InstanceDirectory.belongs(state, instance, record)) {
                return OptionalLong.empty();
            }
            ServerControl found = new ServerControl(PostgresBinaries.located(account), account, instance,
                    ProjectPassword.read(state));
            Optional<ServerControl.Running> running = found.running();
            if (running.isEmpty()) {
                return OptionalLong.empty();
            }
            new ServerControl(PostgresBinaries.unpacked(account), account, found.instance()).stop();
            LOG.debug("Stopped PostgreSQL {} in {}", running.get().pid(), found.dataDirectory());
            return OptionalLong.of(running.get().pid());
        });
    }

    /**
     * Whether no server can have run from {@code state}: none was recorded, and this JVM lacks the binaries to start
     * one (an application's, which makes {@code .retort/} for its script cache alone). Asking where the binaries
     * would be unpacked would fail on them.
     */
    private static boolean neverStartedHere(Path state) {
        return ServerRecord.read(state).isEmpty() && !PostgresBinaries.onClasspath();
    }

    /** Tells what the project's server is doing: the one the next command would start or reuse. Starts nothing. */
    static ServerStatus status(Path stateDirectory) {
        Path state = stateDirectory.toAbsolutePath().normalize();
        if (!Files.isDirectory(state) || neverStartedHere(state)) {
            return new ServerStatus.None();
        }
        ServerAccount account = ServerAccount.detect();
        ServerControl control;
        try {
            Optional<ServerRecord> record = ServerRecord.read(state);
            Path instance = InstanceDirectory.locate(state, record, account);
            if (!InstanceDirectory.belongs(state, instance, record)) {
                // Left by a .retort/ deleted since: the next start deletes it.
                return new ServerStatus.None();
            }
            control = new ServerControl(PostgresBinaries.located(account), account, instance,
                    ProjectPassword.read(state));
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not read the state directory " + state
                    + " of the embedded PostgreSQL (" + reason(e) + "). Check that it is readable.", e);
        }
        if (!control.initialized()) {
            return new ServerStatus.None();
        }
        String dataVersion = dataVersion(control);
        Optional<ServerControl.Running> running = control.running();
        if (running.isEmpty()) {
            return new ServerStatus.Stopped(control.dataDirectory(), dataVersion, control.serverLog());
        }
        int port = running.get().port();
        Path passFile = state.resolve(ProjectPassword.PASS_FILE_NAME);
        return new ServerStatus.Running(control.dataDirectory(), running.get().pid(), port,
                serverVersion(port, control.password()).orElse(dataVersion), control.serverLog(),
                control.password().isPresent() && Files.isRegularFile(passFile) ? Optional.of(passFile)
                        : Optional.empty());
    }

    /** Runs {@code work} holding the state directory's lock, which queues commands of every process. */
    private static <T> T locked(Path state, LockedWork<T> work) {
        synchronized (START_LOCK) {
            try {
                Files.createDirectories(state);
                try (FileChannel channel = FileChannel.open(state.resolve("postgres.lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    return work.run();
                }
            } catch (IOException e) {
                throw new EmbeddedPostgresException("Could not use the state directory " + state
                        + " for the embedded PostgreSQL (" + reason(e) + "). Check that it is writable, or set "
                        + "DATABASE_URL in .env to use your own database.", e);
            }
        }
    }

    /** What runs under the state directory's lock. */
    private interface LockedWork<T> {
        T run() throws IOException;
    }

    /** What went wrong, in words: an AccessDeniedException's message is the bare path. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        if (e instanceof FileSystemException failed && failed.getReason() != null) {
            return failed.getFile() + ": " + failed.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Reuses the running server or starts it, giving it a password first where it has none Retort knows: a new data
     * directory, one made before servers had a password (initdb's trust rules), or one whose password file is gone.
     */
    private static Started startOrReuseLocked(Path state) throws IOException {
        ServerAccount account = ServerAccount.detect();
        Optional<ServerRecord> record = ServerRecord.read(state);
        Optional<String> known = ProjectPassword.read(state);
        String password = known.orElseGet(ProjectPassword::generate);
        Path instance = InstanceDirectory.locate(state, record, account);
        InstanceDirectory.claim(state, instance, record, account);
        ServerControl control = new ServerControl(PostgresBinaries.unpacked(account), account, instance,
                Optional.of(password));

        Optional<ServerControl.Running> running = control.running();
        if (running.isPresent()) {
            int port = running.get().port();
            if (control.trustsConnections()) {
                // Started before servers had a password, by an older Retort perhaps, whose commands may be using it.
                LOG.debug("Giving PostgreSQL on port {} for {} a password", port, state);
                control.requirePasswordRunning(port);
                ProjectPassword.write(state, password);
                known = Optional.of(password);
            }
            ServerControl.Access access = control.access(port);
            if (access == ServerControl.Access.THIS_SERVER) {
                LOG.debug("Reusing PostgreSQL on port {} for {}", port, state);
                remember(state, control, port, record);
                return new Started(control, port);
            }
            if (access == ServerControl.Access.WRONG_PASSWORD) {
                if (known.isPresent()) {
                    throw wrongPassword(state, control);
                }
                // Its password went with the password file: it is set anew, which single-user mode does stopped.
                LOG.debug("PostgreSQL on port {} has a password {} does not keep; stopping it to set a new one",
                        port, state);
                control.stop();
            }
        }
        if (!control.initialized()) {
            control.initialize(Durability.CRASH_SAFE);
        }
        if (known.isEmpty() || control.trustsConnections()) {
            control.requirePasswordStopped();
            ProjectPassword.write(state, password);
        }
        int port = control.start(record.map(ServerRecord::port).orElse(0));
        remember(state, control, port, record);
        createDefaultDatabase(state, control, port);
        return new Started(control, port);
    }

    /** The server refused the password of the password file: someone changed one of them. */
    private static EmbeddedPostgresException wrongPassword(Path state, ServerControl control) {
        return new EmbeddedPostgresException("The embedded PostgreSQL in " + control.dataDirectory()
                + " refused the password in " + state.resolve(ProjectPassword.FILE_NAME) + ". Delete that file: "
                + "the next command sets a new password.");
    }

    /** The major version {@code initdb} wrote into the data directory, such as {@code 17}. */
    private static String dataVersion(ServerControl control) {
        try {
            return Files.readString(control.dataDirectory().resolve("PG_VERSION"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The version of the server on {@code port}, such as {@code 17.6}; empty when it does not answer. */
    private static Optional<String> serverVersion(int port, Optional<String> password) {
        try (Connection connection = AdminConnection.open(port, "postgres", password);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("show server_version")) {
            return result.next() ? Optional.of(result.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            LOG.debug("PostgreSQL on port {} did not tell its version: {}", port, e.getMessage());
            return Optional.empty();
        }
    }

    private static void remember(Path state, ServerControl control, int port, Optional<ServerRecord> old)
            throws IOException {
        long pid = control.running().map(ServerControl.Running::pid).orElse(0L);
        ServerRecord record = new ServerRecord(control.dataDirectory(), port, pid);
        if (old.isEmpty() || !old.get().equals(record)) {
            record.write(state);
        }
        if (control.password().isPresent()) {
            ProjectPassword.writePassFile(state, port, control.password().get());
        }
    }

    private static void createDefaultDatabase(Path state, ServerControl control, int port) {
        try (Connection connection = AdminConnection.open(port, "postgres", control.password());
             PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DEFAULT_DATABASE);
            try (ResultSet result = exists.executeQuery()) {
                if (result.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create database " + AdminConnection.quote(DEFAULT_DATABASE));
            }
        } catch (SQLException e) {
            if ("28P01".equals(e.getSQLState())) {
                throw wrongPassword(state, control);
            }
            throw new EmbeddedPostgresException("Could not create the database " + DEFAULT_DATABASE
                    + " on the embedded PostgreSQL at port " + port + ": " + e.getMessage(), e);
        }
    }
}
