package dev.retort.dialect;

import dev.retort.operation.Operation;
import dev.retort.operation.QualifiedName;
import java.util.List;
import java.util.function.Predicate;

/**
 * A database's SQL: how operations are written, how names and values are quoted, and how a script
 * divides into statements.
 *
 * <p>All SQL Retort runs or prints for {@code --sql} comes from a dialect. Implementations are
 * stateless and safe to share between threads.
 */
public interface Dialect {
    /**
     * The SQL statements that carry out {@code operation}, in order, without trailing semicolons.
     *
     * <p>An {@link dev.retort.operation.Autocommit} block renders as its operations' statements;
     * whoever runs them decides about the transaction.
     */
    List<String> render(Operation operation);

    /** {@code identifier} as it must appear in SQL: unchanged when that is safe, otherwise double-quoted. */
    String quote(String identifier);

    /** A possibly schema-qualified name with each part quoted as needed, such as {@code app."Users"}. */
    default String quote(QualifiedName name) {
        return name.schema() == null ? quote(name.name()) : quote(name.schema()) + "." + quote(name.name());
    }

    /** {@code value} as an SQL literal, such as {@code 'it''s'}, {@code 42}, {@code NULL} or {@code DATE '2026-11-25'}. */
    String literal(Object value);

    /**
     * Splits an SQL script into its statements, the way the database's own shell would.
     *
     * @throws SqlSyntaxException if a string, quoted identifier, comment or dollar quote is not closed
     */
    List<SqlStatement> split(String script);

    /**
     * Splits an SQL script as {@link #split(String)} does, and cuts it at its marker lines, such as a SQL migration's
     * {@code -- +downgrade}: lines that hold a line comment alone, which {@code isMarker} accepts, outside any
     * string, quoted identifier, block comment and dollar quote. A marker ends the statement before it, as a
     * semicolon would.
     *
     * <p>Lexing and cutting are one pass, so that a marker-like line in a function body or a string stays text:
     * a caller that first cut the script at such lines would cut through the quote.
     *
     * @param isMarker whether a comment, given from its {@code --} to the end of its line without the white space
     *     around it, is a marker
     * @return the part before the first marker (which may hold no statement), then one part for each marker
     * @throws SqlSyntaxException if a string, quoted identifier, comment or dollar quote is not closed
     */
    List<ScriptPart> split(String script, Predicate<String> isMarker);
}
