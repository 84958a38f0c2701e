package dev.retort.embedded;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code initdb} and {@code pg_ctl} for one server instance.
 *
 * <p>An instance directory, owned by the server account, holds {@code data/} (the data directory),
 * {@code server.log} (what {@code postgres} writes) and {@code commands.log} (what {@code initdb} and
 * {@code pg_ctl} print).
 *
 * @param binaries the unpacked server programs
 * @param account who runs them
 * @param instance the instance directory
 * @param password the superuser's password: a project's server takes no connection without it; empty for a
 *                 temporary server, which trusts every connection from this machine
 */
record ServerControl(PostgresBinaries binaries, ServerAccount account, Path instance, Optional<String> password) {
    private static final Logger LOG = LoggerFactory.getLogger(ServerControl.class);
    static final String SUPERUSER = "postgres";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PORT_ATTEMPTS = 5;
    private static final int LOG_LINES = 20;
    /** SQLSTATE invalid_password: the server refused the password. */
    private static final String INVALID_PASSWORD = "28P01";
    /**
     * Options of every start. The server log keeps no failed statement and no error of a session: a statement may
     * carry a password (a failed {@code CREATE ROLE ... PASSWORD}), and so may an error ({@code syntax error at or
     * near "..."}) and its detail ({@code Key (password)=(...) already exists}, {@code Failing row contains ...}).
     * Retort's own error tells them, with the password hidden. The log keeps what the server itself says ({@code
     * LOG}, {@code FATAL}: its start, its stop, a refused login), which ranks above {@code ERROR} in the server's log.
     * Given at start rather than written at {@code initdb}, so that servers created before it keep no more either,
     * from their next start (a server already running is reused as it is).
     */
    private static final String START_OPTIONS = " -c log_min_error_statement=panic -c log_min_messages=log";

    /** What initdb writes into pg_hba.conf with {@code -A trust}: a rule whose method is {@code trust}. */
    private static final Pattern TRUST_RULE = Pattern.compile(
            "^(\\s*(?:local|host|hostssl|hostnossl|hostgssenc|hostnogssenc)\\s.*\\s)trust(\\s*(?:#.*)?)$");
    /**
     * The rounds of PBKDF2 in the password's SCRAM verifier, which the client computes on every connection.
     * PostgreSQL's 4096 make guessing a person's password from a stolen verifier slow; the password of a project's
     * server is 32 random characters, which no number of guesses finds, and each Retort command is a new JVM, in
     * which 4096 rounds cost about 10 ms a connection.
     */
    private static final int SCRAM_ITERATIONS = 1;
    /** How long a reload may take to reach the postmaster, which re-reads pg_hba.conf on SIGHUP. */
    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(10);

    ServerControl {
        instance = instance.toAbsolutePath().normalize();
    }

    /** An instance connected to without a password: a temporary server's, or one only stopped or deleted. */
    ServerControl(PostgresBinaries binaries, ServerAccount account, Path instance) {
        this(binaries, account, instance, Optional.empty());
    }

    Path dataDirectory() {
        return instance.resolve("data");
    }

    Path serverLog() {
        return instance.resolve("server.log");
    }

    Path commandLog() {
        return instance.resolve("commands.log");
    }

    /** Tells whether {@code initdb} has completed here. */
    boolean initialized() {
        return Files.exists(dataDirectory().resolve("PG_VERSION"));
    }

