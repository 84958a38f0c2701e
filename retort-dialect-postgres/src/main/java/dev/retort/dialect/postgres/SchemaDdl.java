package dev.retort.dialect.postgres;

import static dev.retort.dialect.postgres.Identifiers.quote;

import dev.retort.operation.CreateExtension;
import dev.retort.operation.CreateSchema;
import dev.retort.operation.DropExtension;
import dev.retort.operation.DropSchema;
import dev.retort.operation.SetExtensionSchema;
import java.util.List;

/** Writes {@code CREATE SCHEMA}, {@code DROP SCHEMA} and the same for extensions, which live in a schema. */
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

    static List<String> createExtension(CreateExtension operation) {
        return List.of("CREATE EXTENSION " + (operation.ifNotExists() ? "IF NOT EXISTS " : "") + quote(operation.name())
                + (operation.schema() != null ? " WITH SCHEMA " + quote(operation.schema()) : ""));
    }

    static List<String> setExtensionSchema(SetExtensionSchema operation) {
        return List.of("ALTER EXTENSION " + quote(operation.name()) + " SET SCHEMA " + quote(operation.schema()));
    }

    static List<String> dropExtension(DropExtension operation) {
        return List.of("DROP EXTENSION " + (operation.ifExists() ? "IF EXISTS " : "") + quote(operation.name())
                + (operation.cascade() ? " CASCADE" : ""));
    }
}
