package dev.retort.dialect.postgres;

import static dev.retort.dialect.postgres.Identifiers.quote;

import dev.retort.operation.CreateIndex;
import dev.retort.operation.DropIndex;
import dev.retort.operation.IndexElement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes {@code CREATE INDEX} and {@code DROP INDEX}. */
final class IndexDdl {
    private IndexDdl() {
    }

    static List<String> createIndex(CreateIndex operation) {
        StringBuilder sql = new StringBuilder("CREATE ");
        if (operation.unique()) {
            sql.append("UNIQUE ");
        }
        sql.append("INDEX ");
        if (operation.concurrently()) {
            sql.append("CONCURRENTLY ");
        }
        if (operation.ifNotExists()) {
            sql.append("IF NOT EXISTS ");
        }
        sql.append(quote(operation.name())).append(" ON ").append(quote(operation.table()));
        if (operation.method() != null) {
            sql.append(" USING ").append(quote(operation.method()));
        }
        sql.append(operation.elements().stream().map(IndexDdl::element).collect(Collectors.joining(", ", " (", ")")));
        if (!operation.include().isEmpty()) {
            sql.append(" INCLUDE ").append(ConstraintDdl.columnList(operation.include()));
        }
        if (operation.nullsNotDistinct()) {
            sql.append(" NULLS NOT DISTINCT");
        }
        if (!operation.storage().isEmpty()) {
            sql.append(" WITH ").append(storageParameters(operation.storage()));
        }
        if (operation.where() != null) {
            sql.append(" WHERE ").append(operation.where());
        }
        return List.of(sql.toString());
    }

    static List<String> dropIndex(DropIndex operation) {
        return List.of("DROP INDEX " + (operation.concurrently() ? "CONCURRENTLY " : "")
                + (operation.ifExists() ? "IF EXISTS " : "") + quote(operation.index())
                + (operation.cascade() ? " CASCADE" : ""));
    }

    /** {@code (fillfactor = 70, deduplicate_items = off)}: the values are SQL text, written as given. */
    static String storageParameters(Map<String, String> parameters) {
        return parameters.entrySet().stream().map(p -> p.getKey() + " = " + p.getValue())
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /** An index key; an expression is always parenthesised, which PostgreSQL accepts for any expression. */
    private static String element(IndexElement element) {
        StringBuilder sql = new StringBuilder(element.column() != null
                ? quote(element.column())
                : "(" + element.expression() + ")");
        if (element.collation() != null) {
            sql.append(" COLLATE ").append(quote(element.collation()));
        }
        if (element.operatorClass() != null) {
            sql.append(' ').append(element.operatorClass());
        }
        if (element.descending()) {
            sql.append(" DESC");
        }
        switch (element.nulls()) {
            case DEFAULT -> { }
            case FIRST -> sql.append(" NULLS FIRST");
            case LAST -> sql.append(" NULLS LAST");
        }
        return sql.toString();
    }
}
