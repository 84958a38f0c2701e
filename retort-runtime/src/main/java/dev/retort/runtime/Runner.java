package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.SqlStatement;
import dev.retort.operation.Autocommit;
import dev.retort.operation.Operation;
import dev.retort.revision.Direction;
import dev.retort.revision.Plan;
import dev.retort.revision.Step;
import dev.retort.script.MigrationLoader;
import dev.retort.script.Script;
import dev.retort.script.ScriptDirectory;
import dev.retort.script.ScriptKind;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs a plan: owns the advisory lock, the version table and the transactions.
 *
 * <p>A live run that finds nothing to do answers without the lock. One that finds work takes the lock and only
 * then reads the version table again and computes the plan it runs, so two runners that start together apply
 * each migration once: the second waits, then finds nothing to do.
 * Every migration's operations are built (Java migrations compiled) before the first statement runs, so a
 * broken file fails the run before it changes anything.
 */
public final class Runner {
    private final ScriptDirectory scripts;
    private final MigrationLoader loader;
    private final Dialect dialect;
    private final RunOptions options;
    private final RunListener listener;
    private final VersionTable versionTable;
    private final HistoryTable history;
    private final Backups backups;

    public Runner(ScriptDirectory scripts, MigrationLoader loader, Dialect dialect, RunOptions options,
            RunListener listener) {
        this.scripts = scripts;
        this.loader = loader;
        this.dialect = dialect;
        this.options = options;
        this.listener = listener;
        this.versionTable = new VersionTable(options.versionTable(), dialect);
        this.history = new HistoryTable(dialect);
        this.backups = new Backups(dialect);
    }