    /**
     * Creates the instance directory and a new data directory with superuser {@code postgres}, trust auth; a
     * project's server is then given its password by {@link #requirePasswordStopped()} before it first starts.
     */
    void initialize(Durability durability) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(instance);
            account.own(instance);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not create the PostgreSQL directory " + instance + ": "
                    + e.getMessage() + ". Check that its parent is writable.", e);
        }
        List<String> command = new ArrayList<>(List.of(binaries.program("initdb").toString(),
                "-D", dataDirectory().toString(), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--no-locale"));
        command.addAll(durability.initdbOptions());
        long offset = LogTail.size(commandLog());
        int exit = CommandRunner.run(account.command(command), instance, commandLog(), TIMEOUT);
        if (exit != 0) {
            throw new EmbeddedPostgresException("initdb could not create the data directory " + dataDirectory()
                    + " (exit code " + exit + "). Its output:\n" + LogTail.since(commandLog(), offset, LOG_LINES));
        }
        try {
            List<String> lines = new ArrayList<>(List.of("", "# Added by Retort's embedded PostgreSQL."));
            lines.addAll(durability.configuration());
            Files.write(dataDirectory().resolve("postgresql.conf"), lines, StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not configure " + dataDirectory() + ": " + e.getMessage(), e);
        }
        LOG.debug("initdb {} took {} ms", dataDirectory(), (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Starts the server and waits until it accepts connections; returns the port it listens on.
     *
     * <p>Tries {@code preferredPort} first when it is positive (a project's server keeps its port
     * across restarts), then free ports, moving on whenever the port turns out to be taken.
     */
    int start(int preferredPort) {
        long started = System.nanoTime();
        removeStaleLockFile();
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            int port = attempt == 0 && preferredPort > 0 ? preferredPort : FreePort.find();
            long serverOffset = LogTail.size(serverLog());
            long commandOffset = LogTail.size(commandLog());
            List<String> command = List.of(binaries.program("pg_ctl").toString(), "start",
                    "-D", dataDirectory().toString(), "-l", serverLog().toString(),
                    "-w", "-t", Long.toString(TIMEOUT.toSeconds()), "-o", "-p " + port + START_OPTIONS);
            int exit = CommandRunner.run(account.command(command), instance, commandLog(), TIMEOUT.plusSeconds(10));
            if (exit == 0) {
                LOG.debug("PostgreSQL in {} started on port {} in {} ms",
                        dataDirectory(), port, (System.nanoTime() - started) / 1_000_000);
                return port;
            }
            String serverSaid = LogTail.since(serverLog(), serverOffset, LOG_LINES);
            if (!serverSaid.contains("Address already in use")) {
                String pgCtlSaid = LogTail.since(commandLog(), commandOffset, LOG_LINES);
                throw new EmbeddedPostgresException("PostgreSQL did not start from " + dataDirectory()
                        + " (pg_ctl exit code " + exit + "); see " + serverLog() + ". Last lines of its log:\n"
                        + (serverSaid.isEmpty() ? pgCtlSaid : serverSaid));
            }
            LOG.debug("Port {} is taken; trying another", port);
        }
        throw new EmbeddedPostgresException("PostgreSQL did not start from " + dataDirectory() + ": "
                + PORT_ATTEMPTS + " ports in a row were taken by other programs. Try again.");
    }

    /** Stops the server with a fast shutdown (open sessions are ended) and waits for it; stopped is fine. */
    void stop() {
        stop("fast");
    }

    /**
     * Stops the server as a crash would: an immediate shutdown, which writes nothing more, so the next start
     * recovers from the WAL on disk. Stopped is fine.
     */
    void crash() {
        stop("immediate");
    }

    private void stop(String mode) {
        Optional<Running> running = running();
        if (running.isEmpty()) {
            return;
        }
        long offset = LogTail.size(commandLog());
        List<String> command = List.of(binaries.program("pg_ctl").toString(), "stop",
                "-D", dataDirectory().toString(), "-m", mode, "-w", "-t", Long.toString(TIMEOUT.toSeconds()));
        int exit = CommandRunner.run(account.command(command), instance, commandLog(), TIMEOUT.plusSeconds(10));
        if (exit != 0 && running().isPresent()) {
            throw new EmbeddedPostgresException("PostgreSQL in " + dataDirectory() + " did not stop (pg_ctl exit code "
                    + exit + "). Its output:\n" + LogTail.since(commandLog(), offset, LOG_LINES));
        }
        awaitExit(running.get().pid());
    }

    /**
     * Waits a little for the postmaster's process to end: {@code pg_ctl} waits for {@code postmaster.pid} to go, which
     * the postmaster deletes just before it exits, so that a caller looking at the process next finds it gone.
     */
    private static void awaitExit(long pid) {
        ProcessHandle.of(pid).ifPresent(process -> {
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("PostgreSQL's process {} is still there after it stopped: {}", pid, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Returns the server running on this data directory, as its lock file {@code postmaster.pid}
     * records it, if that process is alive and is this data directory's {@code postgres}.
     */
    Optional<Running> running() {
        List<String> lines;
        try {
            lines = lockFileLines();
        } catch (IOException e) {
            return Optional.empty();
        }
        // Lines: pid, data directory, start time, port, socket directory, listen address, shmem key, status.
        if (lines.size() < 4) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).strip());
            int port = Integer.parseInt(lines.get(3).strip());
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            boolean ours = process.isPresent() && process.get().isAlive() && isPostmasterHere(process.get(), port);
            return ours ? Optional.of(new Running(pid, port)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Path lockFile() {
        return dataDirectory().resolve("postmaster.pid");
    }

    /**
     * The lines of the lock file {@code postmaster.pid}. Read byte for byte: its second line is the data directory's
     * path as the file system spells it, which in a locale whose file names are not UTF-8 (ISO-8859-1) is no UTF-8
     * text, and a strict UTF-8 read failed on it, so that a running server was taken for none and a second one
     * started. The lines read here, the process id and the port, are ASCII.
     */
    private List<String> lockFileLines() throws IOException {
        return Files.readAllLines(lockFile(), StandardCharsets.ISO_8859_1);
    }

    /**
     * Removes a {@code postmaster.pid} left by a server that did not shut down when its process id now belongs to
     * another program of the server's account: PostgreSQL takes any live process it may signal for the old server
     * and refuses to start ({@code lock file "postmaster.pid" already exists}), which after a reboot can keep a
     * project's server down for good. Only a process whose arguments show it is not this data directory's
     * {@code postgres} counts: where they cannot be read, or the process is gone (PostgreSQL then sees that the file
     * is stale itself), the file stays.
     */
    private void removeStaleLockFile() {
        Path lockFile = lockFile();
        Optional<ProcessHandle> holder;
        try {
            String pid = lockFileLines().get(0).strip();
            holder = ProcessHandle.of(Long.parseLong(pid));
        } catch (IOException | RuntimeException e) {
            return;
        }
        boolean another = holder.filter(ProcessHandle::isAlive)
                .flatMap(process -> process.info().arguments())
                .map(arguments -> !namesThisDataDirectory(List.of(arguments)))
                .orElse(false);
        if (!another) {
            return;
        }
        try {
            Files.deleteIfExists(lockFile);
            LOG.debug("Removed {}: process {} is another program now", lockFile, holder.get().pid());
        } catch (IOException e) {
            LOG.debug("Could not remove the stale {}: {}", lockFile, e.getMessage());
        }
    }

    /**
     * Tells whether {@code process} is the postmaster of this data directory, which {@code pg_ctl} starts as
     * {@code postgres -D <data directory> ...}. A server that did not shut down (a reboot, a {@code kill -9}) leaves
     * {@code postmaster.pid} behind, and its process id may since have gone to another program, which must be neither
     * taken for the server nor sent {@code pg_ctl stop}'s signal. Where the arguments cannot be read, the server on
     * {@code port} is asked for its data directory instead.
     */
    private boolean isPostmasterHere(ProcessHandle process, int port) {
        Optional<String[]> arguments = process.info().arguments();
        if (arguments.isEmpty()) {
            return serves(port);
        }
        return namesThisDataDirectory(List.of(arguments.get()));
    }

    /** Tells whether a process's arguments are those of this data directory's postmaster: {@code -D <data>}. */
    private boolean namesThisDataDirectory(List<String> words) {
        int option = words.indexOf("-D");
        if (option < 0 || option + 1 >= words.size()) {
            return false;
        }
        Path named = Path.of(words.get(option + 1));
        try {
            // The same directory by another path (a symbolic link, a bind mount) is this one.
            return Files.isSameFile(named, dataDirectory());
        } catch (IOException e) {
            return named.toAbsolutePath().normalize().equals(dataDirectory());
        }
    }

    /** Tells whether the server on {@code port} answers and runs on this data directory (not another one). */
    boolean serves(int port) {
        return access(port) == Access.THIS_SERVER;
    }

    /** How the server on {@code port} answers this instance's superuser. */
    Access access(int port) {
        try (Connection connection = AdminConnection.open(port, "postgres", password);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select textsend(current_setting('data_directory'))")) {
            return result.next() && Files.isSameFile(fileName(result.getBytes(1)), dataDirectory())
                    ? Access.THIS_SERVER : Access.NOT_THIS_SERVER;
        } catch (SQLException e) {
            LOG.debug("No usable server on port {}: {}", port, e.getMessage());
            return INVALID_PASSWORD.equals(e.getSQLState()) ? Access.WRONG_PASSWORD : Access.NOT_THIS_SERVER;
        } catch (IOException | InvalidPathException e) {
            LOG.debug("No usable server on port {}: {}", port, e.getMessage());
            return Access.NOT_THIS_SERVER;
        }
    }

    /**
     * The path whose name has {@code bytes}, as the server has its data directory's: the bytes it was started with,
     * which the driver would decode as UTF-8 where Java's file names may be ISO-8859-1 (the locale's), naming another
     * file or none.
     */
    private static Path fileName(byte[] bytes) {
        Charset charset;
        try {
            charset = Charset.forName(System.getProperty("sun.jnu.encoding"));
        } catch (IllegalArgumentException e) {
            charset = Charset.defaultCharset();
        }
        return Path.of(new String(bytes, charset));
    }

    /** What the server on a port says to this instance's superuser. */
    enum Access {
        /** It let the superuser in, and it runs on this data directory. */
        THIS_SERVER,
        /** It refused the password. */
        WRONG_PASSWORD,
        /** Nothing answers, or another server does. */
        NOT_THIS_SERVER
    }

    /**
     * Tells whether {@code pg_hba.conf} lets a connection in without a password: {@code initdb -A trust} wrote it so,
     * for a data directory made before Retort gave a project's server a password.
     */
    boolean trustsConnections() throws IOException {
        return Files.readAllLines(hbaFile(), StandardCharsets.UTF_8).stream()
                .anyMatch(line -> TRUST_RULE.matcher(line).matches());
    }

    /**
     * Gives the superuser this instance's password while the server is stopped, in single-user mode (which listens on
     * no port, so that no one connects meanwhile), and makes {@code pg_hba.conf} ask every connection for a password.
     */
    void requirePasswordStopped() {
        String secret = password.orElseThrow(() -> new IllegalStateException("no password for " + instance));
        long offset = LogTail.size(commandLog());
        // exit_on_error: single-user mode goes on after a failed statement, and exits 0 at the end of its input.
        List<String> command = List.of(binaries.program("postgres").toString(), "--single", "-D",
                dataDirectory().toString(), "-c", "exit_on_error=on", "-c", "password_encryption=scram-sha-256",
                "-c", "scram_iterations=" + SCRAM_ITERATIONS, "-c", "log_min_error_statement=panic", "postgres");
        int exit = CommandRunner.run(account.command(command), instance, commandLog(), TIMEOUT,
                alterPassword(secret) + "\n");
        if (exit != 0) {
            throw new EmbeddedPostgresException("Could not set the password of the embedded PostgreSQL in "
                    + dataDirectory() + " (postgres --single exit code " + exit + "). Its output:\n"
                    + LogTail.since(commandLog(), offset, LOG_LINES));
        }
        requirePasswordInHba();
    }

    /**
     * Like {@link #requirePasswordStopped()} for the server running on {@code port} that still trusts connections
     * (one an older Retort started, which may be running commands): the password is set over a connection the server
     * still trusts, and the server reloads {@code pg_hba.conf}. Returns once it refuses a connection without the
     * password, so that no one connects as its superuser from then on.
     */
    void requirePasswordRunning(int port) {
        String secret = password.orElseThrow(() -> new IllegalStateException("no password for " + instance));
        try (Connection connection = AdminConnection.open(port, "postgres", Optional.empty());
             Statement statement = connection.createStatement()) {
            statement.execute("set password_encryption = 'scram-sha-256'");
            if (connection.getMetaData().getDatabaseMajorVersion() >= 16) {
                statement.execute("set scram_iterations = " + SCRAM_ITERATIONS);
            }
            statement.execute(alterPassword(secret));
            requirePasswordInHba();
            statement.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new EmbeddedPostgresException("Could not set the password of the embedded PostgreSQL in "
                    + dataDirectory() + " on port " + port + ": " + e.getMessage(), e);
        }
        awaitPasswordRequired(port);
    }

    private static String alterPassword(String secret) {
        return "alter role " + AdminConnection.quote(SUPERUSER) + " password '" + secret.replace("'", "''") + "'";
    }

    /** Waits until the postmaster, sent SIGHUP by {@code pg_reload_conf()}, refuses a wrong password. */
    private void awaitPasswordRequired(int port) {
        long deadline = System.nanoTime() + RELOAD_TIMEOUT.toNanos();
        Optional<String> wrong = Optional.of(password.get() + "-wrong");
        while (true) {
            try (Connection ignored = AdminConnection.open(port, "postgres", wrong)) {
                LOG.debug("PostgreSQL on port {} still trusts connections; waiting for its reload", port);
            } catch (SQLException e) {
                if (INVALID_PASSWORD.equals(e.getSQLState())) {
                    return;
                }
                throw new EmbeddedPostgresException("The embedded PostgreSQL in " + dataDirectory() + " on port "
                        + port + " did not answer after it was given a password: " + e.getMessage(), e);
            }
            if (System.nanoTime() > deadline) {
                throw new EmbeddedPostgresException("The embedded PostgreSQL in " + dataDirectory() + " on port "
                        + port + " still lets connections in without a password " + RELOAD_TIMEOUT.toSeconds()
                        + " seconds after it reloaded " + hbaFile() + "; see " + serverLog() + ".");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedPostgresException("Interrupted while waiting for the embedded PostgreSQL in "
                        + dataDirectory() + " to reload " + hbaFile() + ".", e);
            }
        }
    }

    /**
     * Makes every {@code trust} rule of {@code pg_hba.conf} a {@code scram-sha-256} one, keeping the rest of the file.
     * Replaced in a single rename by a file of the server account's, which the server reads.
     */
    private void requirePasswordInHba() {
        Path hba = hbaFile();
        try {
            List<String> rules = Files.readAllLines(hba, StandardCharsets.UTF_8).stream()
                    .map(line -> TRUST_RULE.matcher(line).replaceFirst("$1scram-sha-256$2"))
                    .toList();
            Path temporary = Files.createTempFile(dataDirectory(), "pg_hba.conf", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(temporary, rules, StandardCharsets.UTF_8);
                account.own(temporary);
                Files.move(temporary, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not make " + hba + " ask for a password: "
                    + e.getMessage(), e);
        }
    }

    private Path hbaFile() {
        return dataDirectory().resolve("pg_hba.conf");
    }

    /** A running server: the postmaster's process id and its port. */
    record Running(long pid, int port) {
    }
}
