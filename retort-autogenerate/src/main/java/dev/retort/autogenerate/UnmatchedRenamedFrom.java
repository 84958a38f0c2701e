package dev.retort.autogenerate;

import dev.retort.operation.ColumnDef;
import dev.retort.operation.DropColumn;
import dev.retort.operation.DropTable;
import dev.retort.operation.Operation;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code @RenamedFrom} hints of a model that rename nothing because the database has no table or column of the
 * old name while the new one is still to be created: a mistyped value, or one that names the old table otherwise
 * than the database spells it. Unlike a {@code --rename}, the annotation stays in the code once every database has
 * the rename, so a hint whose new name the database has already is satisfied, not unmatched; the table or column is
 * then created empty, and the warning is what keeps that from passing unnoticed.
 *
 * <p>A name derived from another hinted rename, with the same ending after both ({@code Order_noteLines} from
 * {@code Order}, {@code aliases_order} from {@code aliases}), is left out: the collection or column it names may be
 * new in the same revision, and the rename it follows is warned about if it is the one that misses.
 */
public final class UnmatchedRenamedFrom {
    private UnmatchedRenamedFrom() {
    }

    /**
     * One warning for each table or column hint of {@code model} whose new name {@code current} lacks and whose old
     * name it lacks too.
     *
     * @param current the database's schema, before any rename
     * @param desired the model's schema
     */
    public static List<String> warnings(ModelDdl model, DatabaseSchema current, DatabaseSchema desired) {
        return warnings(model, current, desired, List.of());
    }

    /**
     * Those of {@link #warnings(ModelDdl, DatabaseSchema, DatabaseSchema)}, and one for each hint whose old table or
     * column the database has but that {@code upgrade}, the diff's operations, drops rather than renames: the old and
     * the new one differ in more than their names, so they do not pair as a rename, and the data goes with the old.
     */
    public static List<String> warnings(ModelDdl model, DatabaseSchema current, DatabaseSchema desired,
            List<Operation> upgrade) {
        List<String> warnings = new ArrayList<>();
        model.tableRenames().forEach((to, from) -> {
            QualifiedName added = tableName(to);
            QualifiedName old = tableName(from);
            List<String> tables = current.tables().stream().map(t -> t.name().name()).toList();
            // A table moved to another schema is renamed from its name in the schema it leaves.
            if (desired.table(added).isPresent() && current.table(added).isEmpty() && !tables.contains(old.name())
                    && !derived(to, from, model.tableRenames())) {
                warnings.add(annotation(model, to) + " renames nothing: the database has no table " + old
                        + spelledAs(tables, old.name()) + ", so " + added + " is created empty. Correct its value if "
                        + "the table was renamed (the old class name, or the old @Table name, as written).");
            } else if (desired.table(added).isPresent() && current.table(added).isEmpty()
                    && upgrade.stream().anyMatch(o -> o instanceof DropTable d && d.table().equals(old))) {
                warnings.add(annotation(model, to) + " renames nothing: table " + old + " of the database and "
                        + added + " of the model differ in more than their names, so " + old + " is dropped with its "
                        + "rows and " + added + " is created empty. Rename the table alone in one revision and make "
                        + "its other changes in the next.");
            }
        });
        model.columnRenames().forEach((to, from) -> {
            int dot = to.lastIndexOf('.');
            QualifiedName table = tableName(to.substring(0, dot));
            String column = to.substring(dot + 1);
            Optional<Table> before = current.table(table).or(() -> Optional.ofNullable(
                    model.tableRenames().get(table.toString())).flatMap(old -> current.table(tableName(old))));
            boolean added = desired.table(table).flatMap(t -> t.column(column)).isPresent();
            if (added && before.isPresent() && before.get().column(column).isEmpty()
                    && before.get().column(from).isEmpty() && !derivedColumn(to, from, model.columnRenames())) {
                List<String> names = before.get().columns().stream().map(ColumnDef::name).toList();
                warnings.add(annotation(model, to) + " renames nothing: table " + before.get().name()
                        + " of the database has no column " + from + spelledAs(names, from) + ", so " + to
                        + " is added empty. Correct its value if the column was renamed (the old field name, or the "
                        + "old @Column name, as written).");
            } else if (added && before.isPresent() && before.get().column(column).isEmpty()
                    && before.get().column(from).isPresent() && upgrade.stream().anyMatch(o -> o instanceof DropColumn d
                            && d.column().equals(from) && d.table().equals(table))) {
                warnings.add(annotation(model, to) + " renames nothing: column " + from + " of table "
                        + before.get().name() + " and " + column + " of the model differ in more than their names, so "
                        + from + " is dropped with its values and " + column + " is added empty. Rename the column "
                        + "alone in one revision and change it in the next.");
            }
        });
        return warnings;
    }

    /** Whether the pair is another hinted pair with the same ending after both names. */
    private static boolean derived(String to, String from, Map<String, String> pairs) {
        return pairs.entrySet().stream().anyMatch(p -> to.startsWith(p.getKey() + "_")
                && from.equals(p.getValue() + to.substring(p.getKey().length())));
    }

    /** Whether column hint {@code to} is {@link #derived} from another of its table. */
    private static boolean derivedColumn(String to, String from, Map<String, String> hints) {
        String table = to.substring(0, to.lastIndexOf('.') + 1);
        Map<String, String> columns = new HashMap<>();
        hints.forEach((key, old) -> {
            if (key.startsWith(table) && key.indexOf('.', table.length()) < 0) {
                columns.put(key.substring(table.length()), old);
            }
        });
        return derived(to.substring(table.length()), from, columns);
    }

    /** The annotation, named by the code that carries it when the model says which. */
    private static String annotation(ModelDdl model, String key) {
        String owner = model.owners().get(key);
        return owner == null ? "@RenamedFrom for " + key : "@RenamedFrom on " + owner;
    }

    /** A name of {@code names} that is {@code wanted} but for case, told as the end of a clause, or nothing. */
    private static String spelledAs(List<String> names, String wanted) {
        return names.stream().filter(n -> n.equalsIgnoreCase(wanted)).findFirst()
                .map(n -> " (it has " + n + ", whose case differs: PostgreSQL keeps the case of a quoted name)")
                .orElse("");
    }

    /** A hint's table: {@code table}, or {@code schema.table} outside the default schema. */
    private static QualifiedName tableName(String hinted) {
        int dot = hinted.indexOf('.');
        return dot < 0 ? QualifiedName.of(hinted) : QualifiedName.of(hinted.substring(0, dot),
                hinted.substring(dot + 1));
    }
}
