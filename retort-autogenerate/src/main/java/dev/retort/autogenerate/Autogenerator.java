package dev.retort.autogenerate;

import dev.retort.RetortException;
import dev.retort.autogenerate.diff.Change;
import dev.retort.autogenerate.diff.Renames;
import dev.retort.autogenerate.diff.SchemaDiff;
import dev.retort.operation.AddEnumValue;
import dev.retort.operation.Autocommit;
import dev.retort.autogenerate.diff.SchemaDiffer;
import dev.retort.autogenerate.diff.TargetVersion;
import dev.retort.introspect.postgres.PartitionedTableException;
import dev.retort.introspect.postgres.PostgresIntrospector;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.SchemaFilter;
import dev.retort.schema.Table;
import dev.retort.schema.TablePattern;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Autogenerate's pipeline: model source → desired schema (through the dev database) and target database →
 * introspection, then the diff.
 */
public final class Autogenerator {
    /** The version tables of Flyway, Liquibase and Alembic, under their default names. */
    static final List<String> OTHER_TOOLS_TABLES =
            List.of("flyway_schema_history", "databasechangelog", "databasechangeloglock", "alembic_version");

    /**
     * What takes part in the comparison.
     *
     * @param ownTables Retort's version table and the tables it keeps beside it ({@code retort_history}), never
     *     compared: in {@code versionTableSchema}, or without one in whichever schema the search path put them
     * @param versionTableSchema the schema chosen for it ({@code version_table_schema}), which Retort creates: its
     *     tables are compared when the schema is in scope, but the schema itself is never created or dropped by a
     *     migration
     * @param schemas the schemas to compare; empty: the target connection's own schema ({@code public}, or the
     *     schema its search path puts first, a tenant's) and the schemas the model creates
     * @param excludedTables tables left alone on both sides ({@code table} or {@code schema.table}), or globs of them
     *     ({@code legacy_*}, {@code audit.*}; see {@link TablePattern}), with the enum types and sequences that only
     *     they use (see {@code LeftAloneUses})
     * @param excludedSequences sequences left alone on both sides, named as {@code excludedTables} names tables; but
     *     not one that a compared table owns (see {@link ListedSequencesAndTypes})
     * @param excludedTypes enum types left alone on both sides, named so too
     */
    public record Scope(List<String> ownTables, Optional<String> versionTableSchema, List<String> schemas,
            List<String> excludedTables, List<String> excludedSequences, List<String> excludedTypes) {
    }

    /** Turns a model's DDL into the schema it describes, through a real PostgreSQL (see {@link ScratchDatabase}). */
    public interface Normalizer {
        DatabaseSchema desired(ModelDdl model);
    }

