package dev.retort.autogenerate.diff;

import static dev.retort.autogenerate.diff.SchemaInterpreter.refuse;

import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.SequenceOwner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Dropping and renaming tables in {@link SchemaInterpreter}, with what PostgreSQL does to the objects around them. */
final class TableWork {
    private TableWork() {
    }

    /** Drops a table unless another table references it; the sequences it owns go with it. */
    static void dropTable(SchemaInterpreter db, InterpretedTable table) {
        for (InterpretedTable other : db.tables().values()) {
            if (other == table) {
                continue;
            }
            for (InterpretedTable.ForeignKey fk : other.foreignKeys.values()) {
                if (fk.definition().referencedTable().equals(table.name)) {
                    throw refuse("cannot drop table " + table.name + " because foreign key "
                            + fk.definition().name() + " on " + other.name + " depends on it");
                }
            }
        }
        for (QualifiedName sequence : List.copyOf(db.sequences().keySet())) {
            SequenceOwner owner = db.sequences().get(sequence).ownedBy();
            if (owner != null && !owner.isNone()
                    && table.name.equals(QualifiedName.of(sequence.schema(), owner.table()))) {
                db.dropSequence(sequence);
            }
        }
        db.unregisterTable(table);
        db.tables().remove(table.name);
    }

    /** {@code ALTER TABLE ... SET SCHEMA}: the table's indexes, key indexes and owned sequences move with it. */
    static void moveTable(SchemaInterpreter db, InterpretedTable table, String schema) {
        QualifiedName oldName = table.name;
        QualifiedName moved = QualifiedName.of(schema, oldName.name());
        db.requireTypeNameFree(moved);
        List<String> relations = new ArrayList<>();
        relations.add(oldName.name());
        if (table.primaryKey != null) {
            relations.add(table.primaryKey.name());
        }
        relations.addAll(table.uniques.keySet());
        relations.addAll(table.indexes.keySet());
        List<QualifiedName> owned = db.sequences().entrySet().stream()
                .filter(e -> e.getValue().ownedBy() != null && !e.getValue().ownedBy().isNone()
                        && oldName.equals(QualifiedName.of(e.getKey().schema(), e.getValue().ownedBy().table())))
                .map(Map.Entry::getKey)
                .toList();
        owned.forEach(sequence -> relations.add(sequence.name()));
        for (String relation : relations) {
            db.register(schema, relation, "relation");
            db.unregister(oldName.schema(), relation);
        }
        for (QualifiedName sequence : owned) {
            db.sequences().put(QualifiedName.of(schema, sequence.name()), db.sequences().remove(sequence));
        }
        db.tables().remove(oldName);
        table.name = moved;
        db.tables().put(moved, table);
        for (InterpretedTable other : db.tables().values()) {
            other.foreignKeys.replaceAll((k, fk) -> {
                ForeignKeyDef d = fk.definition();
                return d.referencedTable().equals(oldName)
                        ? new InterpretedTable.ForeignKey(new ForeignKeyDef(d.name(), d.columns(), moved,
                                d.referencedColumns(), d.onDelete(), d.onUpdate(), d.match(), d.deferral()),
                                fk.backingKey())
                        : fk;
            });
        }
    }

    /** Renames a table within its schema; foreign keys and sequence owners follow it. */
    static void renameTable(SchemaInterpreter db, InterpretedTable table, String newName) {
        QualifiedName oldName = table.name;
        QualifiedName renamed = QualifiedName.of(oldName.schema(), newName);
        db.requireTypeNameFree(renamed);
        db.register(renamed.schema(), renamed.name(), "table");
        db.unregister(oldName.schema(), oldName.name());
        db.tables().remove(oldName);
        table.name = renamed;
        db.tables().put(renamed, table);
        for (InterpretedTable other : db.tables().values()) {
            other.foreignKeys.replaceAll((k, fk) -> {
                ForeignKeyDef d = fk.definition();
                return d.referencedTable().equals(oldName)
                        ? new InterpretedTable.ForeignKey(new ForeignKeyDef(d.name(), d.columns(), renamed,
                                d.referencedColumns(), d.onDelete(), d.onUpdate(), d.match(), d.deferral()),
                                fk.backingKey())
                        : fk;
            });
        }
        db.sequences().replaceAll((sequence, options) -> {
            SequenceOwner owner = options.ownedBy();
            if (owner != null && !owner.isNone()
                    && oldName.equals(QualifiedName.of(sequence.schema(), owner.table()))) {
                return options.ownedBy(new SequenceOwner(newName, owner.column()));
            }
            return options;
        });
    }
}
