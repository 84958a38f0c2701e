package dev.retort.dialect.postgres;

import static dev.retort.dialect.postgres.Identifiers.quote;

import dev.retort.dialect.SqlStatement;
import dev.retort.operation.BulkInsert;
import dev.retort.operation.Execute;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Writes hand-written SQL and bulk inserts. */
final class DataStatements {
    /** Rows per {@code INSERT}, so that a large seed does not become one enormous statement. */
    static final int ROWS_PER_INSERT = 1000;

    private DataStatements() {
    }

    /** The statements of hand-written SQL, split as {@code psql} would split them. */
    static List<String> execute(Execute operation) {
        return ScriptSplitter.split(operation.sql()).stream().map(SqlStatement::sql).toList();
    }

    static List<String> bulkInsert(BulkInsert operation) {
        String insert = "INSERT INTO " + quote(operation.table()) + " "
                + ConstraintDdl.columnList(operation.columns()) + " VALUES\n    ";
        List<String> statements = new ArrayList<>();
        List<List<Object>> rows = operation.rows();
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            statements.add(rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT)).stream()
                    .map(DataStatements::row)
                    .collect(Collectors.joining(",\n    ", insert, "")));
        }
        return statements;
    }

    private static String row(List<Object> values) {
        return values.stream().map(Literals::literal).collect(Collectors.joining(", ", "(", ")"));
    }
}
