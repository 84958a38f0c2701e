package dev.retort.dialect.postgres;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.ScriptPart;
import dev.retort.dialect.SqlStatement;
import dev.retort.operation.Operation;
import java.util.List;
import java.util.function.Predicate;

/**
 * PostgreSQL's SQL, for PostgreSQL 12 and later.
 *
 * <p>Renders operations as DDL, quotes identifiers only where PostgreSQL needs it, writes values
 * as literals and splits scripts as {@code psql} does. Stateless; share one instance.
 */
public final class PostgresDialect implements Dialect {
    @Override
    public List<String> render(Operation operation) {
        return List.copyOf(operation.accept(PostgresRenderer.INSTANCE));
    }

    @Override
    public String quote(String identifier) {
        return Identifiers.quote(identifier);
    }

    @Override
    public String literal(Object value) {
        return Literals.literal(value);
    }

    @Override
    public List<SqlStatement> split(String script) {
        return ScriptSplitter.split(script);
    }

    @Override
    public List<ScriptPart> split(String script, Predicate<String> isMarker) {
        return ScriptSplitter.split(script, isMarker);
    }
}
