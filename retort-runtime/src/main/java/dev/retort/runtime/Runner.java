package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.operation.QualifiedName;
import dev.retort.revision.Plan;
import dev.retort.script.MigrationLoader;
import dev.retort.script.ScriptDirectory;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Function;

/**
 * Runs a plan: owns the advisory lock, the version table and the transactions.
 *
 * <p>A live run that finds nothing to do answers without the lock, once one try of it says that no other run holds
 * it. One that finds work, or finds another run going, takes the lock and only then reads the version table again and
 * computes the plan it runs, so two runners that start together apply each migration once: the second waits, then
 * finds nothing to do; and one that started while another downgraded acts on what the downgrade left.
 * Every migration's operations are built (Java migrations compiled) before the first statement runs, so a
 * broken file fails the run before it changes anything.
 */
public final class Runner {
    private final RunContext context;
    /** Whether this command warned already of where the search path finds the version table: once is enough. */
    private boolean warnedOfPlace;
    /** What {@link #otherToolAtBase()} says: set by {@link #currentHeads}. */
    private Optional<String> otherToolAtBase = Optional.empty();

    public Runner(ScriptDirectory scripts, MigrationLoader loader, Dialect dialect, RunOptions options,
            RunListener listener) {
        String schema = options.versionTableSchema().orElse(null);
        this.context = new RunContext(scripts, loader, dialect, options, listener,
                new VersionTable(options.versionTable(), dialect).inChosenSchema(schema),
                new HistoryTable(dialect).in(schema));
    }

