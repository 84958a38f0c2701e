package dev.retort.autogenerate.diff;

import dev.retort.NameBytes;
import dev.retort.operation.ExcludeDef;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.UniqueDef;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Table;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The names PostgreSQL keeps in one namespace per schema: relations (tables, sequences, indexes, and the indexes of
 * primary keys and unique constraints) and types (enum types, and the row type every table has under its own name).
 *
 * <p>An object of one kind cannot take a name an object of another kind has in the same namespace: a new table
 * {@code mood} fails while enum type {@code mood} exists, and so does a new sequence {@code counter} while a table or
 * an index {@code counter} does.
 */
final class SchemaNames {
    /** The longest name PostgreSQL keeps, in bytes; it cuts a longer one. */

    private SchemaNames() {
    }

    /** The relation names {@code schema} has in the schema of {@code name} (null or a schema name). */
    static Set<String> relations(DatabaseSchema schema, String schemaName) {
        Set<String> names = new HashSet<>();
        for (Table table : schema.tables()) {
            if (Objects.equals(table.name().schema(), schemaName)) {
                names.addAll(relations(table));
            }
        }
        schema.sequences().stream().filter(s -> Objects.equals(s.name().schema(), schemaName))
                .forEach(s -> names.add(s.name().name()));
        return names;
    }

    /** The relation names a table takes in its schema: its own, its indexes' and those of its constraints' indexes. */
    static Set<String> relations(Table table) {
        Set<String> names = new HashSet<>();
        names.add(table.name().name());
        table.indexes().forEach(index -> names.add(index.name()));
        if (table.primaryKey() != null && table.primaryKey().name() != null) {
            names.add(table.primaryKey().name());
        }
        table.uniques().stream().map(UniqueDef::name).filter(Objects::nonNull).forEach(names::add);
        table.exclusions().stream().map(ExcludeDef::name).filter(Objects::nonNull).forEach(names::add);
        return names;
    }

    /** Whether {@code schema} has a relation of {@code name}: a table, a sequence, an index or a key's index. */
    static boolean isRelation(DatabaseSchema schema, QualifiedName name) {
        return relations(schema, name.schema()).contains(name.name());
    }

    /**
     * A name for an object of {@code name}'s schema to step aside to until it is dropped: {@code <name>_old}, or
     * {@code <name>_old2} and on, that no type or relation of that schema has on either side of the diff.
     */
    static String aside(QualifiedName name, DatabaseSchema current, DatabaseSchema desired) {
        Set<String> taken = new HashSet<>();
        for (DatabaseSchema schema : List.of(current, desired)) {
            taken.addAll(relations(schema, name.schema()));
            schema.enums().stream().filter(e -> Objects.equals(e.name().schema(), name.schema()))
                    .forEach(e -> taken.add(e.name().name()));
        }
        String candidate = fitted(name.name(), "_old");
        for (int n = 2; taken.contains(candidate); n++) {
            candidate = fitted(name.name(), "_old" + n);
        }
        return candidate;
    }

    /**
     * {@code base + suffix}, {@code base} shortened (by whole characters) so that the name fits the 63 bytes
     * PostgreSQL keeps of one: cut by the server instead, a long name's {@code _old} would fall off again, and the
     * rename would name the object's own name.
     */
    private static String fitted(String base, String suffix) {
        return NameBytes.clip(base, NameBytes.MAX - NameBytes.of(suffix)) + suffix;
    }
}
