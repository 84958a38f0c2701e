package dev.retort.command;

import dev.retort.RetortException;
import dev.retort.autogenerate.diff.Change;
import dev.retort.autogenerate.diff.Renames;
import dev.retort.autogenerate.diff.SchemaDiffer;
import dev.retort.introspect.postgres.PostgresIntrospector;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.QualifiedName;
import dev.retort.revision.Direction;
import dev.retort.revision.Plan;
import dev.retort.revision.RevisionMap;
import dev.retort.revision.Step;
import dev.retort.runtime.ConnectionSource;
import dev.retort.runtime.HistoryTable;
import dev.retort.runtime.MigrationException;
import dev.retort.runtime.Runner;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.SchemaFilter;
import dev.retort.schema.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tests a whole history on a scratch database: from base, each revision is upgraded, downgraded and upgraded
 * again, and the schema read after each move must be what it was, column order aside (a downgrade leaves no
 * trace, a second upgrade gives the same schema). The caller then compares the scratch database, at head, with the
 * models.
 */
final class HistoryTester {
    /** {@code CREATE ROLE}, {@code CREATE USER} and {@code CREATE GROUP}, but not {@code CREATE USER MAPPING}. */
    private static final Pattern CREATE_ROLE = Pattern.compile(
            "(?i)\\bCREATE\\s+(?:ROLE|GROUP|USER(?!\\s+MAPPING))\\b");
    private final Runner runner;
    private final RevisionMap map;
    private final ConnectionSource scratch;
    private final String versionTable;
    /** The schema chosen for Retort's tables, which Retort creates: not a trace any revision leaves. */
    private final Optional<String> versionTableSchema;
    /** Whether a revision can be reverted at all; one that says it cannot is only upgraded. */
    private final Predicate<String> canRevert;
    /** Hears which revision the test is at ({@code while testing revision ...}), for the line of a stopped test. */
    private final Consumer<String> doing;
    /** Notes the roles each step makes, which the test's clean-up drops. */
    private final TestRoles roles;
    /** Whether the migration of a revision names a role ({@link RoleNames}). */
    private final Function<String, Predicate<String>> rolesNamedBy;
    /** Whether a step runs statements outside its transaction (an autocommit part), for {@link #roles}. */
    private final Predicate<Step> runsOutside;
    /** A connection to the scratch database, for {@link #roles}, open while {@link #run} runs. */
    private Connection watch;

    HistoryTester(Runner runner, RevisionMap map, ConnectionSource scratch, String versionTable,
                  Optional<String> versionTableSchema, Predicate<String> canRevert, Consumer<String> doing,
                  TestRoles roles, Function<String, Predicate<String>> rolesNamedBy, Predicate<Step> runsOutside) {
        this.runner = runner;
        this.map = map;
        this.scratch = scratch;
        this.versionTable = versionTable;
        this.versionTableSchema = versionTableSchema;
        this.canRevert = canRevert;
        this.doing = doing;
        this.roles = roles;
        this.rolesNamedBy = rolesNamedBy;
        this.runsOutside = runsOutside;
    }

    /**
     * Walks base → heads; fills in the revisions tested and those of them only upgraded (they cannot be reverted),
     * and returns the first failure or null. The scratch database is left at head.
     */
    String run(List<String> tested, List<String> appliedOnly) {
        try (Connection connection = scratch.open()) {
            watch = connection;
            return walk(tested, appliedOnly);
        } catch (SQLException e) {
            throw new RetortException("Could not close a connection to the scratch database: " + e.getMessage(), e);
        } finally {
            watch = null;
        }
    }

    private String walk(List<String> tested, List<String> appliedOnly) {
        Plan plan = map.upgradePlan(Set.of(), "heads");
        DatabaseSchema before = read();
        for (Step step : plan.steps()) {
            String id = step.revision().id();
            String where = "revision " + id + " (" + step.revision().origin() + ")";
            doing.accept("while testing " + where);
            try {
                apply(step);
            } catch (RetortException e) {
                return "Upgrade failed: " + e.getMessage() + roleOfTheServerHint(e);
            }
            DatabaseSchema after = read();
            if (!canRevert.test(id)) {
                // Declared irreversible: there is no downgrade to test, and the revisions after it still deserve
                // their test, which a failure here would deny them.
                tested.add(id);
                appliedOnly.add(id);
                before = after;
                continue;
            }
            Step back = new Step(step.revision(), Direction.DOWNGRADE, step.headsAfter(), step.headsBefore());
            try {
                apply(back);
            } catch (RetortException e) {
                return "Downgrade failed: " + e.getMessage();
            }
            String trace = difference(read(), before);
            if (trace != null) {
                return "The downgrade of " + where + " leaves a trace: " + trace + ".";
            }
            try {
                apply(step);
            } catch (RetortException e) {
                return "Upgrading " + where + " again after its downgrade failed: " + e.getMessage();
            }
            String drift = difference(read(), after);
            if (drift != null) {
                return "Upgrading " + where + " again after its downgrade gives another schema: " + drift + ".";
            }
            tested.add(id);
            before = after;
        }
        return null;
    }

