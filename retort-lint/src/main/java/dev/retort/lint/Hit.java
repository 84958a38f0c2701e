package dev.retort.lint;

/** A rule that fired, before the configured severity is applied; {@code line} is 0 when unknown. */
record Hit(Rule rule, String message, int line) {
}
