package dev.retort.autogenerate;

import dev.retort.autogenerate.diff.Change;
import dev.retort.autogenerate.diff.Renames;
import dev.retort.operation.CreateExtension;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.EnumType;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A comparison in which {@code public}'s objects carry their schema, for a target whose connection creates
 * unqualified objects in another schema that the model names too (see {@link HomeSchema}): a migration that left
 * {@code public}'s tables, sequences, types and extensions unqualified would put them in that other schema.
 *
 * <p>Both sides are read as usual, with {@code public} as the schema whose names carry none and the search path
 * pinned to it, so types and expressions print alike on both; the names of tables, sequences and enum types (and
 * the tables foreign keys reference) are then given {@code public}, and so is every extension the migration
 * creates there. The rest of the command (the model's renames, explicit {@code --rename}s, the version table) keeps
 * naming {@code public}'s objects without a schema, so what it says about them is translated here.
 *
 * <p>Types and expressions stay as PostgreSQL printed them, a type of {@code public} unqualified: the migration finds
 * it along the search path, past the other schema, unless that schema holds a type of the same name.
 */
final class PublicQualified {
    private static final String PUBLIC = HomeSchema.PUBLIC;

    private PublicQualified() {
    }

    /** {@code schema} with its unqualified tables, sequences and enum types named in {@code public}. */
    static DatabaseSchema schema(DatabaseSchema schema) {
        return new DatabaseSchema(schema.schemas(), schema.tables().stream().map(PublicQualified::table).toList(),
                schema.enums().stream().map(e -> e.named(name(e.name()))).toList(),
                schema.sequences().stream().map(s -> new Sequence(name(s.name()), s.options())).toList(),
                schema.extensions());
    }

    private static Table table(Table table) {
        List<ForeignKeyDef> keys = table.foreignKeys().stream()
                .map(k -> new ForeignKeyDef(k.name(), k.columns(), name(k.referencedTable()), k.referencedColumns(),
                        k.onDelete(), k.onDeleteColumns(), k.onUpdate(), k.match(), k.deferral()))
                .toList();
        return new Table(name(table.name()), table.columns(), table.primaryKey(), table.uniques(), keys,
                table.checks(), table.indexes(), table.comment(),
                table.inherits().stream().map(PublicQualified::name).toList(), table.inheritedColumns(),
                table.inheritedChecks(), table.unvalidatedNotNulls(), table.readers(), table.settings(),
                table.exclusions());
    }

    /** {@code named}, its unqualified names named in {@code public}. */
    static <T> Map<QualifiedName, T> names(Map<QualifiedName, T> named) {
        Map<QualifiedName, T> qualified = new HashMap<>();
        named.forEach((name, value) -> qualified.put(name(name), value));
        return qualified;
    }

    private static QualifiedName name(QualifiedName name) {
        return name.schema() == null ? name.inSchema(PUBLIC) : name;
    }

    private static QualifiedName unqualified(QualifiedName name) {
        return PUBLIC.equals(name.schema()) ? name.inSchema(null) : name;
    }

    /**
     * The model's hints for the comparison, naming {@code public}'s tables and sequences as {@link #schema} does.
     *
     * @param desired the model's schema as read, its {@code public} objects unqualified
     */
    static ModelDdl model(ModelDdl model, DatabaseSchema desired) {
        Map<String, String> idSequences = new HashMap<>();
        model.idSequences().forEach((column, sequence) -> idSequences.put(column, sequence));
        Map<String, List<String>> enumConstants = new HashMap<>(model.enumConstants());
        for (Table table : desired.tables()) {
            if (table.name().schema() == null) {
                for (var column : table.columns()) {
                    String key = table.name().name() + "." + column.name();
                    String sequence = idSequences.remove(key);
                    if (sequence != null) {
                        idSequences.put(PUBLIC + "." + key, sequence);
                    }
                    List<String> constants = enumConstants.remove(key);
                    if (constants != null) {
                        enumConstants.put(PUBLIC + "." + key, constants);
                    }
                }
            }
        }
        idSequences.replaceAll((column, sequence) -> desired.sequence(QualifiedName.of(sequence)).isPresent()
                ? PUBLIC + "." + sequence : sequence);
        Map<String, String> uniqueNames = new HashMap<>(model.uniqueNames());
        // "table unique (a, b)", the table named as the desired schema names it.
        uniqueNames.replaceAll((name, constraint) -> {
            int end = constraint.indexOf(" unique (");
            boolean inPublic = end > 0 && desired.table(QualifiedName.of(constraint.substring(0, end))).isPresent();
            return inPublic ? PUBLIC + "." + constraint : constraint;
        });
        return new ModelDdl(model.ddl(), model.origin(), model.tableRenames(), model.columnRenames(),
                model.warnings(), model.owners(), idSequences, uniqueNames, enumConstants);
    }

    /** {@code renames}, asked about {@code public}'s tables by the names the rest of the command gives them. */
    static Renames renames(Renames renames) {
        return new Renames() {
            @Override
            public boolean tableRenamed(QualifiedName from, QualifiedName to) {
                return renames.tableRenamed(unqualified(from), unqualified(to));
            }

            @Override
            public boolean declared(QualifiedName from, QualifiedName to) {
                return renames.declared(unqualified(from), unqualified(to));
            }

            @Override
            public boolean declaredColumn(QualifiedName table, String from, String to) {
                return renames.declaredColumn(unqualified(table), from, to);
            }

            @Override
            public boolean mayFollow(QualifiedName from, QualifiedName to) {
                return renames.mayFollow(unqualified(from), unqualified(to));
            }

            @Override
            public boolean columnRenamed(QualifiedName table, String from, String to) {
                return renames.columnRenamed(unqualified(table), from, to);
            }
        };
    }

    /**
     * {@code changes} with the extensions created in no schema created in {@code public}, where the model has them,
     * rather than in the first schema of the migration's search path.
     */
    static List<Change> changes(List<Change> changes) {
        return changes.stream()
                .map(c -> c.operation() instanceof CreateExtension e && e.schema() == null
                        ? new Change(new CreateExtension(e.name(), PUBLIC, e.ifNotExists()),
                                c.description() + " in schema " + PUBLIC, c.losesData(), c.warning())
                        : c)
                .toList();
    }
}