    /**
     * Compares the model with the target database.
     *
     * @param renames decides renames, given the model (whose entities may carry {@code @RenamedFrom})
     */
    public Comparison compare(ModelSource source, Normalizer normalizer, Connection target, Scope scope,
            Function<ModelDdl, Renames> renames) {
        ModelDdl model = source.load();
        DatabaseSchema desired = normalizer.desired(model);
        HomeSchema homeSchema = homeSchema(target, desired, scope.versionTableSchema());
        String home = homeSchema.unqualified();
        List<String> schemas = new ArrayList<>(scope.schemas());
        if (schemas.isEmpty()) {
            schemas.add(home);
            schemas.addAll(desired.schemas());
        }
        Set<QualifiedName> excluded = new HashSet<>();
        for (String table : scope.ownTables()) {
            // Introspection names the objects of the default schema without a schema. Without a schema of its own,
            // the version table is where the search path first put it: the connection's schema, which need not be the
            // one whose objects are unqualified (when the model names it too, see HomeSchema).
            for (String schema : scope.versionTableSchema().map(List::of).orElse(schemas)) {
                excluded.add(QualifiedName.of(schema.equals(home) ? null : schema, table));
            }
        }
        ExcludedNames listed = ExcludedNames.of(scope.excludedTables(), home);
        excluded.addAll(listed.names());
        // Another migration tool's bookkeeping, left behind by a project that moved to Retort, is in no model: a
        // comparison would otherwise drop it, and with it the record of what that tool applied.
        for (String schema : schemas) {
            for (String table : OTHER_TOOLS_TABLES) {
                excluded.add(QualifiedName.of(home.equals(schema) ? null : schema, table));
            }
        }
        SchemaFilter named = new SchemaFilter(schemas, excluded, listed.patterns());
        List<Table> modelTables = named.withoutChildrenOfExcluded(desired.tables().stream()
                .filter(t -> inScope(t.name(), schemas, home) && named.includes(t.name())).toList());
        // A table of the model stays in the comparison when it inherits from an excluded table in the database (a JPA
        // entity mapped onto one child of a legacy family): the model says it is Retort's business.
        Set<QualifiedName> compared = modelTables.stream().map(Table::name).collect(Collectors.toSet());
        SchemaFilter filter = named.claiming(compared);
        // What only the model's tables left out of the comparison use goes with them, on both sides.
        LeftAloneUses modelLeftAlone = LeftAloneUses.ofModel(desired, model.idSequences(), compared);
        // And those exclude_sequences and exclude_types name, on both sides.
        ListedSequencesAndTypes listedObjects = ListedSequencesAndTypes.of(scope.excludedSequences(),
                scope.excludedTypes(), home);
        DatabaseSchema modelInScope = modelLeftAlone.takenFrom(new DatabaseSchema(
                desired.schemas().stream().filter(schemas::contains).toList(), modelTables,
                desired.enums().stream().filter(e -> inScope(e.name(), schemas, home)).toList(),
                desired.sequences().stream().filter(q -> inScope(q.name(), schemas, home)).toList(),
                // Not filtered by schema: an extension's name is unique in the database, wherever its objects live.
                desired.extensions()));
        desired = listedObjects.takenFrom(modelInScope);
        DatabaseSchema current;
        Map<QualifiedName, String> namedByFunctions;
        Set<QualifiedName> uncreatedTypes;
        try {
            DatabaseSchema introspected =
                    new PostgresIntrospector(filter).withDefaultSchema(home).refusingPartitions().introspect(target);
            uncreatedTypes = listedObjects.uncreated(modelInScope, introspected);
            current = listedObjects.takenFrom(introspected);
            // What the database's tables left out use, and its views, functions and domains, stays with them, unless
            // the model declares it. A sequence only functions name stays on both sides, unchanged, for the planner
            // to move what numbers the column it numbered past it.
            LeftAloneUses leftAlone = LeftAloneUses.ofDatabase(target, current, schemas, home).undeclaredIn(desired)
                    .and(modelLeftAlone);
            current = leftAlone.takenFrom(current);
            desired = leftAlone.keptIn(desired, current);
            namedByFunctions = leftAlone.namedByFunctions();
            ViewsInTheWay.refuse(target, current, desired, model);
            // Neither dropped nor, by a downgrade, created: it stays, with what it holds, a sequence kept for a
            // function too.
            DatabaseSchema withoutKept = new LeftAloneUses(Set.of(), namedByFunctions.keySet()).takenFrom(current);
            for (String schema : SchemasInUse.of(target, withoutKept, desired, home)) {
                current = current.withoutSchemaName(schema);
            }
        } catch (PartitionedTableException e) {
            throw new RetortException(e.getMessage() + " in the database; autogenerate does not compare partitioning "
                    + "yet and would take it for a plain table: list it in exclude_tables in [models], which leaves "
                    + "it and all its partitions out of the comparison, and write their migrations by hand.", e);
        } catch (SQLException e) {
            throw new RetortException("Could not read the database's schema: " + e.getMessage(), e);
        }
        if (scope.versionTableSchema().isPresent()) {
            current = current.withoutSchemaName(scope.versionTableSchema().get());
            desired = desired.withoutSchemaName(scope.versionTableSchema().get());
        }
        SchemaDiff diff = homeSchema.qualifiesPublic()
                ? publicQualified(model, current, desired, renames.apply(model), namedByFunctions)
                : differ(model, renames.apply(model), namedByFunctions).diff(current, desired);
        TargetVersion.requireSupported(diff, majorVersion(target));
        diff = new SchemaDiff(UncreatedListedTypes.warned(diff.upgrade(), uncreatedTypes), diff.downgrade());
        // The schemas returned name public's objects without a schema either way, as --rename and the rest do.
        return new Comparison(model, current, desired,
                new SchemaDiff(outsideTransaction(diff.upgrade()), outsideTransaction(diff.downgrade())));
    }

    private static SchemaDiffer differ(ModelDdl model, Renames renames, Map<QualifiedName, String> namedByFunctions) {
        return new SchemaDiffer(renames, model.idSequences(), model.placesExtensions(), model.choosesKeyOrder(),
                model.uniqueNames(), model.enumConstants()).keeping(namedByFunctions);
    }

    /**
     * The difference written with {@code public}'s objects qualified, for a connection that would create unqualified
     * ones in another schema of the model's (see {@link PublicQualified}).
     */
    private static SchemaDiff publicQualified(ModelDdl model, DatabaseSchema current, DatabaseSchema desired,
            Renames renames, Map<QualifiedName, String> namedByFunctions) {
        SchemaDiff diff = differ(PublicQualified.model(model, desired), PublicQualified.renames(renames),
                PublicQualified.names(namedByFunctions))
                .diff(PublicQualified.schema(current), PublicQualified.schema(desired));
        return new SchemaDiff(PublicQualified.changes(diff.upgrade()), PublicQualified.changes(diff.downgrade()));
    }

    private static boolean inScope(QualifiedName name, List<String> schemas, String home) {
        return schemas.contains(name.schema() == null ? home : name.schema());
    }

    private static int majorVersion(Connection target) {
        try {
            return target.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw new RetortException("Could not read the database's version: " + e.getMessage(), e);
        }
    }

    /** Where the target's connection puts unqualified names (see {@link HomeSchema}). */
    private static HomeSchema homeSchema(Connection target, DatabaseSchema desired,
            Optional<String> versionTableSchema) {
        try {
            return HomeSchema.of(target, desired.schemas(), versionTableSchema);
        } catch (SQLException e) {
            throw new RetortException("Could not read the database's schema: " + e.getMessage(), e);
        }
    }

    /**
     * A new enum value cannot be used in the transaction that adds it, and the same migration may well use it
     * (as a default, in a cast); so it is added outside the migration's transaction.
     */
    private static List<Change> outsideTransaction(List<Change> changes) {
        return changes.stream()
                .map(c -> c.operation() instanceof AddEnumValue
                        ? new Change(new Autocommit(List.of(c.operation())), c.description(), c.losesData(), c.warning())
                        : c)
                .toList();
    }
}
