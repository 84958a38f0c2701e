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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
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
        if (!Files.isDirectory(state)) {
            return OptionalLong.empty();
        }
        return locked(state, () -> {
            ServerAccount account = ServerAccount.detect();
            ServerControl found = control(state, ServerRecord.read(state), PostgresBinaries.located(account), account);
            Optional<ServerControl.Running> running = found.running();
            if (running.isEmpty()) {
                return OptionalLong.empty();
            }
            new ServerControl(PostgresBinaries.unpacked(account), account, found.instance()).stop();
            LOG.debug("Stopped PostgreSQL {} in {}", running.get().pid(), found.dataDirectory());
            return OptionalLong.of(running.get().pid());
        });
    }

    /** Tells what the project's server is doing: the one the next command would start or reuse. Starts nothing. */
    static ServerStatus status(Path stateDirectory) {
        Path state = stateDirectory.toAbsolutePath().normalize();
        if (!Files.isDirectory(state)) {
            return new ServerStatus.None();
        }
        ServerAccount account = ServerAccount.detect();
        ServerControl control;
        try {
            control = control(state, ServerRecord.read(state), PostgresBinaries.located(account), account);
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
        return new ServerStatus.Running(control.dataDirectory(), running.get().pid(), port,
                serverVersion(port).orElse(dataVersion), control.serverLog());
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

    private static Started startOrReuseLocked(Path state) throws IOException {
        ServerAccount account = ServerAccount.detect();
        Optional<ServerRecord> record = ServerRecord.read(state);
        ServerControl control = control(state, record, PostgresBinaries.unpacked(account), account);

        Optional<ServerControl.Running> running = control.running();
        if (running.isPresent() && control.serves(running.get().port())) {
            LOG.debug("Reusing PostgreSQL on port {} for {}", running.get().port(), state);
            remember(state, control, running.get().port(), record);
            return new Started(control, running.get().port());
        }
        if (!control.initialized()) {
            control.initialize(Durability.CRASH_SAFE);
        }
        int port = control.start(record.map(ServerRecord::port).orElse(0));
        remember(state, control, port, record);
        createDefaultDatabase(port);
        return new Started(control, port);
    }

    /** The project's server: where its record says it lives, or else where a new one goes. */
    private static ServerControl control(Path state, Optional<ServerRecord> record, PostgresBinaries binaries,
            ServerAccount account) throws IOException {
        Path instance = record.isPresent() && Files.isDirectory(record.get().dataDirectory())
                ? record.get().dataDirectory().getParent()
                : instanceDirectory(state, account);
        return new ServerControl(binaries, account, instance);
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
    private static Optional<String> serverVersion(int port) {
        try (Connection connection = AdminConnection.open(port, "postgres");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("show server_version")) {
            return result.next() ? Optional.of(result.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            LOG.debug("PostgreSQL on port {} did not tell its version: {}", port, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Chooses where a new server's files go: {@code <state>/postgres/}, or, when the server account
     * cannot reach the state directory (a project under root's home, run as root), a directory of
     * {@code /var/tmp} (or the temporary directory) named after the state directory's path.
     */
    private static Path instanceDirectory(Path state, ServerAccount account) throws IOException {
        if (account.canReach(state)) {
            return state.resolve("postgres");
        }
        List<Path> candidates = List.of(Path.of("/var/tmp"), Path.of(System.getProperty("java.io.tmpdir")),
                Path.of("/tmp"));
        Path parent = account.firstReachable(candidates).orElseThrow(() -> new EmbeddedPostgresException(
                "The account that runs PostgreSQL can reach neither " + state + " nor any of " + candidates
                        + ". Let every user enter one of them (chmod o+x), or configure a database URL."));
        Path instance = parent.resolve("retort-" + hash(state.toString()));
        if (Files.isSymbolicLink(instance)) {
            throw new EmbeddedPostgresException(instance + " is a symbolic link, which Retort will not follow "
                    + "for the embedded PostgreSQL of " + state + ". Remove it and try again.");
        }
        LOG.debug("{} is not reachable by {}; keeping the embedded PostgreSQL in {}", state, account, instance);
        return instance;
    }

    private static void remember(Path state, ServerControl control, int port, Optional<ServerRecord> old)
            throws IOException {
        long pid = control.running().map(ServerControl.Running::pid).orElse(0L);
        ServerRecord record = new ServerRecord(control.dataDirectory(), port, pid);
        if (old.isEmpty() || !old.get().equals(record)) {
            record.write(state);
        }
    }

    private static void createDefaultDatabase(int port) {
        try (Connection connection = AdminConnection.open(port, "postgres");
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
            throw new EmbeddedPostgresException("Could not create the database " + DEFAULT_DATABASE
                    + " on the embedded PostgreSQL at port " + port + ": " + e.getMessage(), e);
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
