package dev.retort.command;

import dev.retort.RetortException;
import dev.retort.TerminalText;
import dev.retort.autogenerate.Comparison;
import dev.retort.autogenerate.MigrationComposer;
import dev.retort.autogenerate.diff.Change;
import dev.retort.config.BackupMode;
import dev.retort.config.RetortConfig;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.postgres.PostgresDialect;
import dev.retort.embedded.EmbeddedPostgres;
import dev.retort.embedded.ServerStatus;
import dev.retort.lint.Finding;
import dev.retort.revision.Plan;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraphException;
import dev.retort.revision.RevisionMap;
import dev.retort.revision.Step;
import dev.retort.revision.TargetUsageException;
import dev.retort.runtime.BackupOwner;
import dev.retort.runtime.BackupTable;
import dev.retort.runtime.HistoryTable;
import dev.retort.runtime.RunListener;
import dev.retort.runtime.RunLock;
import dev.retort.runtime.RunOptions;
import dev.retort.runtime.Runner;
import dev.retort.runtime.VersionTable;
import dev.retort.script.MigrationClasspath;
import dev.retort.script.MigrationLoader;
import dev.retort.script.NewRevision;
import dev.retort.script.RevisionIds;
import dev.retort.script.Script;
import dev.retort.script.ScriptDirectory;
import dev.retort.script.ScriptException;
import dev.retort.script.ScriptKind;
import dev.retort.script.ScriptWriter;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Retort's commands as Java methods: what the command line, a build plugin or an application calls.
 *
 * <p>One instance serves one configuration. The migration files are read when a command first needs
 * them, and the database is opened only by commands that need it, so {@code history} never connects
 * and {@code --sql} runs offline.
 */
public final class Retort {
    private final RetortConfig config;
    private final RunListener listener;
    private final Dialect dialect = new PostgresDialect();
    private final Database database;
    private final Consumer<String> notices;
    private ScriptDirectory scripts;

    public Retort(RetortConfig config, RunListener listener, Consumer<String> notices) {
        this.config = config;
        this.listener = listener;
        this.notices = notices;
        this.database = new Database(config, notices);
    }

    Dialect dialect() {
        return dialect;
    }

    /** Hears what this command's runs do: the command line's progress, or nothing for an application. */
    RunListener listener() {
        return listener;
    }

    Database database() {
        return database;
    }

    /** Hears the lines the command line prints on stderr besides a run's progress. */
    Consumer<String> notices() {
        return notices;
    }

    /** The database as a URL that psql takes, password hidden ({@code current -v} shows it, as Alembic does). */
    public String databaseUrl() {
        return database.shownUrl();
    }

    public RetortConfig config() {
        return config;
    }

    /**
     * What the project's embedded PostgreSQL under {@code .retort/} is doing, whether or not a database is configured
     * ({@code retort embedded status}); starts nothing.
     */
    public ServerStatus embeddedStatus() {
        ServerStatus status = EmbeddedPostgres.status(config.stateDir());
        if (status instanceof ServerStatus.None) {
            // "none" in a project's src/ while the project's server runs: the user looks for that one.
            ProjectAbove.hint(config).ifPresent(hint -> {
                throw new RetortException("No embedded PostgreSQL was started in this directory, and " + hint);
            });
        }
        return status;
    }

    /**
     * Stops the project's embedded PostgreSQL with a fast shutdown and waits until it has gone
     * ({@code retort embedded stop}): commands connected to it lose their connection. Returns the process id it had;
     * empty when it was not running. The next command that needs it starts it again.
     */
    public OptionalLong stopEmbedded() {
        embeddedStatus();
        return EmbeddedPostgres.stopProject(config.stateDir());
    }

    public synchronized ScriptDirectory scripts() {
        if (scripts == null) {
            scripts = config.classpathScriptLocation()
                    .map(location -> ScriptDirectory.fromResources(applicationClasses(), location + "/versions"))
                    .orElseGet(() -> {
                        if (!java.nio.file.Files.isDirectory(config.versionsDir())) {
                            throw new ScriptException(missingVersionsDir());
                        }
                        return ScriptDirectory.load(config.versionsDir(),
                                config.stateDir().resolve("cache").resolve("scripts"));
                    });
        }
        return scripts;
    }

    /**
     * What to do about a versions directory that does not exist. With a retort.toml, `retort init` would refuse to
     * overwrite it: the project was cloned (git keeps no empty directory, as versions/ is before the first
     * revision) or its file written by hand, and the way out is the directory itself.
     */
    String missingVersionsDir() {
        Path dir = config.versionsDir();
        Optional<String> projectAbove = ProjectAbove.hint(config);
        if (projectAbove.isPresent()) {
            return "The migrations directory " + dir + " does not exist, and " + projectAbove.get();
        }
        return config.configFile()
                .map(toml -> "The migrations directory " + dir + " does not exist; create it (`mkdir -p "
                        + dir.toAbsolutePath().normalize() + "`), or correct script_location in " + toml + ".")
                .orElse("The migrations directory " + dir + " does not exist; run `retort init .` first, or set "
                        + "script_location in retort.toml.");
    }

