package dev.retort.dialect.postgres;

import static dev.retort.dialect.postgres.Identifiers.quote;

import dev.retort.operation.CreateSchema;
import dev.retort.operation.DropSchema;
import java.util.List;

/** Writes {@code CREATE SCHEMA} and {@code DROP SCHEMA}. */
final class SchemaDdl {
    private SchemaDdl() {
    }

    static List<String> createSchema(CreateSchema operation) {
        return List.of("CREATE SCHEMA " + (operation.ifNotExists() ? "IF NOT EXISTS " : "") + quote(operation.name()));
    }

    static List<String> dropSchema(DropSchema operation) {
        return List.of("DROP SCHEMA " + (operation.ifExists() ? "IF EXISTS " : "") + quote(operation.name())
                + (operation.cascade() ? " CASCADE" : ""));
    }
}
