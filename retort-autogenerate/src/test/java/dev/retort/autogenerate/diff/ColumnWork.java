package dev.retort.autogenerate.diff;

import static dev.retort.autogenerate.diff.SchemaInterpreter.refuse;
import static dev.retort.autogenerate.diff.SchemaInterpreter.requireColumn;

import dev.retort.operation.AlterColumn;
import dev.retort.operation.CheckDef;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.Identity;
import dev.retort.operation.IndexElement;
import dev.retort.operation.PrimaryKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.SequenceOwner;
import dev.retort.operation.UniqueDef;
import dev.retort.schema.Index;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The column operations of {@link SchemaInterpreter}: dropping, altering and renaming a column. */
final class ColumnWork {
    private ColumnWork() {
    }

    static void dropColumn(SchemaInterpreter db, InterpretedTable table, String column) {
        requireColumn(table, column);
        for (InterpretedTable other : db.tables().values()) {
            if (other == table) {
                continue;
            }
            for (InterpretedTable.ForeignKey fk : other.foreignKeys.values()) {
                if (fk.definition().referencedTable().equals(table.name)
                        && referencedColumns(table, fk.definition()).contains(column)) {
                    throw refuse("cannot drop column " + column + " of " + table.name + " because foreign key "
                            + fk.definition().name() + " on " + other.name + " depends on it");
                }
            }
        }
        requireNoGeneratedReader(table, column, "drop");
        String schema = table.name.schema();
        Set<String> gone = Set.of(column);
        if (table.primaryKey != null && (table.primaryKey.columns().contains(column)
                || table.primaryKey.include().contains(column))) {
            db.unregister(schema, table.primaryKey.name());
            table.primaryKey = null;
        }
        table.uniques.values().removeIf(u -> {
            boolean drop = u.columns().contains(column) || u.include().contains(column);
            if (drop) {
                db.unregister(schema, u.name());
            }
            return drop;
        });
        table.foreignKeys.values().removeIf(fk -> fk.definition().columns().contains(column)
                || fk.definition().referencedTable().equals(table.name)
                        && referencedColumns(table, fk.definition()).contains(column));
        table.checks.values().removeIf(c -> ExpressionNames.mentions(c.expression(), gone));
        table.indexes.values().removeIf(index -> {
            boolean drop = index.include().contains(column) || ExpressionNames.mentions(index.predicate(), gone)
                    || index.elements().stream().anyMatch(e -> column.equals(e.column())
                            || ExpressionNames.mentions(e.expression(), gone));
            if (drop) {
                db.unregister(schema, index.name());
            }
            return drop;
        });
        for (QualifiedName sequence : List.copyOf(db.sequences().keySet())) {
            SequenceOwner owner = db.sequences().get(sequence).ownedBy();
            if (owner != null && column.equals(owner.column())
                    && table.name.equals(QualifiedName.of(sequence.schema(), owner.table()))) {
                db.dropSequence(sequence);
            }
        }
        table.columns.remove(column);
    }

    static void alterColumn(SchemaInterpreter db, InterpretedTable table, AlterColumn operation) {
        String name = operation.column();
        ColumnDef column = requireColumn(table, name);
        if (operation.type() != null) {
            boolean dropsDefault = operation.defaultValue() != null && operation.defaultValue().isDrop();
            column = retype(db, table, column, operation.type().type(), operation.type().using(), dropsDefault);
        }
        if (operation.nullable() != null) {
            if (operation.nullable() && table.primaryKey != null && table.primaryKey.columns().contains(name)) {
                throw refuse("column " + name + " is in a primary key");
            }
            if (operation.nullable() && column.identity() != Identity.NONE) {
                throw refuse("column " + name + " of relation " + table.name + " is an identity column");
            }
            column = column.nullable(operation.nullable());
        }
        if (operation.defaultValue() != null) {
            if (!operation.defaultValue().isDrop() && column.identity() != Identity.NONE) {
                throw refuse("column " + name + " of relation " + table.name + " is an identity column");
            }
            if (!operation.defaultValue().isDrop() && column.generatedExpression() != null) {
                throw refuse("column " + name + " of relation " + table.name + " is a generated column");
            }
            column = column.defaultExpression(operation.defaultValue().expression());
        }
        if (operation.comment() != null) {
            column = column.comment(operation.comment().comment());
        }
        table.columns.put(name, column);
        if (operation.newName() != null) {
            renameColumn(db, table, name, operation.newName());
        }
    }

    /** {@code column} with a new type, refused where PostgreSQL refuses the conversion. */
    static ColumnDef retype(SchemaInterpreter db, InterpretedTable table, ColumnDef column, String type, String using,
            boolean dropsDefault) {
        db.requireType(type);
        requireNoGeneratedReader(table, column.name(), "alter the type of");
        boolean sameBase = TypeNames.sameBase(column.type(), type);
        if (!sameBase && column.defaultExpression() != null && !dropsDefault) {
            throw refuse("default for column " + column.name() + " cannot be cast automatically to type " + type);
        }
        if (!sameBase && using == null && !assignable(column.type(), type)) {
            throw refuse("column " + column.name() + " cannot be cast automatically to type " + type);
        }
        ColumnDef retyped = new ColumnDef(column.name(), type, column.nullable(), column.defaultExpression(),
                column.identity(), column.generatedExpression(), false, false, column.comment(), column.collation());
        return dropsDefault ? retyped.defaultExpression(null) : retyped;
    }

