package dev.retort.autogenerate.diff;

import static dev.retort.autogenerate.diff.SchemaInterpreter.refuse;

import dev.retort.operation.AddEnumValue;
import dev.retort.operation.AlterSequence;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.DropEnum;
import dev.retort.operation.DropSequence;
import dev.retort.operation.SequenceOptions;
import java.util.List;

/** The enum-type and sequence operations of {@link SchemaInterpreter} that check what uses the object. */
final class CatalogWork {
    private CatalogWork() {
    }

    static void dropEnum(SchemaInterpreter db, DropEnum operation) {
        db.requireEnum(operation.type());
        String type = SchemaInterpreter.typeName(operation.type());
        for (InterpretedTable table : db.tables().values()) {
            for (ColumnDef column : table.columns.values()) {
                if (column.type().equals(type) || column.type().equals(type + "[]")) {
                    throw refuse("cannot drop type " + type + " because column " + table.name + "." + column.name()
                            + " uses it");
                }
            }
        }
        if (db.casts().stream().anyMatch(c -> c.source().equals(type) || c.target().equals(type))) {
            throw refuse("cannot drop type " + type + " because a cast from or to it depends on it");
        }
        db.enums().remove(operation.type());
    }

    static void addEnumValue(SchemaInterpreter db, AddEnumValue operation) {
        List<String> values = db.requireEnum(operation.type());
        if (values.contains(operation.value())) {
            if (operation.ifNotExists()) {
                return;
            }
            throw refuse("enum label " + operation.value() + " already exists");
        }
        if (operation.before() != null) {
            int at = values.indexOf(operation.before());
            if (at < 0) {
                throw refuse(operation.before() + " is not an existing enum label");
            }
            values.add(at, operation.value());
        } else if (operation.after() != null) {
            int at = values.indexOf(operation.after());
            if (at < 0) {
                throw refuse(operation.after() + " is not an existing enum label");
            }
            values.add(at + 1, operation.value());
        } else {
            values.add(operation.value());
        }
    }

    /** Changes the given settings of a sequence and keeps the others. */
    static void alterSequence(SchemaInterpreter db, AlterSequence operation) {
        SequenceOptions old = db.sequences().get(operation.sequence());
        if (old == null) {
            throw refuse("sequence " + operation.sequence() + " does not exist");
        }
        SequenceOptions o = operation.options();
        db.requireOwner(operation.sequence(), o.ownedBy());
        db.sequences().put(operation.sequence(), new SequenceOptions(
                o.dataType() != null ? o.dataType() : old.dataType(), o.start() != null ? o.start() : old.start(),
                o.increment() != null ? o.increment() : old.increment(),
                o.minValue() != null ? o.minValue() : old.minValue(),
                o.maxValue() != null ? o.maxValue() : old.maxValue(), o.cache() != null ? o.cache() : old.cache(),
                o.cycle() != null ? o.cycle() : old.cycle(), o.ownedBy() != null ? o.ownedBy() : old.ownedBy()));
    }

    /** Drops a sequence unless a column default still calls it. */
    static void dropSequence(SchemaInterpreter db, DropSequence operation) {
        if (!db.sequences().containsKey(operation.sequence())) {
            throw refuse("sequence " + operation.sequence() + " does not exist");
        }
        String reference = "'" + operation.sequence() + "'";
        for (InterpretedTable table : db.tables().values()) {
            for (ColumnDef column : table.columns.values()) {
                if (column.defaultExpression() != null && column.defaultExpression().contains(reference)) {
                    throw refuse("cannot drop sequence " + operation.sequence() + " because the default of "
                            + table.name + "." + column.name() + " uses it");
                }
            }
        }
        db.dropSequence(operation.sequence());
    }
}