    /**
     * What to do when a migration's plain {@code CREATE ROLE} meets the role there already (42710 duplicate_object).
     * Roles belong to the server, not to a database: the scratch database is new, but the project's own database on
     * the same server, or another test running at the same time, may have made the role. (A test drops the roles its
     * migrations made when it ends, but one killed outright does not.)
     */
    private static String roleOfTheServerHint(RetortException e) {
        boolean duplicate = e.getCause() instanceof SQLException cause && "42710".equals(cause.getSQLState());
        boolean createsRole = e instanceof MigrationException failed
                && failed.statement().filter(sql -> CREATE_ROLE.matcher(sql).find()).isPresent();
        if (!duplicate || !createsRole) {
            return "";
        }
        return " Roles belong to the whole server, not to one database, so a role made by another database on the "
                + "server (your own, or that of another `retort test` running at the same time) is there already: "
                + "write the CREATE ROLE guarded (in a DO block that checks pg_roles first), or set database_url in "
                + "[test] to another server.";
    }

    /** Runs {@code step} alone, noting the roles it made. */
    private void apply(Step step) {
        TestRoles.StepStart rolesBefore;
        try {
            rolesBefore = roles.beforeStep(watch);
        } catch (SQLException e) {
            throw new RetortException("Could not read the roles of the scratch database's server: " + e.getMessage(),
                    e);
        }
        runner.run(scratch, state -> {
            if (!state.heads().equals(step.headsBefore())) {
                throw new RetortException("The scratch database is at " + state.heads() + ", not at " + step.headsBefore()
                        + " as the history says it should be before " + step.revision().id() + ".");
            }
            return new Plan(List.of(step), step.headsBefore(), step.headsAfter());
        });
        // The step's history row was written in its transaction: what else that transaction wrote, it made.
        String history = versionTableSchema.map(schema -> "\"" + schema.replace("\"", "\"\"") + "\".")
                .orElse("") + HistoryTable.NAME;
        try {
            roles.stepped(watch, rolesBefore, history, rolesNamedBy.apply(step.revision().id()),
                    () -> runsOutside.test(step));
        } catch (SQLException e) {
            throw new RetortException("Could not read the roles of the scratch database's server: " + e.getMessage(),
                    e);
        }
    }

    /**
     * What turns {@code actual} into {@code expected}, in the diff's words; null when they are equal. What the diff
     * leaves alone counts too, since a downgrade and upgrade must restore the schema exactly; column order aside,
     * because PostgreSQL adds a column at the end and cannot move it: the downgrade of a migration that drops a
     * column puts it back last, and no downgrade could do better. So is whether a child table declares the columns
     * and checks it inherits too ({@link Table#inheritedColumns()}), which no ALTER TABLE sets: a child dropped and
     * created again by a downgrade declares them all. Row-level security and replica identity, which the diff leaves
     * alone, are named here ({@link SettingTraces}).
     */
    static String difference(DatabaseSchema actual, DatabaseSchema expected) {
        if (actual.equals(expected)) {
            return null;
        }
        List<String> changes = new ArrayList<>(new SchemaDiffer(Renames.NONE).diff(expected, actual).upgrade()
                .stream().map(Change::description).toList());
        changes.addAll(SettingTraces.of(expected, actual));
        if (changes.isEmpty()) {
            boolean onlyColumnOrder = columnsByName(actual).equals(columnsByName(expected));
            return onlyColumnOrder ? null : "the schemas differ in a way the diff does not describe";
        }
        return listed(changes);
    }

    /** The first three of {@code changes} in the diff's words, and how many more there are. */
    static String described(List<Change> changes) {
        return listed(changes.stream().map(Change::description).toList());
    }

    private static String listed(List<String> descriptions) {
        return descriptions.stream().limit(3).collect(Collectors.joining("; "))
                + (descriptions.size() > 3 ? "; and " + (descriptions.size() - 3) + " more" : "");
    }

    /**
     * {@code schema} with each table's columns sorted by name and none marked inherited, so that column order and
     * where a child's columns are declared make no difference.
     */
    private static DatabaseSchema columnsByName(DatabaseSchema schema) {
        List<Table> tables = schema.tables().stream().map(t -> new Table(t.name(),
                t.columns().stream().sorted(Comparator.comparing(ColumnDef::name)).toList(), t.primaryKey(),
                t.uniques(), t.foreignKeys(), t.checks(), t.indexes(), t.comment(), t.inherits())
                .withSettings(t.settings()).withExclusions(t.exclusions())).toList();
        return new DatabaseSchema(schema.schemas(), tables, schema.enums(), schema.sequences(), schema.extensions());
    }

    /** {@code schema} without the schema of Retort's tables among its schemas, when one is chosen. */
    DatabaseSchema withoutOwnSchema(DatabaseSchema schema) {
        return versionTableSchema.map(schema::withoutSchemaName).orElse(schema);
    }

    DatabaseSchema read() {
        try (Connection c = scratch.open()) {
            List<String> schemas = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'")) {
                while (rs.next()) {
                    schemas.add(rs.getString(1));
                }
            }
            String own = versionTableSchema.filter(schema -> !schema.equals("public")).orElse(null);
            return withoutOwnSchema(new PostgresIntrospector(new SchemaFilter(schemas,
                    Set.of(QualifiedName.of(own, versionTable), QualifiedName.of(own, HistoryTable.NAME))))
                    .introspect(c));
        } catch (SQLException e) {
            throw new RetortException("Could not read the scratch database: " + e.getMessage(), e);
        }
    }
}