    /** The class loader of the application that runs Retort, which the Java migrations built with it come from. */
    private static ClassLoader applicationClasses() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Retort.class.getClassLoader();
    }

    RevisionMap map() {
        return scripts().map();
    }

    Runner runner() {
        return runner(config.backup() == BackupMode.TABLES);
    }

    /**
     * A loader of the migrations a command runs or reads, which gives Java migrations the {@code -x} arguments of
     * the configuration; one per command, as it keeps what it recorded.
     */
    MigrationLoader loader() {
        return new MigrationLoader(dialect, config.stateDir().resolve("cache").resolve("java"), config.xArguments(),
                MigrationClasspath.of(config.migrationClasspath(), "migration_classpath in "
                        + config.configFile().map(file -> file.getFileName().toString()).orElse("retort.toml")));
    }

    private Runner runner(boolean backup) {
        return runner(backup, false);
    }

    private Runner runner(boolean backup, boolean restore) {
        return new Runner(scripts(), loader(), dialect,
                new RunOptions(config.versionTable(), config.versionTableSchema(), config.transactionPerMigration(),
                        config.timeouts().lockTimeout(), config.timeouts().statementTimeout(),
                        config.timeouts().lockTimeoutRetries(), backup, restore, Optional.empty())
                        .overOtherTools(config.ignoreOtherTools()).queueTimeout(config.timeouts().queueTimeout()),
                listener);
    }

    /**
     * Applies migrations up to {@code target}, backing up as retort.toml's {@code backup} says; returns the plan that
     * ran (empty when already there).
     */
    public Plan upgrade(String target) {
        return upgrade(target, config.backup());
    }

    /**
     * Applies migrations up to {@code target}, backing up first as {@code backup} asks, whatever retort.toml says:
     * {@link BackupMode#TABLES} copies the data each step drops or rewrites into schema {@code retort_backup};
     * {@link BackupMode#DUMP} writes a pg_dump of the database before the first step (none when there is nothing to
     * apply); {@link BackupMode#NONE} saves nothing. An applied migration whose file changed since it ran is told to
     * {@code notices} as a warning line, as the command line prints it.
     */
    public Plan upgrade(String target, BackupMode backup) {
        // An application that calls this at its start has no other way to hear of an edited migration: Flyway users
        // expect to be told (its validate on migrate), and an edit that silently never runs is a schema surprise.
        return upgrade(target, backup, drift -> notices.accept("warning: " + drift.describe() + "."));
    }

    /**
     * Like {@link #upgrade(String, BackupMode)}, first handing {@code driftWarnings} each applied migration whose
     * file changed since it ran (read under the run's lock, on its connection).
     */
    public Plan upgrade(String target, BackupMode backup, Consumer<Drift> driftWarnings) {
        map().checkUpgradeTarget(target);
        return connected(() -> runner(backup == BackupMode.TABLES).runWithHistory(database, new Runner.Planner() {
            @Override
            public Plan plan(Runner.AppliedState state) {
                map().checkKnown(state.heads());
                return map().upgradePlan(state.heads(), target);
            }

            @Override
            public void before(Runner.AppliedState state, Plan plan) {
                Validation validation = validation(state);
                validation.drift().forEach(driftWarnings);
                // The version table says these ran, so no upgrade ever will, and what comes after them may need
                // what they make: a wrong schema that every command would report as up to date.
                if (!validation.unrun().isEmpty()) {
                    // One line: the first in full, the others by id, as `retort validate` lists each.
                    List<Unrun> unrun = validation.unrun();
                    throw new RetortException((unrun.size() == 1 ? "" : unrun.size() + " revisions under applied "
                            + "ones are not applied here (" + String.join(", ", unrun.stream().map(Unrun::revision)
                            .toList()) + "; `retort validate` describes each). One: ") + Unrun.clearest(unrun)
                            .describe() + ". Nothing was changed.");
                }
                if (backup == BackupMode.DUMP && !plan.steps().isEmpty()) {
                    dump(state.heads());
                }
            }
        }));
    }

    /** Runs under the run's lock, so no other retort changes the database between the dump and the first step. */
    private void dump(Set<String> heads) {
        DumpBackup.Dump dump = new DumpBackup(config.pgDump(), config.stateDir().resolve("backups"), database,
                listener::stopped).write(heads);
        notices.accept("Dumped " + database.libpq().described() + " to " + dump.file() + " (" + dump.size()
                + "); restore it with pg_restore (see docs/backups.md).");
    }

    /** Reverts migrations down to {@code target}, backing up as retort.toml's {@code backup} says; returns the plan. */
    public Plan downgrade(String target) {
        return downgrade(target, config.backup());
    }

    /**
     * Reverts migrations down to {@code target}, backing up first as {@code backup} asks, whatever retort.toml says,
     * as {@link #upgrade(String, BackupMode)} does: a revert drops what its upgrade made, with the rows written to
     * it since.
     */
    public Plan downgrade(String target, BackupMode backup) {
        return downgrade(target, backup, false);
    }

    /**
     * Like {@link #downgrade(String, BackupMode)}; with {@code restore}, each reverted revision's downgrade puts back
     * what the revision's latest upgrade saved with {@code --backup} (docs/backups.md): the rows of a table it
     * dropped, the values of a column it dropped, right after the downgrade makes them again. Where that
     * upgrade saved nothing, a warning says so and the downgrade does what the migration says. A reverted revision
     * whose file changed since it was applied is told to {@code notices} as a warning line: its downgrade runs as the
     * file is now.
     */
    public Plan downgrade(String target, BackupMode backup, boolean restore) {
        Runner.Planner planner = new Runner.Planner() {
            @Override
            public Plan plan(Runner.AppliedState state) {
                map().checkKnown(state.heads());
                return map().downgradePlan(state.heads(), target);
            }

            @Override
            public void before(Runner.AppliedState state, Plan plan) {
                // Alembic and Flyway users expect the revert to go on; `retort validate` is there to stop a deploy.
                revertedDrift(state, plan).forEach(drift -> notices.accept("warning: " + drift.describeReverted()
                        + "."));
                // A revision that never ran has nothing to revert: its downgrade would fail half-way down, or undo
                // what another revision made.
                Set<String> reverted = new HashSet<>();
                plan.steps().forEach(step -> reverted.add(step.revision().id()));
                List<Unrun> unrun = plan.steps().isEmpty() ? List.of() : validation(state).unrun().stream()
                        .filter(u -> reverted.contains(u.revision())).toList();
                if (!unrun.isEmpty()) {
                    Unrun clearest = Unrun.clearest(unrun);
                    throw new RetortException("The downgrade would run the downgrade of " + clearest.revision()
                            + ", which is not applied here: " + clearest.describe() + ". Nothing was changed.");
                }
                if (backup == BackupMode.DUMP && !plan.steps().isEmpty()) {
                    dump(state.heads());
                }
            }
        };
        map().checkDowngradeTarget(target);
        return connected(() -> runner(backup == BackupMode.TABLES, restore).runWithHistoryOfSteps(database, planner));
    }

    /** The revisions {@code plan} reverts whose files changed since their latest recorded upgrade, in its order. */
    private List<Drift> revertedDrift(Runner.AppliedState state, Plan plan) {
        List<Drift> drift = new ArrayList<>();
        Map<String, HistoryTable.Applied> lastUpgrades = state.lastUpgrades();
        for (Step step : plan.steps()) {
            String id = step.revision().id();
            HistoryTable.Applied last = lastUpgrades.get(id);
            Script script = scripts().script(id);
            if (last != null && last.checksum() != null && !last.checksum().equals(script.checksum())) {
                drift.add(new Drift(id, script.path(), last.appliedOn(), script.shownName()));
            }
        }
        return drift;
    }

    /**
     * Runs a command that connects, the connection opening on its own thread while the command reads the
     * migration files (which every one of them does first). What the command computed about the files (checksums,
     * where compiled Java migrations are kept) goes into the script cache for the next run.
     */
    private <T> T connected(Supplier<T> work) {
        database.openEarly();
        try {
            T result = work.get();
            if (scripts != null) {
                scripts.saveComputed();
            }
            return result;
        } finally {
            database.discardEarly();
        }
    }

    /**
     * Prints the SQL of an upgrade without connecting: {@code TARGET} starts from base, {@code FROM:TO} from FROM.
     */
    public void upgradeSql(String range, PrintStream out) {
        upgradeSql(range, config.backup(), out);
    }

    /**
     * Like {@link #upgradeSql(String, PrintStream)}, printing the backup statements too when {@code backup} is
     * {@link BackupMode#TABLES}, whatever retort.toml says; a dump is not part of a script and is not printed.
     */
    public void upgradeSql(String range, BackupMode backup, PrintStream out) {
        RevisionMap map = map();
        String[] parts = splitRange(range);
        Set<String> start = parts[0] == null ? Set.of() : map.resolve(parts[0], Set.of());
        Plan plan = map.upgradePlan(start, parts[1]);
        // Upgrading a database to a revision it is past does nothing, as in Alembic; but a script for a range that
        // goes down would be empty, and the range is the mistake.
        if (plan.isEmpty() && !start.isEmpty() && goesDown(map, start, parts[1])) {
            throw new TargetUsageException("The range '" + range + "' goes down: " + parts[1] + " comes before "
                    + parts[0] + ", and an upgrade goes from an older revision to a newer one; for the SQL that "
                    + "reverts that far, run `retort downgrade --sql " + range + "`.");
        }
        runner(backup == BackupMode.TABLES).print(plan, start.isEmpty(), out);
    }

    /** Prints the SQL of a downgrade without connecting; like Alembic, this needs {@code FROM:TO}. */
    public void downgradeSql(String range, PrintStream out) {
        downgradeSql(range, config.backup(), out);
    }

    /** Like {@link #downgradeSql(String, PrintStream)}, backing up as {@code backup} asks, as upgrade's SQL does. */
    public void downgradeSql(String range, BackupMode backup, PrintStream out) {
        downgradeSql(range, backup, false, out);
    }

    /**
     * Like {@link #downgradeSql(String, BackupMode, PrintStream)}, printing with {@code restore} the statements of
     * {@link #downgrade(String, BackupMode, boolean)}'s restore: each finds its copy when the script runs.
     */
    public void downgradeSql(String range, BackupMode backup, boolean restore, PrintStream out) {
        String[] parts = splitRange(range);
        if (parts[0] == null) {
            throw new UsageException("downgrade --sql needs a range FROM:TO (for example `retort downgrade --sql head:base`), "
                    + "because there is no database to say where it starts.");
        }
        RevisionMap map = map();
        Set<String> start = map.resolve(parts[0], Set.of());
        Plan plan;
        try {
            plan = map.downgradePlan(start, parts[1]);
        } catch (RevisionGraphException e) {
            throw notDown(map, range, parts, start).orElse(e);
        }
        runner(backup == BackupMode.TABLES, restore).print(plan, false, out);
    }

    /**
     * Why a downgrade's range that is refused does not go down, when its end is not below its start: offline nothing
     * is applied, so the planner's "TO is not applied" would blame a database there is none of. Empty when the range
     * is refused for another reason (an ambiguous end, a walk that fails), whose message stands.
     */
    private static Optional<RevisionGraphException> notDown(RevisionMap map, String range, String[] parts,
            Set<String> start) {
        try {
            if (map.upgradePlan(start, parts[1]).isEmpty()) {
                return Optional.empty();
            }
        } catch (RevisionGraphException e) {
            return Optional.empty();
        }
        String swapped = parts[1] + ":" + parts[0];
        Set<String> end;
        try {
            end = map.resolve(parts[1], Set.of());
        } catch (RevisionGraphException e) {
            return Optional.empty();
        }
        if (goesDown(map, end, parts[0])) {
            return Optional.of(new TargetUsageException("The range '" + range + "' goes up: " + parts[1]
                    + " comes after " + parts[0] + ", and a downgrade's range runs from the newer revision to the "
                    + "older, written `" + swapped + "`; for the SQL that applies those migrations, run `retort "
                    + "upgrade --sql " + range + "`."));
        }
        return Optional.of(new TargetUsageException("The range '" + range + "' does not go down: " + parts[1]
                + " is not below " + parts[0] + ", and a downgrade's range runs from the newer revision to an older "
                + "one on its branch, as `head:base`; run `retort history` to see the revisions."));
    }

    private static boolean goesDown(RevisionMap map, Set<String> start, String target) {
        try {
            return !map.downgradePlan(start, target).isEmpty();
        } catch (RevisionGraphException e) {
            return false;
        }
    }

    private static String[] splitRange(String range) {
        for (String end : range.split(":", -1)) {
            if (end.strip().equalsIgnoreCase("current")) {
                throw new UsageException("--sql runs without a database, so '" + range + "' has no current revision "
                        + "to start from; name the revision the database is at (`retort current` tells it), for "
                        + "example a1b2c3d4e5f6:head.");
            }
        }
        requireOneColon(range, "FROM:TO, for example a1b2c3d4e5f6:head");
        int colon = range.indexOf(':');
        if (colon < 0) {
            return new String[] {null, range};
        }
        String from = range.substring(0, colon).strip();
        String to = range.substring(colon + 1).strip();
        if (to.isEmpty()) {
            throw new UsageException("The range '" + range + "' has no end; write FROM:TO, for example a1b2c3d4e5f6:head.");
        }
        return new String[] {from.isEmpty() ? "base" : from, to};
    }

    /** Refuses a range of more than two ends, whose middle would otherwise be taken for a revision. */
    private static void requireOneColon(String range, String form) {
        if (range.indexOf(':') != range.lastIndexOf(':')) {
            throw new UsageException("The range '" + range + "' has more than one colon; write " + form + ".");
        }
    }

    /** The database's applied heads, each checked against the migration files. */
    public List<Revision> current() {
        Set<String> heads = currentIds();
        map().checkKnown(heads);
        List<Revision> revisions = new ArrayList<>();
        for (String id : heads) {
            revisions.add(map().get(id));
        }
        return revisions;
    }

    /**
     * Applied migrations whose files changed since they ran (by the checksums {@code retort_history} keeps),
     * oldest first.
     */
    public List<Drift> drift() {
        return validate().drift();
    }

    /**
     * What {@code retort validate} finds: the applied migrations whose files changed since they ran or were stamped,
     * and those it cannot check, with no checksum recorded.
     */
    public Validation validate() {
        return validation(connected(() -> runner().appliedState(database)));
    }

    private Validation validation(Runner.AppliedState state) {
        RevisionMap map = map();
        // A version table naming a revision whose file was deleted is the worst drift of all, not a clean bill.
        map.checkKnown(state.heads());
        Map<String, HistoryTable.Latest> latest = state.latest();
        Set<String> applied = new LinkedHashSet<>();
        for (String head : state.heads()) {
            map.upgradePlan(Set.of(), head).steps().forEach(step -> applied.add(step.revision().id()));
        }
        UnrunSearch search = new UnrunSearch(map, state.heads(), applied, latest,
                id -> scripts().script(id).checksum());
        List<Unrun> unrun = search.find();
        Set<String> unrunIds = new LinkedHashSet<>();
        unrun.forEach(u -> unrunIds.add(u.revision()));
        List<Drift> drift = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        boolean stamped = false;
        boolean unrecorded = false;
        for (String id : applied) {
            if (unrunIds.contains(id)) {
                continue;
            }
            HistoryTable.Latest record = latest.get(id);
            HistoryTable.Row last = record == null ? null : record.applied();
            if (last == null || last.checksum() == null) {
                // Stamped before stamps recorded checksums, or under a stamped revision then; or run before the
                // history was kept.
                unchecked.add(id);
                if (last != null || search.underOldStamp(id)) {
                    stamped = true;
                } else {
                    unrecorded = true;
                }
                continue;
            }
            Script script = scripts().script(id);
            if (!last.checksum().equals(script.checksum())) {
                drift.add(new Drift(id, script.path(), last.on(), script.shownName(), last.isStamp()));
            }
        }
        scripts().saveComputed();
        return new Validation(drift, unchecked, applied.size() - unchecked.size() - unrunIds.size(), unrun, stamped,
                unrecorded);
    }

    /**
     * Tests the whole history on a scratch database in the embedded PostgreSQL (dropped afterwards): a single
     * head, every revision upgraded, downgraded and upgraded again without a trace, and the models (when
     * {@code [models]} names them) matching the head schema.
     */
    public HistoryCheck testHistory() {
        return new HistoryTesting(this).run();
    }

    /** Lints migration files: all of them, one revision ({@code 1a2b}), or a range ({@code LOWER:UPPER}). */
    public List<Finding> lint(Optional<String> which) {
        return new Linting(this).lint(which);
    }

    /**
     * What {@code --backup} saved (an upgrade's or a downgrade's) in this project's runs, newest first; empty when it
     * never ran. Another project's on the same database (a tenant's, with a version table of its own) are not listed.
     */
    public List<BackupTable.Backup> backups() {
        try (Connection connection = database.open()) {
            return BackupTable.list(connection, backupOwner());
        } catch (SQLException e) {
            throw new RetortException("Could not read " + BackupTable.NAME + " in " + database.describe() + ": "
                    + e.getMessage() + schemaDenied(e), e);
        }
    }

    /**
     * The tables in schema {@code retort_backup} that no catalog row names (a row deleted by hand, or never written by
     * an older Retort), the catalog aside, by name; {@code retort backups} lists them after the copies.
     */
    public List<String> uncatalogedBackups() {
        try (Connection connection = database.open()) {
            return BackupTable.uncataloged(connection);
        } catch (SQLException e) {
            throw new RetortException("Could not read schema " + BackupTable.SCHEMA + " in " + database.describe()
                    + ": " + e.getMessage() + schemaDenied(e), e);
        }
    }

    /** What to do when the backup schema is another role's, which has not let the user Retort connects as in. */
    private static String schemaDenied(SQLException e) {
        return "42501".equals(e.getSQLState())
                && String.valueOf(e.getMessage()).contains("schema " + BackupTable.SCHEMA)
                ? "; the user Retort connects as may not use schema " + BackupTable.SCHEMA + ": have its owner run "
                        + "GRANT USAGE ON SCHEMA " + BackupTable.SCHEMA + " TO that user (and SELECT on "
                        + BackupTable.NAME + "), or connect as its owner."
                : "";
    }

    /**
     * Drops the copies {@code names} name ({@code retort backups} prints them; with or without {@code retort_backup.},
     * quoted or not) and their catalog rows, in one transaction, holding the run's lock so that no {@code --restore}
     * reads them meanwhile; returns what was dropped. A name may also be one of {@link #uncatalogedBackups()}, a copy
     * whose catalog row is gone. A name that is neither drops nothing: a {@link UsageException} names it.
     */
    public BackupTable.Dropped dropBackups(List<String> names) {
        Set<String> wanted = new LinkedHashSet<>();
        names.forEach(name -> wanted.add(backupName(name)));
        return dropBackups((catalog, uncataloged, others, now) -> {
            Set<String> unknown = new LinkedHashSet<>(wanted);
            catalog.forEach(b -> unknown.remove(b.backupTable()));
            uncataloged.forEach(unknown::remove);
            for (String name : unknown) {
                if (others.containsKey(name)) {
                    throw new UsageException(BackupTable.SCHEMA + "." + name + " is a copy of another project's, the "
                            + "one whose version table is " + others.get(name) + ": drop it with that project's "
                            + "configuration; nothing was dropped.");
                }
            }
            if (!unknown.isEmpty()) {
                List<String> shown = unknown.stream().map(name -> BackupTable.SCHEMA + "." + name).toList();
                throw new UsageException(String.join(", ", shown) + (shown.size() == 1 ? " is" : " are")
                        + " no copy that --backup made (`retort backups` lists them); nothing was dropped.");
            }
            return new BackupTable.Dropped(catalog.stream().filter(b -> wanted.contains(b.backupTable())).toList(),
                    uncataloged.stream().filter(wanted::contains).toList());
        });
    }

    /**
     * Drops every copy made more than {@code age} ago by the server's clock, and the catalog rows whose table is gone
     * (dropped by hand); only those of the revisions {@code revision} names when given, as
     * {@link #backupRevisions(String)} reads it. Holds the run's lock, as {@link #dropBackups(List)} does; returns
     * what was dropped, newest first, empty when nothing was old enough. A table without a catalog row has no age
     * and stays.
     */
    public List<BackupTable.Backup> pruneBackups(Duration age, Optional<String> revision) {
        if (age.isNegative()) {
            throw new UsageException("A backup's age cannot be negative: " + age + ".");
        }
        Optional<Set<String>> revisions = revision.map(this::backupRevisions);
        return dropBackups((catalog, uncataloged, others, now) -> BackupTable.Dropped.of(catalog.stream()
                .filter(b -> revisions.map(ids -> ids.contains(b.revision())).orElse(true))
                .filter(b -> b.gone() || b.createdAt().isBefore(now.minus(age)))
                .toList())).backups();
    }

    /**
     * The revisions {@code target} names among the copies {@code --backup} made: an id the catalog holds, as it is (a
     * copy outlives its migration file); otherwise what {@link #show(String)} names: a unique id prefix, {@code head},
     * a branch label, {@code current} and the rest.
     */
    public Set<String> backupRevisions(String target) {
        List<BackupTable.Backup> catalog = backups();
        if (catalog.stream().anyMatch(b -> b.revision().equals(target))) {
            return Set.of(target);
        }
        try {
            Set<String> ids = new LinkedHashSet<>();
            show(target).forEach(r -> ids.add(r.id()));
            return ids;
        } catch (RevisionGraphException e) {
            // A prefix of a revision whose file was deleted since its upgrade: the copies name it, the files do not.
            List<String> fileless = catalog.stream().map(BackupTable.Backup::revision).distinct()
                    .filter(id -> id.startsWith(target) && map().find(id).isEmpty()).toList();
            if (fileless.isEmpty()) {
                throw e;
            }
            throw new RevisionGraphException(e.getMessage() + " " + String.join(", ", fileless)
                    + (fileless.size() == 1 ? " has" : " have") + " copies but no migration file any more: give the "
                    + "full id, as `retort backups` lists it.");
        }
    }

    private BackupTable.Dropped dropBackups(BackupTable.Choice choice) {
        RunOptions options = new RunOptions(config.versionTable(), config.versionTableSchema(), true,
                config.timeouts().lockTimeout(), config.timeouts().statementTimeout(), 0, false, Optional.empty())
                .queueTimeout(config.timeouts().queueTimeout());
        try {
            return RunLock.holding(database, dialect, options, listener,
                    connection -> BackupTable.drop(connection, dialect, backupOwner(), choice, options.lockTimeout()));
        } catch (BackupTable.DropFailure e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            String hint = state.equals("55P03") ? "another session holds a lock on it (lock_timeout "
                    + options.lockTimeout() + "): run again once that session ends"
                    : state.equals("2BP01") ? "other objects depend on it: drop them first, or the copy with "
                            + "DROP TABLE ... CASCADE by hand"
                    : state.equals("42501") ? "the user Retort connects as may not drop it: connect as its owner"
                    : null;
            throw new RetortException("Could not drop " + BackupTable.SCHEMA + "." + dialect.quote(e.backupTable())
                    + " in " + database.describe() + ": " + Database.firstLine(e) + (hint == null ? "" : "; " + hint)
                    + ". Nothing was dropped.", e);
        } catch (SQLException e) {
            throw new RetortException("Could not drop backups in " + database.describe() + ": "
                    + Database.firstLine(e) + catalogDenied(e) + ". Nothing was dropped.", e);
        }
    }

    /**
     * What to grant when the user Retort connects as may not change the catalog. Dropping copies locks the catalog's
     * rows (so that two projects that share it do not drop the same copy at once), which takes UPDATE too.
     */
    private static String catalogDenied(SQLException e) {
        return "42501".equals(e.getSQLState())
                && String.valueOf(e.getMessage()).contains("for table backups")
                ? "; the user Retort connects as needs SELECT, UPDATE and DELETE on " + BackupTable.NAME
                        + " to drop copies: have its owner grant them to that user, or connect as its owner"
                : "";
    }

    /** Whose copies are this project's: those of the runs on its version table. */
    private BackupOwner backupOwner() {
        VersionTable table = new VersionTable(config.versionTable(), dialect)
                .inChosenSchema(config.versionTableSchema().orElse(null));
        return BackupOwner.of(table, dialect);
    }

    /** A copy's name as the catalog holds it: without the schema {@code retort backups} prints, unquoted. */
    private static String backupName(String name) {
        String bare = name.strip();
        for (String schema : List.of(BackupTable.SCHEMA + ".", "\"" + BackupTable.SCHEMA + "\".")) {
            if (bare.startsWith(schema)) {
                bare = bare.substring(schema.length());
                break;
            }
        }
        if (bare.length() >= 2 && bare.startsWith("\"") && bare.endsWith("\"")) {
            bare = bare.substring(1, bare.length() - 1).replace("\"\"", "\"");
        }
        return bare;
    }

    /** The applied heads' ids, unchecked (for marking {@code history -i}). */
    public Set<String> currentIds() {
        return connected(() -> runner().currentHeads(database));
    }

    /** Revisions newest first, optionally within {@code lower:upper}. */
    public List<Revision> history(Optional<String> range) {
        if (range.isEmpty()) {
            return map().newestFirst();
        }
        String r = range.get();
        requireOneColon(r, "LOWER:UPPER, LOWER: or :UPPER");
        int colon = r.indexOf(':');
        if (colon < 0) {
            throw new UsageException("History range '" + r + "' needs a colon: LOWER:UPPER, LOWER: or :UPPER.");
        }
        String lower = r.substring(0, colon).strip();
        String upper = r.substring(colon + 1).strip();
        boolean usesCurrent = lower.equals("current") || upper.equals("current") || lower.startsWith("-")
                || lower.startsWith("+") || upper.startsWith("-") || upper.startsWith("+");
        Set<String> heads = usesCurrent ? currentIds() : Set.of();
        return map().range(lower, upper, heads);
    }

    public List<Revision> heads() {
        return map().heads();
    }

    /** The heads once a dependency counts as a parent: a revision that another depends on is not one. */
    public List<Revision> resolvedHeads() {
        return map().resolvedHeads();
    }

    public List<Revision> branchPoints() {
        return map().branchPoints();
    }

    public List<Revision> children(String id) {
        return map().children(id);
    }

    /**
     * The revisions a target names ({@code show head}, {@code show 1a2b}); {@code current}, as in Alembic's {@code show
     * current}, names those the database is at, and a relative step ({@code -1}, {@code LABEL@+1}) counts from them.
     * Only those connect: {@code show REV} works without a database.
     */
    public List<Revision> show(String target) {
        if (target.equals("current")) {
            List<Revision> applied = current();
            if (applied.isEmpty()) {
                throw new RetortException("The database is at base: no revision is applied, so current names no "
                        + "revision.");
            }
            return applied;
        }
        RevisionMap map = map();
        Set<String> applied = map.countsFromCurrent(target) ? currentIds() : Set.of();
        List<Revision> revisions = new ArrayList<>();
        for (String id : map.revisions(target, applied)) {
            revisions.add(map.get(id));
        }
        if (revisions.isEmpty()) {
            // A target that names nothing is a failure like one that matches nothing (`show zzzz`), not a usage error.
            throw new RetortException("'" + target + "' names no revision (base is before the first one).");
        }
        return revisions;
    }

    public Script script(String id) {
        return scripts().script(id);
    }

    /** Sets the version table to {@code targets}, each on its own branch, without running migrations. */
    public Set<String> stamp(List<String> targets, boolean purge) {
        targets.forEach(map()::checkTarget);
        return connected(() -> runner().stamp(database, before -> {
            if (!purge) {
                map().checkKnown(before);
            }
            return map().stampHeads(before, targets);
        }, purge));
    }

    /** Prints the SQL of a stamp; one target may be a range {@code FROM:TO}, since there is no database to read. */
    public void stampSql(List<String> targets, boolean purge, PrintStream out) {
        RevisionMap map = map();
        Set<String> before = Set.of();
        List<String> to = new ArrayList<>();
        for (String target : targets) {
            String[] parts = splitRange(target);
            if (parts[0] != null) {
                if (targets.size() > 1) {
                    throw new UsageException("stamp --sql takes a range FROM:TO only alone; '" + target + "' is one "
                            + "of " + targets.size() + " revisions.");
                }
                before = map.resolve(parts[0], Set.of());
            }
            to.add(parts[1]);
        }
        runner().printStamp(before, map.stampHeads(before, to), purge, out);
    }

    /** Writes a new, empty migration file after the current head (or {@code head}). */
    public Path revision(RevisionRequest request) {
        ScriptDirectory existing = optionalScripts();
        RevisionMap map = existing == null ? RevisionMap.of(List.of()) : existing.map();
        List<String> parents = parents(map, request);
        List<String> dependsOn = new ArrayList<>();
        for (String dep : request.dependsOn()) {
            dependsOn.addAll(resolveOne(map, dep));
        }
        return write(map, request.message(), parents, request.branchLabels(), dependsOn, request.revId(),
                request.sqlFile() ? ScriptKind.SQL : ScriptKind.JAVA, "", "", List.of(), List.of(), "");
    }

    /**
     * Compares the models of {@code [models]} with the database, which must be at head (as Alembic insists:
     * a diff against an older schema would repeat migrations that exist).
     */
    public Comparison compare(AutogenerateRequest request) {
        return new Comparing(this).compare(request);
    }

    /** The upgrade SQL of a comparison, as {@code revision --autogenerate --sql} previews it. */
    public String sql(List<Change> changes) {
        return new Comparing(this).sql(changes);
    }

    /** Writes a migration with what the models changed; empty when nothing changed (no file is written). */
    public Optional<Path> autogenerate(RevisionRequest request, Comparison comparison) {
        if (comparison.diff().isEmpty()) {
            return Optional.empty();
        }
        RevisionMap map = scripts().map();
        List<String> parents = parents(map, request);
        List<String> dependsOn = new ArrayList<>();
        for (String dep : request.dependsOn()) {
            dependsOn.addAll(resolveOne(map, dep));
        }
        List<String> summary = comparison.diff().upgrade().stream()
                .map(c -> c.description() + (c.losesData() ? " (can lose data)" : "")).toList();
        if (request.sqlFile()) {
            return Optional.of(write(map, request.message(), parents, request.branchLabels(), dependsOn, request.revId(),
                    ScriptKind.SQL, sql(comparison.diff().upgrade()), sql(comparison.diff().downgrade()), List.of(), summary,
                    ""));
        }
        MigrationComposer.Composed composed = new MigrationComposer(Lint.notes(Lint.linter(config.lintSeverities())))
                .compose(comparison.diff());
        return Optional.of(write(map, request.message(), parents, request.branchLabels(), dependsOn, request.revId(),
                ScriptKind.JAVA, composed.upgradeBody(), composed.downgradeBody(), composed.imports(), composed.summary(),
                composed.members()));
    }

    /** Writes a revision whose parents are the given heads (usually {@code heads}: all of them). */
    public Path merge(String message, List<String> revisions, List<String> branchLabels, Optional<String> revId,
            boolean sqlFile) {
        RevisionMap map = map();
        Set<String> parents = new LinkedHashSet<>();
        for (String rev : revisions) {
            parents.addAll(map.revisions(rev, Set.of()));
        }
        // A merge of revisions that are not heads joins nothing: the heads stay apart (Alembic refuses it too).
        requireHeads(map, parents, "merge joins heads only, so name heads or give `heads`.");
        if (parents.size() < 2) {
            throw new UsageException("Nothing to merge: " + String.join(" ", revisions) + " names "
                    + (parents.isEmpty() ? "no revision" : "only " + parents.iterator().next())
                    + "; give two or more heads, or `heads`.");
        }
        String comment = (sqlFile ? "-- " : "// ") + "A merge: it joins " + String.join(" and ", parents)
                + " and changes nothing itself.";
        return write(map, message, List.copyOf(parents), branchLabels, List.of(), revId,
                sqlFile ? ScriptKind.SQL : ScriptKind.JAVA, comment, comment, List.of(), List.of(), "");
    }

    ScriptDirectory optionalScripts() {
        // A subdirectory of a project fails as in every command (scripts()), not as a usage error of this one.
        if (!java.nio.file.Files.isDirectory(config.versionsDir()) && ProjectAbove.hint(config).isEmpty()) {
            throw new UsageException(missingVersionsDir());
        }
        return scripts();
    }

    private List<String> parents(RevisionMap map, RevisionRequest request) {
        if (request.head().isEmpty()) {
            List<Revision> heads = map.heads();
            if (heads.size() > 1) {
                throw new UsageException("Multiple heads are present (" + ids(heads) + "); give --head to say which one "
                        + "the new revision follows, or merge them first with `retort merge -m MESSAGE heads`.");
            }
            return heads.stream().map(Revision::id).toList();
        }
        String head = request.head().get();
        Set<String> resolved;
        try {
            resolved = map.revisions(head, Set.of());
        } catch (TargetUsageException e) {
            throw new UsageException("--head " + head + ": " + e.getMessage());
        } catch (RevisionGraphException e) {
            // A revision that is not there fails, as `retort show` of it does; a form --head does not take is a
            // usage error, as a --head that is not a head is.
            throw new RevisionGraphException("--head " + head + ": " + e.getMessage());
        }
        if (!request.splice()) {
            requireHeads(map, resolved, "pass --splice to start a new branch from it.");
        }
        return List.copyOf(resolved);
    }

    /** Refuses the first of {@code ids} that is not a head, naming the heads, then {@code remedy}. */
    private static void requireHeads(RevisionMap map, Set<String> ids, String remedy) {
        List<Revision> heads = map.heads();
        Set<String> headIds = new LinkedHashSet<>(heads.stream().map(Revision::id).toList());
        for (String id : ids) {
            if (!headIds.contains(id)) {
                throw new UsageException("Revision " + id + " is not a head (" + (heads.size() == 1 ? "the head is "
                        : "the heads are ") + ids(heads) + "); " + remedy);
            }
        }
    }

    /**
     * A {@code --depends-on} revision: one the graph lacks fails, as {@code --head}'s does; a form it does not take
     * (a range) is a usage error.
     */
    private static List<String> resolveOne(RevisionMap map, String target) {
        try {
            return List.copyOf(map.resolve(target, Set.of()));
        } catch (TargetUsageException e) {
            throw new UsageException("--depends-on " + target + ": " + e.getMessage());
        } catch (RevisionGraphException e) {
            throw new RevisionGraphException("--depends-on " + target + ": " + e.getMessage());
        }
    }

    private Path write(RevisionMap map, String message, List<String> parents, List<String> labels, List<String> dependsOn,
            Optional<String> revId, ScriptKind kind, String upgrade, String downgrade, List<String> imports,
            List<String> summary, String members) {
        String id = revId.orElseGet(() -> {
            String candidate;
            do {
                candidate = RevisionIds.random();
            } while (map.find(candidate).isPresent() || labelStarting(map, candidate).isPresent());
            return candidate;
        });
        if (!RevisionIds.isValid(id)) {
            throw new UsageException("--rev-id '" + id + "' is not 12 lowercase hex characters.");
        }
        if (map.find(id).isPresent()) {
            throw new UsageException("Revision " + id + " already exists; choose another --rev-id.");
        }
        Optional<String> taken = labelStarting(map, id);
        if (taken.isPresent()) {
            throw new UsageException("--rev-id " + id + " starts with branch label " + taken.get() + ", so a target `"
                    + taken.get() + "` would name the label's revision, never this one; choose another --rev-id.");
        }
        for (String label : labels) {
            if (!label.matches("[A-Za-z0-9_.-]+")) {
                throw new UsageException("Branch label '" + TerminalText.quoted(label)
                        + "' may hold only letters, digits, '_', '.' and '-'.");
            }
            if (!label.matches("[A-Za-z_].*")) {
                throw new UsageException("Branch label '" + label + "' must start with a letter or '_', so that it is "
                        + "never taken for a revision id.");
            }
            takenLabel(map, label);
        }
        NewRevision revision = new NewRevision(id, message, parents, labels, dependsOn, LocalDateTime.now(), kind,
                upgrade, downgrade, imports, summary, members);
        // Check the new graph before writing, so a bad --branch-label never leaves a file behind.
        List<Revision> all = new ArrayList<>(map.newestFirst());
        // No file yet: messages name the revision alone. What the graph refuses came from the options.
        all.add(new Revision(id, parents, new LinkedHashSet<>(labels), dependsOn, message, null));
        try {
            RevisionMap.of(all);
        } catch (RevisionGraphException e) {
            throw new UsageException(e.getMessage());
        }
        Path file = ScriptWriter.write(config.versionsDir(), revision);
        scripts = null;
        return file;
    }

    /** The label a new revision's id would start with, which a target of that label would name instead. */
    private static Optional<String> labelStarting(RevisionMap map, String id) {
        for (Revision revision : map.newestFirst()) {
            for (String label : revision.branchLabels()) {
                if (label.length() >= 4 && id.startsWith(label)) {
                    return Optional.of(label);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Refuses a {@code --branch-label} that a target would read as something else or that names a revision already,
     * before the graph would name the new revision's id, which was never written, as one of two that use it.
     */
    private static void takenLabel(RevisionMap map, String label) {
        if (!Revision.isUsableLabel(label)) {
            throw new UsageException("--branch-label " + label + " cannot be used: "
                    + Revision.LABEL_RULE + "; nothing was written.");
        }
        for (Revision revision : map.newestFirst()) {
            String named = revision.branchLabels().contains(label) ? "already the label of "
                    : revision.id().equals(label) ? "the id of "
                    // A target of four or more hex characters names the revision whose id starts so, unless it is a
                    // label, which would take it over.
                    : label.length() >= 4 && revision.id().startsWith(label) ? "the start of the id of "
                    : null;
            if (named != null) {
                String file = revision.origin() == null ? "" : " (file " + revision.origin() + ")";
                throw new UsageException("--branch-label " + label + " is " + named + revision.id() + file
                        + "; choose another; nothing was written.");
            }
        }
    }

    static String ids(List<Revision> revisions) {
        return String.join(", ", revisions.stream().map(Revision::id).toList());
    }
}
