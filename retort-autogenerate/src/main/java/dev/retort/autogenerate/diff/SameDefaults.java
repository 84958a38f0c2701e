package dev.retort.autogenerate.diff;

import dev.retort.operation.ColumnDef;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Table;
import java.util.List;
import java.util.Map;

/**
 * Folds default expressions that PostgreSQL stores differently but that mean the same thing, so that a
 * database created with {@code DEFAULT CURRENT_TIMESTAMP} and a model saying {@code now()} do not differ.
 *
 * <p>PostgreSQL keeps {@code CURRENT_TIMESTAMP} as an SQL value function and {@code now()} as a call, and
 * prints them back as written; both are the transaction's start time, as is {@code transaction_timestamp()}.
 */
final class SameDefaults {
    private static final Map<String, String> CANONICAL = Map.of(
            "CURRENT_TIMESTAMP", "now()",
            "transaction_timestamp()", "now()",
            "CURRENT_TIMESTAMP::timestamp without time zone", "LOCALTIMESTAMP",
            "(now())::timestamp without time zone", "LOCALTIMESTAMP",
            "now()::timestamp without time zone", "LOCALTIMESTAMP");

    private SameDefaults() {
    }

    static DatabaseSchema fold(DatabaseSchema schema) {
        List<Table> tables = schema.tables().stream().map(SameDefaults::fold).toList();
        return new DatabaseSchema(schema.schemas(), tables, schema.enums(), schema.sequences(), schema.extensions());
    }

    private static Table fold(Table t) {
        List<ColumnDef> columns = t.columns().stream().map(c -> {
            String canonical = c.defaultExpression() == null ? null : CANONICAL.get(c.defaultExpression());
            return canonical == null ? c : c.defaultExpression(canonical);
        }).toList();
        return new Table(t.name(), columns, t.primaryKey(), t.uniques(), t.foreignKeys(), t.checks(), t.indexes(),
                t.comment(), t.inherits(), t.inheritedColumns(), t.inheritedChecks(),
                t.unvalidatedNotNulls(), t.readers(), t.settings(), t.exclusions());
    }
}
