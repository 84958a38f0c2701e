package dev.retort.autogenerate.diff;

import static dev.retort.autogenerate.diff.SchemaInterpreter.refuse;
import static dev.retort.autogenerate.diff.SchemaInterpreter.requireColumn;

import dev.retort.operation.CheckDef;
import dev.retort.operation.CreateIndex;
import dev.retort.operation.Deferral;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.IndexElement;
import dev.retort.operation.PrimaryKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.TableConstraint;
import dev.retort.operation.UniqueDef;
import dev.retort.schema.Index;
import java.util.HashSet;
import java.util.Set;

/**
 * The constraint and index operations of {@link SchemaInterpreter}, with the dependency PostgreSQL records between
 * a foreign key and the key of the referenced table that backs it.
 */
final class ConstraintWork {
    private ConstraintWork() {
    }

    static void addConstraint(SchemaInterpreter db, InterpretedTable table, TableConstraint constraint) {
        String name = constraint.name();
        if (name == null) {
            throw refuse("the differ names every constraint it adds: " + constraint);
        }
        if (table.hasConstraint(name)) {
            throw refuse("constraint " + name + " for relation " + table.name + " already exists");
        }
        if (constraint instanceof PrimaryKeyDef pk) {
            if (table.primaryKey != null) {
                throw refuse("multiple primary keys for table " + table.name + " are not allowed");
            }
            pk.columns().forEach(c -> requireColumn(table, c));
            db.register(table.name.schema(), name, "primary key");
            table.primaryKey = pk;
            // Adding a primary key makes its columns NOT NULL.
            for (String column : pk.columns()) {
                table.columns.put(column, table.columns.get(column).nullable(false));
            }
        } else if (constraint instanceof UniqueDef unique) {
            unique.columns().forEach(c -> requireColumn(table, c));
            db.register(table.name.schema(), name, "unique constraint");
            table.uniques.put(name, unique);
        } else if (constraint instanceof ForeignKeyDef fk) {
            fk.columns().forEach(c -> requireColumn(table, c));
            InterpretedTable target = fk.referencedTable().equals(table.name)
                    ? table : db.tables().get(fk.referencedTable());
            if (target == null) {
                throw refuse("relation " + fk.referencedTable() + " does not exist");
            }
            table.foreignKeys.put(name, new InterpretedTable.ForeignKey(fk, backingKey(target, fk)));
        } else {
            table.checks.put(name, (CheckDef) constraint);
        }
    }

    static void dropConstraint(SchemaInterpreter db, InterpretedTable table, String name) {
        if (table.primaryKey != null && name.equals(table.primaryKey.name())) {
            requireNoDependents(db, table.name, "pk", name);
            db.unregister(table.name.schema(), name);
            table.primaryKey = null;
        } else if (table.uniques.containsKey(name)) {
            requireNoDependents(db, table.name, "u:" + name, name);
            db.unregister(table.name.schema(), name);
            table.uniques.remove(name);
        } else if (table.foreignKeys.remove(name) == null && table.checks.remove(name) == null) {
            throw refuse("constraint " + name + " of relation " + table.name + " does not exist");
        }
    }

    static void createIndex(SchemaInterpreter db, InterpretedTable table, CreateIndex operation) {
        for (IndexElement element : operation.elements()) {
            if (element.column() != null) {
                requireColumn(table, element.column());
            }
        }
        operation.include().forEach(c -> requireColumn(table, c));
        db.register(table.name.schema(), operation.name(), "index");
        table.indexes.put(operation.name(), new Index(operation.name(), operation.unique(),
                operation.method() == null ? "btree" : operation.method(), operation.elements(), operation.include(),
                operation.where()));
    }

    static void dropIndex(SchemaInterpreter db, QualifiedName index) {
        InterpretedTable table = db.tableOfIndex(index);
        requireNoDependents(db, table.name, "i:" + index.name(), index.name());
        db.unregister(index.schema(), index.name());
        table.indexes.remove(index.name());
    }

    /** The key of {@code target} that {@code fk} depends on, found the way PostgreSQL finds it. */
    static String backingKey(InterpretedTable target, ForeignKeyDef fk) {
        if (fk.referencedColumns().isEmpty()) {
            if (target.primaryKey == null) {
                throw refuse("there is no primary key for referenced table " + target.name);
            }
            return "pk";
        }
        fk.referencedColumns().forEach(c -> requireColumn(target, c));
        Set<String> columns = new HashSet<>(fk.referencedColumns());
        if (target.primaryKey != null && columns.equals(new HashSet<>(target.primaryKey.columns()))) {
            return "pk";
        }
        for (UniqueDef unique : target.uniques.values()) {
            if (unique.deferral() == Deferral.NOT_DEFERRABLE && columns.equals(new HashSet<>(unique.columns()))) {
                return "u:" + unique.name();
            }
        }
        for (Index index : target.indexes.values()) {
            boolean plain = index.predicate() == null && index.elements().stream().allMatch(e -> e.column() != null);
            if (index.unique() && plain && columns.equals(new HashSet<>(index.elements().stream()
                    .map(IndexElement::column).toList()))) {
                return "i:" + index.name();
            }
        }
        throw refuse("there is no unique constraint matching given keys for referenced table " + target.name);
    }

    /** Refuses to drop key {@code key} of {@code table} while a foreign key depends on it. */
    static void requireNoDependents(SchemaInterpreter db, QualifiedName table, String key, String name) {
        for (InterpretedTable other : db.tables().values()) {
            for (InterpretedTable.ForeignKey fk : other.foreignKeys.values()) {
                if (fk.definition().referencedTable().equals(table) && fk.backingKey().equals(key)) {
                    throw refuse("cannot drop " + name + " on " + table + " because foreign key "
                            + fk.definition().name() + " on " + other.name + " depends on it");
                }
            }
        }
    }

    /** Points the foreign keys that depend on a renamed key at its new name. */
    static void renameKeyReferences(SchemaInterpreter db, QualifiedName table, String oldKey, String newKey) {
        for (InterpretedTable other : db.tables().values()) {
            other.foreignKeys.replaceAll((k, fk) -> fk.definition().referencedTable().equals(table)
                    && fk.backingKey().equals(oldKey) ? new InterpretedTable.ForeignKey(fk.definition(), newKey) : fk);
        }
    }
}
