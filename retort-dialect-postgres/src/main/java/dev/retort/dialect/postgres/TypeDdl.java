package dev.retort.dialect.postgres;

import static dev.retort.dialect.postgres.Identifiers.quote;

import dev.retort.operation.AddEnumValue;
import dev.retort.operation.CastContext;
import dev.retort.operation.CreateCast;
import dev.retort.operation.CreateEnum;
import dev.retort.operation.DropCast;
import dev.retort.operation.DropEnum;
import dev.retort.operation.RenameEnumValue;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the statements for enum types, whose labels are string literals, not identifiers, and for the casts between
 * types, whose types are SQL text, as a column's type is.
 */
final class TypeDdl {
    private TypeDdl() {
    }

    static List<String> createEnum(CreateEnum operation) {
        return List.of("CREATE TYPE " + quote(operation.type()) + " AS ENUM "
                + operation.values().stream().map(Literals::string).collect(Collectors.joining(", ", "(", ")")));
    }

    static List<String> dropEnum(DropEnum operation) {
        return List.of("DROP TYPE " + (operation.ifExists() ? "IF EXISTS " : "") + quote(operation.type())
                + (operation.cascade() ? " CASCADE" : ""));
    }

    static List<String> addEnumValue(AddEnumValue operation) {
        StringBuilder sql = new StringBuilder("ALTER TYPE ").append(quote(operation.type())).append(" ADD VALUE ");
        if (operation.ifNotExists()) {
            sql.append("IF NOT EXISTS ");
        }
        sql.append(Literals.string(operation.value()));
        if (operation.before() != null) {
            sql.append(" BEFORE ").append(Literals.string(operation.before()));
        }
        if (operation.after() != null) {
            sql.append(" AFTER ").append(Literals.string(operation.after()));
        }
        return List.of(sql.toString());
    }

    static List<String> renameEnumValue(RenameEnumValue operation) {
        return List.of("ALTER TYPE " + quote(operation.type()) + " RENAME VALUE " + Literals.string(operation.from())
                + " TO " + Literals.string(operation.to()));
    }

    static List<String> createCast(CreateCast operation) {
        String context = operation.context() == CastContext.EXPLICIT ? "" : " AS " + operation.context().name();
        return List.of("CREATE CAST (" + operation.source() + " AS " + operation.target() + ") WITH INOUT" + context);
    }

    static List<String> dropCast(DropCast operation) {
        return List.of("DROP CAST " + (operation.ifExists() ? "IF EXISTS " : "") + "(" + operation.source() + " AS "
                + operation.target() + ")");
    }
}