    /**
     * Whether PostgreSQL converts a value of {@code from} to {@code to}, of another base type, by an assignment cast,
     * as {@code ALTER COLUMN ... TYPE} without {@code USING} does: into a string type from any type (through its text
     * form), and between {@code bit} and {@code bit varying}; an array only into an array or a string. The other
     * assignment casts (an integer to a wider one ...) are not modelled: autogenerate writes those with USING.
     */
    private static boolean assignable(String from, String to) {
        if (TypeNames.isArray(to) && !TypeNames.isArray(from)) {
            return false;
        }
        String source = TypeNames.base(from).replace("[]", "");
        String target = TypeNames.base(to).replace("[]", "");
        Set<String> strings = Set.of("text", "character varying", "character");
        Set<String> bits = Set.of("bit", "bit varying");
        return strings.contains(target)
                || bits.contains(target) && bits.contains(source) && TypeNames.isArray(from) == TypeNames.isArray(to);
    }

    static void renameColumn(SchemaInterpreter db, InterpretedTable table, String from, String to) {
        if (table.columns.containsKey(to)) {
            throw refuse("column " + to + " of relation " + table.name + " already exists");
        }
        // PostgreSQL keeps columns by number: expressions that read the column print its new name.
        Map<String, String> renames = Map.of(from, to);
        Map<String, ColumnDef> columns = new LinkedHashMap<>();
        table.columns.forEach((name, c) -> columns.put(name.equals(from) ? to : name,
                new ColumnDef(name.equals(from) ? to : name, c.type(), c.nullable(), c.defaultExpression(),
                        c.identity(), ExpressionNames.rename(c.generatedExpression(), renames),
                        !name.equals(from) && c.primaryKey(), !name.equals(from) && c.unique(), c.comment(),
                        c.collation())));
        table.checks.replaceAll((n, c) -> new CheckDef(c.name(), ExpressionNames.rename(c.expression(), renames)));
        table.columns.clear();
        table.columns.putAll(columns);
        if (table.primaryKey != null) {
            table.primaryKey = new PrimaryKeyDef(table.primaryKey.name(), rename(table.primaryKey.columns(), from, to),
                    rename(table.primaryKey.include(), from, to));
        }
        table.uniques.replaceAll((n, u) -> new UniqueDef(u.name(), rename(u.columns(), from, to), u.deferral(),
                u.nullsNotDistinct(), rename(u.include(), from, to)));
        table.foreignKeys.replaceAll((n, fk) -> new InterpretedTable.ForeignKey(new ForeignKeyDef(
                fk.definition().name(), rename(fk.definition().columns(), from, to), fk.definition().referencedTable(),
                fk.definition().referencedColumns(), fk.definition().onDelete(), fk.definition().onUpdate(),
                fk.definition().match(), fk.definition().deferral()), fk.backingKey()));
        for (InterpretedTable other : db.tables().values()) {
            other.foreignKeys.replaceAll((n, fk) -> {
                ForeignKeyDef d = fk.definition();
                if (!d.referencedTable().equals(table.name)) {
                    return fk;
                }
                return new InterpretedTable.ForeignKey(new ForeignKeyDef(d.name(), d.columns(), d.referencedTable(),
                        rename(d.referencedColumns(), from, to), d.onDelete(), d.onUpdate(), d.match(),
                        d.deferral()), fk.backingKey());
            });
        }
        table.indexes.replaceAll((n, i) -> new Index(i.name(), i.unique(), i.method(), i.elements().stream()
                .map(e -> from.equals(e.column())
                        ? new IndexElement(to, null, e.operatorClass(), e.descending(), e.nulls())
                        : e.expression() != null ? new IndexElement(null, ExpressionNames.rename(e.expression(),
                                renames), e.operatorClass(), e.descending(), e.nulls()) : e)
                .toList(), rename(i.include(), from, to), ExpressionNames.rename(i.predicate(), renames)));
        db.sequences().replaceAll((sequence, options) -> {
            SequenceOwner owner = options.ownedBy();
            if (owner != null && from.equals(owner.column())
                    && table.name.equals(QualifiedName.of(sequence.schema(), owner.table()))) {
                return options.ownedBy(new SequenceOwner(owner.table(), to));
            }
            return options;
        });
    }

    private static void requireNoGeneratedReader(InterpretedTable table, String column, String what) {
        for (ColumnDef other : table.columns.values()) {
            if (!other.name().equals(column) && other.generatedExpression() != null
                    && ExpressionNames.mentions(other.generatedExpression(), Set.of(column))) {
                throw refuse("cannot " + what + " column " + column + " of " + table.name
                        + " because generated column " + other.name() + " uses it");
            }
        }
    }

    private static List<String> referencedColumns(InterpretedTable target, ForeignKeyDef fk) {
        if (!fk.referencedColumns().isEmpty()) {
            return fk.referencedColumns();
        }
        return target.primaryKey == null ? List.of() : target.primaryKey.columns();
    }

    private static List<String> rename(List<String> columns, String from, String to) {
        return columns.stream().map(c -> c.equals(from) ? to : c).toList();
    }
}
