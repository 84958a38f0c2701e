package dev.retort.dialect;

/**
 * One statement of an SQL script.
 *
 * @param sql the statement's text, trimmed, without its terminating semicolon; comments before or
 *     inside it are kept
 * @param line the 1-based line of the script on which the statement's first non-blank character
 *     stands, for error messages
 */
public record SqlStatement(String sql, int line) {
}
