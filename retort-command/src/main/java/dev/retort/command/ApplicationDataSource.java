package dev.retort.command;

import dev.retort.RetortException;
import dev.retort.config.ConfigException;
import dev.retort.config.DatabaseUrl;
import dev.retort.dialect.SecretsInSql;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import javax.sql.DataSource;
import org.postgresql.PGProperty;

/**
 * The target database as an application's {@link DataSource} gives it: Retort borrows its connections from the
 * application's pool and gives each back as it found it ({@link BorrowedConnection}); it never closes the DataSource.
 *
 * <p>Retort knows no URL and no password then. What messages call the database, and what {@code pg_dump} is told to
 * connect to, comes from the first connection's metadata: its URL (without any password it holds) and its user. A
 * {@code pg_dump} run for a backup finds its password where libpq looks: {@code ~/.pgpass}, {@code PGPASSFILE} or
 * {@code PGPASSWORD} in the application's environment.
 */
final class ApplicationDataSource {
    private final DataSource dataSource;
    /** How messages name the DataSource: {@code the DataSource given to ConfigLoader.load}. */
    private final String source;
    /** This JVM's runs on the DataSource borrow their pair of connections in turn ({@link DataSourceTurns}). */
    private final DataSourceTurns.Turn turn;
    /**
     * The borrowing of the commands, by the thread that runs them: threads that share one {@code Retort} run
     * commands of their own, each taking its turn. Weak, as the threads are the application's.
     */
    private final Map<Thread, Command> commands = new WeakHashMap<>();
    /** What the first connection told of the database; null before it. */
    private Learnt learnt;

    /**
     * What the connections' metadata tells of the database.
     *
     * @param url   the database as a URL, without a password; null when the DataSource's URL cannot be read as one
     * @param shown the database for messages
     * @param why   why there is no {@code url}
     */
    private record Learnt(DatabaseUrl url, String shown, String why) {
    }

    /**
     * A command's borrowing. Its lock is held while waiting for the turn, so that a borrow of this command on
     * another thread (the connection opened early) waits with it instead of queueing behind its own command.
     */
    private static final class Command {
        /** The connections lent to the command and not given back yet. */
        private int lent;
        /** Whether the command holds the turn: from its first borrow to its second, or until it gave the first back. */
        private boolean holdingTurn;

        synchronized int lent() {
            return lent;
        }
    }

    ApplicationDataSource(DataSource dataSource, String source) {
        this.dataSource = dataSource;
        this.source = source;
        this.turn = DataSourceTurns.of(dataSource);
    }

