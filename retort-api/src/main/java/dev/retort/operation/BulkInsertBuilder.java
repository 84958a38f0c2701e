package dev.retort.operation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows and options of {@code op.bulkInsert(...)}.
 *
 * <p>Typed rows read {@code op.bulkInsert("roles", "id", "name").row(1, "admin").row(2, "user")}.
 */
public final class BulkInsertBuilder {
    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();
    private QualifiedName table;

    BulkInsertBuilder(QualifiedName table, List<String> columns) {
        this.table = table;
        this.columns = columns;
    }

    /** Inserts into the table in {@code schema}. */
    public BulkInsertBuilder schema(String schema) {
        table = table.inSchema(schema);
        return this;
    }

    /** Adds a row: one value per column, in the order the columns were listed. */
    public BulkInsertBuilder row(Object... values) {
        // row(null) passes a null array; the author meant one null value.
        Object[] copy = values == null ? new Object[] {null} : values.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] instanceof byte[] bytes) {
                copy[i] = bytes.clone(); // the row is a value from now on, whatever the caller does with its array
            }
        }
        rows.add(Arrays.asList(copy));
        return this;
    }

    BulkInsertBuilder rows(List<List<Object>> more) {
        more.forEach(values -> row(values.toArray()));
        return this;
    }

    BulkInsert build() {
        return new BulkInsert(table, columns, rows);
    }
}
