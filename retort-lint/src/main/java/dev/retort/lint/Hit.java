package dev.retort.lint;

/**
 * A rule that fired, before the configured severity is applied; {@code line} is 0 when unknown.
 *
 * @param statementLine the line of the statement that holds the one at {@code line}, as a {@code DO} block holds the
 *                      statements of its body, whose {@code retort:allow} comment covers them too; else {@code line}
 */
record Hit(Rule rule, String message, int line, int statementLine) {
    Hit(Rule rule, String message, int line) {
        this(rule, message, line, line);
    }
}
