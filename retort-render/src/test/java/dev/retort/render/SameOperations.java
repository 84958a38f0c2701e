package dev.retort.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.Autocommit;
import dev.retort.operation.BulkInsert;
import dev.retort.operation.Operation;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Asserts that two lists of operations are equal, record by record.
 *
 * <p>Records compare by value, except the {@code byte[]} values of a bulk insert, which compare by
 * identity; those are compared by content here. Nothing else is relaxed.
 */
final class SameOperations {
    /** A bulk insert with its byte arrays replaced by their contents, so that equal inserts compare equal. */
    private record ComparableInsert(Object table, List<String> columns, List<List<Object>> rows) {
    }

    /** A byte array's content. */
    private record Bytes(String hex) {
    }

    private SameOperations() {
    }

    static void assertSame(List<Operation> actual, List<Operation> expected, String source) {
        assertThat(comparable(actual)).as("operations recorded by:%n%s", source).isEqualTo(comparable(expected));
    }

    private static List<Object> comparable(List<Operation> operations) {
        List<Object> values = new ArrayList<>();
        for (Operation operation : operations) {
            if (operation instanceof Autocommit block) {
                List<Object> inner = new ArrayList<>();
                for (Operation blockOperation : block.operations()) { // one level: blocks do not nest
                    inner.add(comparable(blockOperation));
                }
                values.add(List.of("autocommit", inner));
            } else {
                values.add(comparable(operation));
            }
        }
        return values;
    }

    private static Object comparable(Operation operation) {
        if (!(operation instanceof BulkInsert insert)) {
            return operation;
        }
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : insert.rows()) {
            List<Object> values = new ArrayList<>();
            for (Object value : row) {
                values.add(value instanceof byte[] bytes ? new Bytes(HexFormat.of().formatHex(bytes)) : value);
            }
            rows.add(values);
        }
        return new ComparableInsert(insert.table(), insert.columns(), rows);
    }
}
