package dev.retort.autogenerate.diff;

import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Table;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps, among the foreign keys that read the database's columns ({@link Table#readers()}), those of the tables the
 * comparison leaves out ({@code exclude_tables}): the diff drops the others itself, before what they reference.
 */
final class LeftOutKeys {
    private LeftOutKeys() {
    }

    static DatabaseSchema only(DatabaseSchema current) {
        Set<String> compared = current.tables().stream().map(t -> " of table " + t.name()).collect(Collectors.toSet());
        List<Table> tables = current.tables().stream().map(t -> t.readers().isEmpty() ? t : new Table(t.name(),
                t.columns(), t.primaryKey(), t.uniques(), t.foreignKeys(), t.checks(), t.indexes(), t.comment(),
                t.inherits(), t.inheritedColumns(), t.inheritedChecks(), t.unvalidatedNotNulls(),
                t.readers().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> e.getValue().stream().filter(r -> !compared(r, compared)).toList())),
                t.settings(), t.exclusions())).toList();
        return new DatabaseSchema(current.schemas(), tables, current.enums(), current.sequences(),
                current.extensions());
    }

    private static boolean compared(String reader, Set<String> compared) {
        return reader.startsWith("foreign key ")
                && compared.contains(reader.substring(reader.lastIndexOf(" of table ")));
    }
}