    /**
     * The applied heads, read without taking the lock; empty for a database Retort never touched. What failed
     * runs left behind (partly applied revisions, invalid indexes) goes to the listener as warnings.
     */
    public Set<String> currentHeads(ConnectionSource db) {
        try (Connection connection = db.open()) {
            Set<String> heads = heads(connection);
            otherToolAtBase = Optional.empty();
            if (heads.isEmpty() && !context.history().recordsRuns(connection)) {
                Optional<OtherTool> tool = otherTool(connection);
                if (tool.isPresent()) {
                    String stamp = stamp(tool.get(), connection);
                    context.listener().warning(tool.get().warning(stamp));
                    otherToolAtBase = Optional.of(tool.get().notUpToDate(stamp));
                }
            }
            Leftovers.describe(connection, context, heads).forEach(context.listener()::warning);
            return heads;
        } catch (SQLException e) {
            throw new dev.retort.RetortException("Could not read the version table " + context.options().versionTable()
                    + " in " + db.describe() + ": " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * What a run asks of its caller between reading the database and running the steps.
     */
    public interface Planner {
        /**
         * The plan for the database as read. A run that finds work reads and plans again once it holds the lock, so
         * this may be called twice and must have no side effects.
         */
        Plan plan(AppliedState state);

        /** Called once, with the state and plan the run acts on, before its first step (or when it has none). */
        default void before(AppliedState state, Plan plan) {
        }
    }

    /** Reads the heads, plans with them and, holding the lock, runs the plan; returns the plan that ran. */
    public Plan run(ConnectionSource db, Planner planner) {
        return run(db, planner, HistoryRead.NEVER);
    }

    /**
     * Like {@link #run(ConnectionSource, Planner)}, handing the planner the latest recorded upgrade of each
     * revision too (to notice files edited since they ran), read on the run's own connection.
     */
    public Plan runWithHistory(ConnectionSource db, Planner planner) {
        return run(db, planner, HistoryRead.ALWAYS);
    }

    /**
     * Like {@link #runWithHistory(ConnectionSource, Planner)}, reading the recorded upgrades only under the lock, for
     * the plan it runs: for a caller that needs them only when there are steps (a downgrade, to notice that a
     * revision it reverts was edited since it was applied), so that a run with nothing to do reads no more than
     * {@link #run(ConnectionSource, Planner)}.
     */
    public Plan runWithHistoryOfSteps(ConnectionSource db, Planner planner) {
        return run(db, planner, HistoryRead.UNDER_LOCK);
    }

    /** When a run reads the latest recorded upgrade of each revision for its planner. */
    private enum HistoryRead {
        NEVER, ALWAYS, UNDER_LOCK
    }

    private Plan run(ConnectionSource db, Planner planner, HistoryRead history) {
        try (Connection connection = db.open()) {
            connection.setAutoCommit(true);
            // Most runs find nothing to do (every deploy, every application start): they answer from one read,
            // without the lock and its connection. A database at the target needs no lock to stay there, unless
            // another run holds it: what was read may be about to change (its downgrade base had not committed),
            // so this run waits for it as one with work would, and plans again from what it left.
            VersionTable.Heads found = readHeads(connection);
            AppliedState seen = new AppliedState(found.heads(),
                    history == HistoryRead.ALWAYS ? context.history().latest(connection) : Map.of());
            Plan plan = planner.plan(seen);
            if (plan.steps().isEmpty() && !AdvisoryLock.heldByAnother(connection, found.lockName())) {
                Leftovers.describe(connection, context, seen.heads()).forEach(context.listener()::warning);
                planner.before(seen, plan);
                return plan;
            }
            // Retort's tables as the search path finds them, for the lock's key and the steps' statements; what a
            // migration sets goes back to what the session held when Retort had it. From base, another tool's table
            // too: a run from base in a database another tool made would run every revision over its tables.
            // At base in a database where Retort never ran a migration: after a downgrade to base, the other
            // tool's table is from before Retort took over.
            RunContext located = context.withSessionSettings(db.sessionSettings(connection))
                    .located(connection, seen.heads().isEmpty() && !context.history().recordsRuns(connection));
            if (located.otherTool().isPresent()) {
                OtherTool tool = located.otherTool().get();
                // A run from base over another tool's migrations runs them again: the CREATE TABLE IF NOT EXISTS of
                // a Flyway project succeeds, and so does its UPDATE of the rows. A scratch database is made empty.
                if (!context.options().overOtherTools() && context.options().scratchDatabase().isEmpty()
                        && tool.recordsMigrations(connection)) {
                    throw new RetortException(tool.refusal(stamp(tool, connection)));
                }
                context.listener().warning(tool.warning(stamp(tool, connection)));
            }
            String lockName = located.versionTable().lockName();
            // The scripts are parsed while the lock's connection opens, the main thread waiting for the server.
            try (Preparation preparation = Preparation.start(context, plan);
                    Connection lockConnection = db.open();
                    AdvisoryLock lock = AdvisoryLock.acquire(lockConnection, connection, lockName, db.describe(),
                            context.listener(), context.options().queueTimeout())) {
                cancelWhenClientDies(connection);
                lock.holdWork(connection);
                // Another run may have moved the database while this one waited for the lock.
                AppliedState state = read(connection, history != HistoryRead.NEVER);
                Leftovers.describe(connection, located, state.heads()).forEach(context.listener()::warning);
                plan = planner.plan(state);
                planner.before(state, plan);
                if (!plan.steps().isEmpty()) {
                    preparation.await();
                    boolean waitAtEnd = Durability.commitWithoutWaiting(connection);
                    try (StopNotice notice = StopNotice.register(located, plan)) {
                        new StepRunner(located, plan, notice.guard(new JdbcTarget(connection,
                                context.listener()::warning)), notice).run(true);
                    } finally {
                        // Before the lock is released: the next run, or the user told it is done, finds every step
                        // on disk.
                        if (waitAtEnd) {
                            Durability.waitForCommits(connection);
                        }
                    }
                }
                lock.release();
                return plan;
            }
        } catch (SQLException e) {
            // Also what the server refused outside a step: a version table of another shape, a missing privilege.
            String what = connectionLost(e) ? "Lost the connection to " : "The run failed on ";
            throw new dev.retort.RetortException(what + db.describe() + ": " + firstLine(e.getMessage())
                    + ". Run `retort current` to see where the database stands.", e);
        }
    }

    /** True for an error that ends the session (SQL states 08 and 57P0), after which the server runs nothing more. */
    static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("57P0");
    }

    private AppliedState read(Connection connection, boolean readHistory) throws SQLException {
        return new AppliedState(heads(connection),
                readHistory ? context.history().latest(connection) : java.util.Map.of());
    }

    /**
     * Has the server check every second, while a migration statement runs, that this process is still there, and
     * cancel the statement when it is not. Otherwise a killed run's statement goes on (a long UPDATE, an index
     * build) after its lock connection closed and the next run started. PostgreSQL 14 and later on platforms with
     * the kernel support; elsewhere the setting is refused and the run goes on without it.
     */
    private static void cancelWhenClientDies(Connection connection) {
        try {
            if (connection.getMetaData().getDatabaseMajorVersion() >= 14) {
                try (java.sql.Statement statement = connection.createStatement()) {
                    statement.execute("SET client_connection_check_interval = '1s'");
                }
            }
        } catch (SQLException e) {
            // Not supported here: a killed run's statement then runs until it ends, as before PostgreSQL 14.
        }
    }

    /**
     * Prints the SQL a live run of {@code plan} would execute; creates the version table when starting from base.
     * What a Java migration prints on System.out is printed on System.err, so that a script printed on System.out
     * holds nothing but SQL.
     */
    public void print(Plan plan, boolean fromBase, PrintStream out) {
        // In UTF-8, which the script's first statement tells psql, whatever the JVM's default charset (ASCII in a
        // POSIX locale, which would print '?' for every other character).
        PrintStream utf8 = new PrintStream(out, false, StandardCharsets.UTF_8);
        try {
            RunContext printing = context.heardBy(new ScriptListener(context.listener()))
                    .withSessionSettings(DriverSettings.of(TimeZone.getDefault()));
            new StepRunner(printing, plan, new PrintTarget(utf8), new StopNotice(printing, plan)).run(fromBase);
        } catch (SQLException e) {
            throw new IllegalStateException("printing SQL cannot fail", e);
        } finally {
            utf8.flush();
        }
    }

    /** Sets the version table to {@code newHeads(current)} without running migrations. */
    public Set<String> stamp(ConnectionSource db, Function<Set<String>, Set<String>> newHeads, boolean purge) {
        try (Connection connection = db.open()) {
            connection.setAutoCommit(true);
            String lockName = context.located(connection).versionTable().lockName();
            try (Connection lockConnection = db.open();
                    AdvisoryLock lock = AdvisoryLock.acquire(lockConnection, connection, lockName, db.describe(),
                            context.listener(), context.options().queueTimeout())) {
                // A killed run's session may still be committing steps it was sent: stamp what it leaves.
                lock.holdWork(connection);
                // Read under --purge too: a stamp in the chosen schema must not start over beside the tables of before.
                Set<String> read = heads(connection);
                Set<String> before = purge ? Set.of() : read;
                Set<String> after = newHeads.apply(before);
                // A purge lets every partly applied revision go; a stamp below one whose downgrade partly ran, that
                // one: the user finished the downgrade by hand.
                Set<String> cleared = new LinkedHashSet<>();
                for (String partly : context.history().partial(connection, true).keySet()) {
                    if (purge || context.scripts().map().isApplied(partly, before)
                            && !context.scripts().map().isApplied(partly, after)) {
                        cleared.add(partly);
                    }
                }
                cleared.removeAll(after);
                try (StopNotice notice = StopNotice.registerStamp(context, read)) {
                    writeStamp(notice.guard(new JdbcTarget(connection)), before, after, purge, cleared);
                }
                lock.release();
                return after;
            }
        } catch (SQLException e) {
            String hint = "42501".equals(e.getSQLState()) ? ". The user Retort connects as may read Retort's tables "
                    + "but not change them: grant it INSERT, UPDATE and DELETE on " + context.versionTable().name()
                    + " and "
                    + HistoryTable.NAME + ", or stamp as the user that runs upgrades." : "";
            throw new dev.retort.RetortException("Could not stamp " + db.describe() + ": " + firstLine(e.getMessage())
                    + hint, e);
        }
    }

    /** The applied heads and the latest recorded upgrade of each revision, read on one connection. */
    public AppliedState appliedState(ConnectionSource db) {
        try (Connection connection = db.open()) {
            return new AppliedState(heads(connection), context.history().latest(connection));
        } catch (SQLException e) {
            throw new dev.retort.RetortException("Could not read " + HistoryTable.NAME + " in " + db.describe() + ": "
                    + firstLine(e.getMessage()), e);
        }
    }

    /**
     * The applied heads. None in the chosen schema while the version table where Retort looked before
     * {@code version_table_schema} was set records revisions of these migrations is a failure: taking the database
     * for an empty one would apply every migration again.
     */
    private Set<String> heads(Connection connection) throws SQLException {
        return readHeads(connection).heads();
    }

    /** The applied heads, as {@link #heads(Connection)}, and the name the run's locks on their table are keyed by. */
    private VersionTable.Heads readHeads(Connection connection) throws SQLException {
        VersionTable table = context.versionTable();
        VersionTable.Heads read = table.read(connection, warning -> {
            if (!warnedOfPlace) {
                warnedOfPlace = true;
                context.listener().warning(warning);
            }
        });
        if (!read.heads().isEmpty()) {
            return read;
        }
        Optional<VersionTable.Elsewhere> elsewhere = table.elsewhere(connection);
        if (elsewhere.isPresent() && elsewhere.get().heads().stream().anyMatch(this::known)) {
            // Quoted as the statements need them: a schema named MyMeta is not mymeta.
            Dialect dialect = context.dialect();
            String schema = dialect.quote(table.chosenSchema());
            String oldTable = dialect.quote(QualifiedName.of(elsewhere.get().schema(), table.name()));
            String oldHistory = dialect.quote(
                    QualifiedName.of(elsewhere.get().schema(), HistoryTable.NAME));
            throw new RetortException("Schema " + table.chosenSchema() + " holds no version table " + table.name()
                    + ", but " + oldTable + " records revision " + String.join(", ", elsewhere.get().heads())
                    + " of these migrations, so the database was migrated before version_table_schema was set; move "
                    + "Retort's tables with `CREATE SCHEMA IF NOT EXISTS " + schema + "; ALTER TABLE " + oldTable
                    + " SET SCHEMA " + schema + "; ALTER TABLE " + oldHistory + " SET SCHEMA " + schema
                    + ";`, or unset version_table_schema.");
        }
        for (VersionTable.Elsewhere before : table.inRetortOnlySchemas(connection)) {
            if (before.heads().stream().anyMatch(this::known)
                    && FormerSchema.isThisTargets(connection, context.dialect(), table, before.schema())) {
                throw keptBefore(connection, table, before);
            }
        }
        return read;
    }

    /**
     * The failure for a version table of these migrations in a schema of nothing but Retort's tables, while the place
     * this run looks in has none: version_table_schema chose that schema before it was changed or unset, and taking the
     * database for an empty one would apply every migration again.
     */
    private RetortException keptBefore(Connection connection, VersionTable table, VersionTable.Elsewhere before)
            throws SQLException {
        Dialect dialect = context.dialect();
        String target = table.chosenSchema();
        String place = "Schema " + target + " holds no version table " + table.name();
        String create = "CREATE SCHEMA IF NOT EXISTS " + (target == null ? "" : dialect.quote(target)) + "; ";
        if (target == null) {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
                target = rs.next() && rs.getString(1) != null ? rs.getString(1) : "public";
            }
            place = "The search path finds no version table " + table.name();
            create = "";
        }
        String schema = dialect.quote(target);
        String oldTable = dialect.quote(QualifiedName.of(before.schema(), table.name()));
        String oldHistory = dialect.quote(QualifiedName.of(before.schema(), HistoryTable.NAME));
        return new RetortException(place + ", but " + oldTable + " records revision "
                + String.join(", ", before.heads()) + " of these migrations, in a schema that holds nothing but "
                + "Retort's tables, so version_table_schema named " + before.schema() + " before; set "
                + "version_table_schema = \"" + before.schema() + "\" again, or move Retort's tables with `" + create
                + "ALTER TABLE " + oldTable + " SET SCHEMA " + schema + "; ALTER TABLE " + oldHistory + " SET SCHEMA "
                + schema + ";`. If " + before.schema() + " is another target's (a tenant), this one's tables would go "
                + "where that one's are: put this target's own schema first on the search path (currentSchema=...).");
    }

    /**
     * Why a command that needs the database at head cannot go on, where the last {@link #currentHeads} found Retort
     * at base in a database another tool made: {@code retort upgrade head} would refuse to run the revisions over
     * its schema, so the way out is a stamp. Empty where no other tool's table was found.
     */
    public Optional<String> otherToolAtBase() {
        return otherToolAtBase;
    }

    /** The stamp that takes over a database the tool made: with the revisions its table names, where it can. */
    private String stamp(OtherTool tool, Connection connection) {
        return tool.stamp(connection, revision -> context.scripts() != null && known(revision));
    }

    /** The version table of another migration tool, for a database where Retort has recorded nothing. */
    private Optional<OtherTool> otherTool(Connection connection) throws SQLException {
        return OtherTool.find(connection, context.dialect(), context.versionTable().name(),
                context.versionTable().chosenSchema());
    }

    private boolean known(String revision) {
        return context.scripts().map().find(revision).isPresent();
    }

    /** What the version and history tables say: for noticing files edited after they ran. */
    public record AppliedState(Set<String> heads, java.util.Map<String, HistoryTable.Latest> latest) {
        /** The latest recorded upgrade or stamp of each revision. */
        public java.util.Map<String, HistoryTable.Applied> lastUpgrades() {
            return HistoryTable.lastUpgrades(latest);
        }
    }

    /** Prints the SQL of a stamp. */
    public void printStamp(Set<String> before, Set<String> after, boolean purge, PrintStream out) {
        PrintStream utf8 = new PrintStream(out, false, StandardCharsets.UTF_8);
        try {
            writeStamp(new PrintTarget(utf8), before, after, purge, Set.of());
        } catch (SQLException e) {
            throw new IllegalStateException("printing SQL cannot fail", e);
        } finally {
            utf8.flush();
        }
    }

    /** Sets the version table from {@code before} to {@code after}, and records in the history what changed. */
    private void writeStamp(SqlTarget target, Set<String> before, Set<String> after, boolean purge,
            Set<String> cleared) throws SQLException {
        context.versionTable().create(target);
        context.history().create(target);
        target.begin();
        if (purge) {
            context.versionTable().replaceAll(target, after);
        } else {
            context.versionTable().change(target, before, after);
        }
        Map<String, String> stamped = stamped(before, after);
        // A partly applied revision under the new heads is stamped applied: its stamp row ends the mark, and a
        // cleared row after it would say it was let go.
        Set<String> letGo = new LinkedHashSet<>(cleared);
        letGo.removeAll(stamped.keySet());
        for (String row : context.history().stampSql(stamped, letGo)) {
            target.execute(row);
        }
        target.commit();
    }

    /**
     * The revisions a stamp from {@code before} to {@code after} records as applied, each with its file's checksum
     * (null for one whose file is gone): the new heads and every revision under them that was not applied, as an
     * upgrade to them would have run and recorded them.
     */
    private Map<String, String> stamped(Set<String> before, Set<String> after) {
        Set<String> added = new LinkedHashSet<>(after);
        added.removeAll(before);
        Set<String> revisions = new LinkedHashSet<>();
        for (String head : added) {
            if (known(head)) {
                context.scripts().map().upgradePlan(before, head).steps()
                        .forEach(step -> revisions.add(step.revision().id()));
            }
        }
        revisions.addAll(added);
        Map<String, String> stamped = new LinkedHashMap<>();
        for (String revision : revisions) {
            stamped.put(revision, known(revision) ? context.scripts().script(revision).checksum() : null);
        }
        return stamped;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String line = message.strip();
        int nl = line.indexOf('\n');
        line = nl < 0 ? line : line.substring(0, nl);
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }
}
