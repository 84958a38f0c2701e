package dev.retort.autogenerate;

import dev.retort.autogenerate.diff.Change;
import dev.retort.dialect.postgres.PostgresDialect;
import dev.retort.operation.AddColumn;
import dev.retort.operation.AlterColumn;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.CreateTable;
import dev.retort.operation.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Warns of the steps that give a column an enum type {@code exclude_types} lists and the database lacks.
 *
 * <p>A listed type is neither compared nor created ({@link ListedSequencesAndTypes}), while the tables that use it
 * still are: a table of the model that is new to the database is created with a column of a type that no migration
 * creates, and the upgrade stops on PostgreSQL's {@code type "legacy_mood" does not exist}. Nothing is changed in the
 * migration, as the type may come from elsewhere (another application's migrations run first); the step says what
 * to do instead.
 */
final class UncreatedListedTypes {
    private static final PostgresDialect DIALECT = new PostgresDialect();

    private UncreatedListedTypes() {
    }

    /** {@code upgrade}, each step that uses one of {@code types} (the listed ones the database lacks) warned. */
    static List<Change> warned(List<Change> upgrade, Set<QualifiedName> types) {
        if (types.isEmpty()) {
            return upgrade;
        }
        List<Change> warned = new ArrayList<>(upgrade.size());
        for (Change change : upgrade) {
            String warning = change.warning();
            for (String added : warnings(change, types)) {
                warning = warning == null ? added : warning + " " + added;
            }
            warned.add(warning == change.warning() ? change : new Change(change.operation(), change.description(),
                    change.losesData(), warning, change.widens()));
        }
        return warned;
    }

    private static List<String> warnings(Change change, Set<QualifiedName> types) {
        List<String> warnings = new ArrayList<>();
        if (change.operation() instanceof CreateTable create) {
            for (ColumnDef column : create.columns()) {
                warning(create.table(), column.name(), column.type(), "creating table " + create.table(), types)
                        .ifPresent(warnings::add);
            }
        } else if (change.operation() instanceof AddColumn add) {
            warning(add.table(), add.column().name(), add.column().type(), "adding it", types)
                    .ifPresent(warnings::add);
        } else if (change.operation() instanceof AlterColumn alter && alter.type() != null) {
            warning(alter.table(), alter.column(), alter.type().type(), "changing its type", types)
                    .ifPresent(warnings::add);
        }
        return warnings;
    }

    private static Optional<String> warning(QualifiedName table, String column, String type, String step,
            Set<QualifiedName> types) {
        String element = element(type);
        return types.stream().filter(t -> names(t, element)).findFirst().map(t -> "column " + table + "." + column
                + " has enum type " + t + ", which exclude_types in [models] lists and the database lacks: no "
                + "migration creates it, so " + step + " fails. Create the type in this migration, before this step "
                + "(op.execute(\"CREATE TYPE " + DIALECT.quote(t).replace("\"", "\\\"") + " AS ENUM (...)\"), with "
                + "DROP TYPE in the downgrade), or remove it from exclude_types.");
    }

    /**
     * Whether a column's type, as the diff writes it (quoted where it must be; an array's element type), is
     * {@code type}, which may be written qualified with {@code public} where the migration qualifies its names.
     */
    private static boolean names(QualifiedName type, String element) {
        return element.equals(DIALECT.quote(type))
                || type.schema() == null && element.equals(DIALECT.quote(type.inSchema(HomeSchema.PUBLIC)));
    }

    private static String element(String type) {
        String element = type;
        while (element.endsWith("[]")) {
            element = element.substring(0, element.length() - 2);
        }
        return element;
    }
}
