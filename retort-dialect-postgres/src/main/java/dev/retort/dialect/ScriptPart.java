package dev.retort.dialect;

import java.util.List;

/**
 * The statements of a script from one marker line to the next, as
 * {@link Dialect#split(String, java.util.function.Predicate)} cuts the script.
 *
 * @param marker the marker line that starts the part, without the white space around it; null for the part
 *     before the first marker
 * @param line the 1-based line of the marker; 0 for the part before the first marker
 * @param statements the part's statements, numbered by their lines in the whole script
 */
public record ScriptPart(String marker, int line, List<SqlStatement> statements) {
    public ScriptPart {
        statements = List.copyOf(statements);
    }
}
