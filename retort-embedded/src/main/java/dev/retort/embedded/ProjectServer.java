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
        synchronized (START_LOCK) {
            try {
                Files.createDirectories(state);
                try (FileChannel channel = FileChannel.open(state.resolve("postgres.lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    return startOrReuseLocked(state);
                }
            } catch (IOException e) {
                throw new EmbeddedPostgresException("Could not use the state directory " + state
                        + " for the embedded PostgreSQL (" + reason(e) + "). Check that it is writable, or set "
                        + "DATABASE_URL in .env to use your own database.", e);
            }
        }
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
        PostgresBinaries binaries = PostgresBinaries.unpacked(account);
        Optional<ServerRecord> record = ServerRecord.read(state);
        Path instance = record.isPresent() && Files.isDirectory(record.get().dataDirectory())
                ? record.get().dataDirectory().getParent()
                : instanceDirectory(state, account);
        ServerControl control = new ServerControl(binaries, account, instance);

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
