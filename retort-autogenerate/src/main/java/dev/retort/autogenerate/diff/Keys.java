package dev.retort.autogenerate.diff;

import dev.retort.operation.Deferral;
import dev.retort.operation.ForeignKeyDef;
import dev.retort.operation.IndexElement;
import dev.retort.operation.UniqueDef;
import dev.retort.schema.Index;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The keys of a table that a foreign key can reference: its primary key, its non-deferrable unique
 * constraints, and its unique indexes over plain columns without a predicate.
 *
 * <p>A foreign key depends on the key that backs it: PostgreSQL refuses to drop that key while the foreign key
 * exists. Keys are named {@code pk}, {@code u:name} and {@code i:name}.
 */
final class Keys {
    static final String PRIMARY_KEY = "pk";

    private Keys() {
    }

    static String unique(String name) {
        return "u:" + name;
    }

    static String index(String name) {
        return "i:" + name;
    }

    /** The keys of {@code target} over exactly the columns {@code fk} references (the primary key if it names none). */
    static List<String> backing(Table target, ForeignKeyDef fk) {
        List<String> keys = new ArrayList<>();
        if (fk.referencedColumns().isEmpty()) {
            if (target.primaryKey() != null) {
                keys.add(PRIMARY_KEY);
            }
            return keys;
        }
        Set<String> columns = new HashSet<>(fk.referencedColumns());
        if (target.primaryKey() != null && columns.equals(new HashSet<>(target.primaryKey().columns()))) {
            keys.add(PRIMARY_KEY);
        }
        for (UniqueDef unique : target.uniques()) {
            if (unique.deferral() == Deferral.NOT_DEFERRABLE && columns.equals(new HashSet<>(unique.columns()))) {
                keys.add(unique(unique.name()));
            }
        }
        for (Index index : target.indexes()) {
            if (index.unique() && index.predicate() == null && columns.equals(columns(index))) {
                keys.add(index(index.name()));
            }
        }
        return keys;
    }

    /** Whether {@code fk} is backed by a constraint of {@code target}, which {@code CREATE TABLE} declares inline. */
    static boolean backedByConstraint(Table target, ForeignKeyDef fk) {
        return backing(target, fk).stream().anyMatch(key -> !key.startsWith("i:"));
    }

    /** The referenced columns of {@code fk}: those it names, or the primary key's of {@code target}. */
    static List<String> referencedColumns(Table target, ForeignKeyDef fk) {
        if (!fk.referencedColumns().isEmpty()) {
            return fk.referencedColumns();
        }
        return target.primaryKey() == null ? List.of() : target.primaryKey().columns();
    }

    private static Set<String> columns(Index index) {
        Set<String> columns = new HashSet<>();
        for (IndexElement element : index.elements()) {
            if (element.column() == null) {
                return Set.of();
            }
            columns.add(element.column());
        }
        return columns;
    }
}