    /**
     * Borrows a connection, which its {@code close} gives back to the pool as it was lent. The first connection of a
     * command waits for the DataSource's turn, which the command keeps until it borrowed its second (the lock's) or
     * gave the first back: runs of this JVM on one pool never each hold one connection while waiting for another.
     */
    Connection borrow(Thread owner) {
        Command command = command(owner);
        awaitTurn(command);
        Connection pooled;
        try {
            pooled = getConnection(command);
        } catch (SQLException e) {
            endTurnIfNoneLent(command);
            throw new RetortException(failure(e, command), e);
        } catch (RuntimeException e) {
            endTurnIfNoneLent(command);
            throw e;
        }
        turn.lent();
        synchronized (command) {
            if (++command.lent >= 2) {
                endTurn(command);
            }
        }
        Connection connection;
        try {
            connection = BorrowedConnection.wrap(pooled, () -> givenBack(command));
        } catch (SQLException e) {
            throw new RetortException("Could not read the session state of a connection from " + source + ": "
                    + Database.firstLine(e), e);
        }
        try {
            learn(connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new RetortException("Could not read the metadata of a connection from " + source + ": "
                    + Database.firstLine(e), e);
        }
        return connection;
    }

    /**
     * A connection from the pool. With the turn, a pool that timed out (no SQL state: nothing went wrong but the wait)
     * while the runs before this one hold its connections is asked again: they give them back when they end, and a
     * pool of two lends this run its pair then, however long their migrations take.
     */
    private Connection getConnection(Command command) throws SQLException {
        while (true) {
            long asked = System.nanoTime();
            try {
                return dataSource.getConnection();
            } catch (SQLException e) {
                boolean poolTimedOut = driverFailure(e).getSQLState() == null;
                boolean waitForOthers;
                synchronized (command) {
                    waitForOthers = command.holdingTurn && poolTimedOut && turn.othersHold(command.lent);
                }
                if (!waitForOthers) {
                    throw e;
                }
                // A pool that fails at once (closed, or set not to wait) is not asked again in a busy loop.
                long waited = (System.nanoTime() - asked) / 1_000_000;
                if (waited < 100) {
                    try {
                        Thread.sleep(100 - waited);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }
    }

    /** The borrowing of the command that {@code owner} runs. */
    private Command command(Thread owner) {
        synchronized (commands) {
            return commands.computeIfAbsent(owner, thread -> new Command());
        }
    }

    /** Waits for the DataSource's turn before the command's first connection; later ones need none. */
    private void awaitTurn(Command command) {
        synchronized (command) {
            if (command.holdingTurn || command.lent > 0) {
                return;
            }
            try {
                turn.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetortException("Interrupted while waiting for another run of this application on " + source
                        + " to take its connections; nothing was changed.", e);
            }
            command.holdingTurn = true;
        }
    }

    private void givenBack(Command command) {
        turn.givenBack();
        synchronized (command) {
            command.lent--;
        }
        endTurnIfNoneLent(command);
    }

    /** Ends the command's turn once it holds no connection. */
    private void endTurnIfNoneLent(Command command) {
        synchronized (command) {
            if (command.lent == 0) {
                endTurn(command);
            }
        }
    }

    private void endTurn(Command command) {
        synchronized (command) {
            if (command.holdingTurn) {
                command.holdingTurn = false;
                turn.end();
            }
        }
    }

    private String failure(SQLException e, Command command) {
        // A pool that could not connect says so as it times out (HikariCP: "Connection is not available, request
        // timed out"), with what the driver told it as the cause: that is what the user needs to see.
        SQLException told = driverFailure(e);
        String reason = SecretsInSql.masked(Database.firstLine(told));
        reason = reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
        String state = told.getSQLState() == null ? "" : told.getSQLState();
        int lent = command.lent();
        if (lent > 0 && state.isEmpty()) {
            // A pool of one, or one the application drained: Retort waited for a second connection while it held the
            // first, which it never returns. Not other runs of this JVM on the pool, as far as their DataSources tell
            // it: they wait for their turn before borrowing.
            return "Could not take a second connection from " + source + " while Retort held one: " + reason + ". A "
                    + "run holds two at once (one keeps the lock that keeps runs apart), so the pool must lend "
                    + "Retort two connections (HikariCP: maximumPoolSize of 2 or more, besides those the application "
                    + "holds while Retort runs). Runs of this application on the same DataSource, or on wrappers that "
                    + "unwrap to its pool, take their two in turn and need no more; runs on wrappers of one pool that "
                    + "do not unwrap to it do not take turns: give them the same DataSource object, or the pool two "
                    + "connections per concurrent run.";
        }
        String hint = state.equals("28P01") || state.equals("28000")
                ? "Check the user and password the DataSource connects with."
                : state.equals("3D000") ? "Create the database, or fix its name in the DataSource's URL."
                : state.equals("53300") ? "The server refuses more connections of this user or database: raise the "
                        + "limit, or hold fewer while Retort runs."
                // A pool that timed out without a failure to connect (HikariCP's "active=2, idle=0"): its connections
                // may all be lent, which says nothing of the server, but some pools time out so when they cannot
                // connect either.
                : state.isEmpty() ? "The pool lent none in time: its connections may all be in use (by the "
                        + "application, or by runs on wrappers of the pool that do not unwrap to it, which do not "
                        + "take turns with this one), or it cannot connect; check the pool's size and the DataSource's "
                        + "settings, and that PostgreSQL is running and reachable at its URL."
                : "Check the DataSource's settings, and that PostgreSQL is running and reachable at its URL.";
        return (lent > 0 ? "Could not take a second connection from " + source + " while Retort held one: "
                : "Could not get a connection from " + source + ": ") + reason + ". " + hint;
    }

    /**
     * What the driver or the server said of a failure to connect: the last exception among {@code e} and its causes
     * that has an SQL state; {@code e} when none has one, as for a pool that only ran out of connections.
     */
    private static SQLException driverFailure(SQLException e) {
        SQLException told = e;
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SQLException withState && withState.getSQLState() != null) {
                told = withState;
            }
        }
        return told;
    }

    /** The database, for messages: a URL without the password, once a connection told it. */
    synchronized String describe() {
        return learnt == null ? source : learnt.shown();
    }

    /** The database as a URL that psql takes (without the password), from a connection's metadata. */
    String shownUrl() {
        Learnt known = learnt();
        return known.url() == null ? known.shown() : known.url().redacted();
    }

    /**
     * How {@code pg_dump} reaches the database: the host, port, database and user of the DataSource's URL, and no
     * password.
     */
    Database.Libpq libpq() {
        Learnt known = learnt();
        if (known.url() == null) {
            throw new RetortException("A dump runs pg_dump, which needs the host, port and database of " + source
                    + ", and its connections' URL does not give them: " + known.why() + " Nothing was changed; back up "
                    + "with BackupMode.TABLES, or give Retort the database's URL instead of the DataSource.");
        }
        return Database.libpq(known.url(), known.shown(), "the DataSource gives Retort no password to hand pg_dump: "
                + "give pg_dump its own in ~/.pgpass (or the file PGPASSFILE names) or PGPASSWORD in the "
                + "application's environment, or back up with BackupMode.TABLES");
    }

    /** What the metadata told, borrowing a connection to ask when none was borrowed yet. */
    private Learnt learnt() {
        synchronized (this) {
            if (learnt != null) {
                return learnt;
            }
        }
        closeQuietly(borrow(Thread.currentThread()));
        synchronized (this) {
            return learnt;
        }
    }

    private void learn(Connection connection) throws SQLException {
        synchronized (this) {
            if (learnt != null) {
                return;
            }
        }
        DatabaseMetaData metaData = connection.getMetaData();
        String url = metaData.getURL();
        String user = metaData.getUserName();
        Learnt known;
        try {
            DatabaseUrl parsed = DatabaseUrl.parse(url, "The URL of " + source);
            Map<String, String> parameters = new LinkedHashMap<>(parsed.parameters());
            parameters.entrySet().removeIf(parameter -> isDriverDefault(parameter.getKey(), parameter.getValue()));
            DatabaseUrl withoutPassword = new DatabaseUrl(parsed.host(), parsed.port(), parsed.database(),
                    user != null ? user : parsed.user(), null, parameters);
            known = new Learnt(withoutPassword, withoutPassword.redacted() + " (from " + source + ")", null);
        } catch (ConfigException | IllegalArgumentException e) {
            String database = connection.getCatalog();
            known = new Learnt(null, "database " + database + " (from " + source + ")", e.getMessage());
        }
        synchronized (this) {
            if (learnt == null) {
                learnt = known;
            }
        }
    }

    /**
     * Whether {@code value} is what pgjdbc takes for {@code name} when the URL does not give it: the driver's own
     * DataSources ({@code PGSimpleDataSource}) write every parameter they know into their connections' URL, which would
     * make the database's name in every message a kilobyte and a half long.
     */
    private static boolean isDriverDefault(String name, String value) {
        PGProperty property = PGProperty.forName(name);
        if (property == null) {
            return false;
        }
        String defaultValue = property.getDefaultValue();
        return defaultValue == null ? value.isEmpty() : defaultValue.equals(value);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Giving back a connection that was only asked for its metadata: nothing to tell.
        }
    }
}