    /**
     * The applied heads, read without taking the lock; empty for a database Retort never touched. What failed
     * runs left behind (partly applied revisions, invalid indexes) goes to the listener as warnings.
     */
    public Set<String> currentHeads(ConnectionSource db) {
        try (Connection connection = db.open()) {
            Set<String> heads = versionTable.read(connection);
            Leftovers.describe(connection, history).forEach(listener::warning);
            return heads;
        } catch (SQLException e) {
            throw new dev.retort.RetortException("Could not read the version table " + options.versionTable() + " in "
                    + db.describe() + ": " + firstLine(e.getMessage()), e);
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
    public Plan run(ConnectionSource db, Function<Set<String>, Plan> planner) {
        return run(db, state -> planner.apply(state.heads()), false);
    }

    /**
     * Like {@link #run(ConnectionSource, Function)}, handing the planner the latest recorded upgrade of each
     * revision too (to notice files edited since they ran), read on the run's own connection.
     */
    public Plan runWithHistory(ConnectionSource db, Planner planner) {
        return run(db, planner, true);
    }

    private Plan run(ConnectionSource db, Planner planner, boolean readHistory) {
        try (Connection connection = db.open()) {
            connection.setAutoCommit(true);
            // Most runs find nothing to do (every deploy, every application start): they answer from one read,
            // without the lock and its connection. A database at the target needs no lock to stay there.
            AppliedState seen = read(connection, readHistory);
            Plan plan = planner.plan(seen);
            if (plan.steps().isEmpty()) {
                Leftovers.describe(connection, history).forEach(listener::warning);
                planner.before(seen, plan);
                return plan;
            }
            try (Connection lockConnection = db.open();
                    AdvisoryLock lock = AdvisoryLock.acquire(lockConnection, options.versionTable(), listener)) {
                cancelWhenClientDies(connection);
                // Another run may have moved the database while this one waited for the lock.
                AppliedState state = read(connection, readHistory);
                Leftovers.describe(connection, history).forEach(listener::warning);
                plan = planner.plan(state);
                planner.before(state, plan);
                if (!plan.steps().isEmpty()) {
                    boolean waitAtEnd = Durability.commitWithoutWaiting(connection);
                    try {
                        execute(plan, new JdbcTarget(connection), true);
                    } finally {
                        // Before the lock is released: the next run, or the user told it is done, finds every step
                        // on disk.
                        if (waitAtEnd) {
                            Durability.waitForCommits(connection);
                        }
                    }
                }
                return plan;
            }
        } catch (SQLException e) {
            throw new dev.retort.RetortException("Lost the connection to " + db.describe() + ": "
                    + firstLine(e.getMessage()) + ". Run `retort current` to see where the database stands.", e);
        }
    }

    private AppliedState read(Connection connection, boolean readHistory) throws SQLException {
        return new AppliedState(versionTable.read(connection),
                readHistory ? history.lastUpgrades(connection) : java.util.Map.of());
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

    /** Prints the SQL a live run of {@code plan} would execute; creates the version table when starting from base. */
    public void print(Plan plan, boolean fromBase, PrintStream out) {
        try {
            execute(plan, new PrintTarget(out), fromBase);
        } catch (SQLException e) {
            throw new IllegalStateException("printing SQL cannot fail", e);
        }
    }

    /** Sets the version table to {@code newHeads(current)} without running migrations. */
    public Set<String> stamp(ConnectionSource db, Function<Set<String>, Set<String>> newHeads, boolean purge) {
        try (Connection lockConnection = db.open();
                AdvisoryLock lock = AdvisoryLock.acquire(lockConnection, options.versionTable(), listener);
                Connection connection = db.open()) {
            connection.setAutoCommit(true);
            Set<String> before = purge ? Set.of() : versionTable.read(connection);
            Set<String> after = newHeads.apply(before);
            SqlTarget target = new JdbcTarget(connection);
            versionTable.create(target);
            target.begin();
            if (purge) {
                versionTable.replaceAll(target, after);
            } else {
                versionTable.change(target, before, after);
            }
            target.commit();
            return after;
        } catch (SQLException e) {
            throw new dev.retort.RetortException("Could not stamp " + db.describe() + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** The applied heads and the latest recorded upgrade of each revision, read on one connection. */
    public AppliedState appliedState(ConnectionSource db) {
        try (Connection connection = db.open()) {
            return new AppliedState(versionTable.read(connection), history.lastUpgrades(connection));
        } catch (SQLException e) {
            throw new dev.retort.RetortException("Could not read " + HistoryTable.NAME + " in " + db.describe() + ": "
                    + firstLine(e.getMessage()), e);
        }
    }

    /** What the version and history tables say: for noticing files edited after they ran. */
    public record AppliedState(Set<String> heads, java.util.Map<String, HistoryTable.Applied> lastUpgrades) {
    }

    /** Prints the SQL of a stamp. */
    public void printStamp(Set<String> before, Set<String> after, boolean purge, PrintStream out) {
        try {
            SqlTarget target = new PrintTarget(out);
            target.begin();
            versionTable.create(target);
            if (purge) {
                versionTable.replaceAll(target, after);
            } else {
                versionTable.change(target, before, after);
            }
            target.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("printing SQL cannot fail", e);
        }
    }

    private void execute(Plan plan, SqlTarget target, boolean createVersionTable) throws SQLException {
        List<Step> steps = plan.steps();
        List<List<Operation>> operations = build(steps);
        boolean perMigration = options.transactionPerMigration();
        long started = System.nanoTime();
        // Session settings, outside any transaction: a migration that cannot get its lock soon gives up instead of
        // making every query on the table queue behind it.
        target.execute("SET lock_timeout = " + dialect.literal(options.lockTimeout()));
        target.execute("SET statement_timeout = " + dialect.literal(options.statementTimeout()));
        target.begin();
        if (createVersionTable) {
            versionTable.create(target);
            history.create(target);
            if (perMigration) {
                target.commit();
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            Script script = scripts.script(step.revision().id());
            listener.stepStarted(step, script, i + 1, steps.size());
            long stepStarted = System.nanoTime();
            target.comment(StepText.describe(step));
            for (int attempt = 1;; attempt++) {
                try {
                    target.begin();
                    runStep(step, script, operations.get(i), target,
                            perMigration ? step.headsBefore() : plan.startHeads(), stepStarted);
                    break;
                } catch (MigrationException e) {
                    if (!e.retryable() || !perMigration || attempt > options.lockTimeoutRetries()) {
                        throw e;
                    }
                    Duration pause = Duration.ofMillis(Math.min(250L << attempt, 5_000));
                    listener.lockTimeoutRetry(step, attempt, options.lockTimeoutRetries(), pause);
                    sleep(pause);
                }
            }
            if (perMigration) {
                target.commit();
            }
            listener.stepFinished(step, script, Duration.ofNanos(System.nanoTime() - stepStarted));
        }
        target.commit();
        listener.runFinished(steps.size(), Duration.ofNanos(System.nanoTime() - started));
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<List<Operation>> build(List<Step> steps) {
        List<Script> needed = new ArrayList<>(steps.size());
        for (Step step : steps) {
            needed.add(scripts.script(step.revision().id()));
        }
        loader.prepare(needed);
        List<List<Operation>> operations = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            operations.add(loader.operations(needed.get(i), steps.get(i).direction() == Direction.UPGRADE));
        }
        return operations;
    }

    private void runStep(Step step, Script script, List<Operation> operations, SqlTarget target,
            Set<String> rollbackPoint, long started) throws SQLException {
        // What a failure can no longer roll back: statements outside the transaction, and those before them in
        // this revision, which entering autocommit committed.
        List<String> committedOutside = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        // Statements of the transaction not sent yet: they go to the server together, with the version-table and
        // history rows at the end, so a migration costs a round trip or two rather than one per statement.
        List<String> batch = new ArrayList<>();
        // Where the version and history rows start in the batch, once they are in it.
        int bookkeeping = -1;
        String current = null;
        // The invalid indexes before the statement outside a transaction that runs now, if one does.
        List<String> invalidBefore = null;
        try {
            // The copies run in the step's transaction, before its statements, so a failed step leaves no backup
            // behind and a backup never misses what the step then destroyed.
            if (options.backup() && step.direction() == Direction.UPGRADE) {
                batch.addAll(backups.statements(step.revision().id(), operations));
            }
            for (Operation operation : operations) {
                boolean outside = operation instanceof Autocommit || operation.requiresAutocommit();
                List<String> statements = dialect.render(operation);
                if (outside) {
                    send(target, batch, pending);
                    target.enterAutocommit();
                    committedOutside.addAll(pending);
                    pending.clear();
                }
                for (String sql : statements) {
                    if (!outside && Batchable.test(sql)) {
                        batch.add(sql);
                        continue;
                    }
                    send(target, batch, pending);
                    current = sql;
                    invalidBefore = outside ? InvalidIndexes.list(target) : null;
                    target.execute(sql);
                    (outside ? committedOutside : pending).add(sql);
                }
                if (outside) {
                    target.exitAutocommit();
                }
                invalidBefore = null;
                current = null;
            }
            List<VersionTable.Change> changes = versionTable.changes(step.headsBefore(), step.headsAfter());
            bookkeeping = batch.size();
            changes.forEach(change -> batch.add(change.sql()));
            batch.add(history.recordSql(step.revision().id(), step.direction(), script.checksum(),
                    target.live() ? (System.nanoTime() - started) / 1_000_000 : null));
            int[] counts = target.executeBatch(batch);
            for (int i = 0; i < changes.size(); i++) {
                changes.get(i).check(target, counts[bookkeeping + i]);
            }
        } catch (SQLException e) {
            if (e instanceof BatchFailure failure) {
                // A failure in the version or history rows has no statement of the migration to name.
                current = bookkeeping < 0 || failure.index() < bookkeeping ? batch.get(failure.index()) : null;
            }
            try {
                target.rollback();
            } catch (SQLException ignored) {
                // The connection may be gone; the server rolls back what it has not committed.
            }
            String leftIndex = invalidBefore == null ? "" : InvalidIndexes.dropNew(target, invalidBefore);
            if (!committedOutside.isEmpty() && target.live()) {
                try {
                    target.enterAutocommit();
                    history.recordPartial(target, step.revision().id(), script.checksum());
                } catch (SQLException ignored) {
                    // The connection is gone; the error message still says what stayed.
                }
            }
            throw failure(step, script, current, e, committedOutside, rollbackPoint, leftIndex);
        }
    }

    /**
     * Sends the statements waiting in {@code batch}, moving them to {@code pending} (run in the open transaction).
     * A failure names its statement through {@link BatchFailure}; the caller's handler finds it there.
     */
    private static void send(SqlTarget target, List<String> batch, List<String> pending) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        target.executeBatch(batch);
        pending.addAll(batch);
        batch.clear();
    }

    private MigrationException failure(Step step, Script script, String sql, SQLException e,
            List<String> committedOutside, Set<String> rollbackPoint, String leftIndex) {
        String where = display(script.path()) + lineOf(step, script, sql);
        String what = sql == null ? "updating the version table" : "statement `" + abbreviate(sql) + "`";
        String stays = rollbackPoint.isEmpty() ? "base (no revision)" : String.join(", ", rollbackPoint);
        boolean lockTimeout = "55P03".equals(e.getSQLState()) && committedOutside.isEmpty();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String hint = state.equals("55P03") ? " Another session holds a lock it needs (see pg_stat_activity); "
                + "try again when it is done, or raise lock_timeout in retort.toml." : "";
        String lost = state.startsWith("08") || state.startsWith("57P") ? " The connection was lost (was the server "
                + "stopped or restarted?); run the command again once the database is back." : "";
        String outcome = committedOutside.isEmpty()
                ? " The revision was rolled back; the database stays at " + stays + "."
                : " The revision was rolled back except " + committedOutside.size()
                        + " statement(s) committed by its autocommit part (" + abbreviate(committedOutside.get(0))
                        + (committedOutside.size() > 1 ? ", ..." : "") + "); undo them by hand or make them idempotent"
                        + " before running again.";
        return new MigrationException((step.direction() == Direction.UPGRADE ? "Upgrade" : "Downgrade") + " of revision "
                + step.revision().id() + " (" + where + ") failed at " + what + ": " + firstLine(e.getMessage()) + "."
                + hint + outcome + lost + leftIndex, e, lockTimeout);
    }

    private String lineOf(Step step, Script script, String sql) {
        if (sql == null || script.kind() != ScriptKind.SQL) {
            return "";
        }
        for (SqlStatement statement : loader.statements(script, step.direction() == Direction.UPGRADE)) {
            if (statement.sql().strip().equals(sql.strip())) {
                return ", line " + statement.line();
            }
        }
        return "";
    }

    static String display(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = path.toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    static String abbreviate(String sql) {
        String flat = sql.strip().replaceAll("\\s+", " ");
        return flat.length() <= 160 ? flat : flat.substring(0, 157) + "...";
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
