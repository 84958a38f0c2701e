package dev.retort.runtime;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Hides the passwords a migration's statements may carry ({@code CREATE ROLE app PASSWORD '...'}, a foreign
 * server's {@code OPTIONS (password '...')}, a {@code dblink} connection string's {@code password=...}) where
 * Retort shows a statement: its error messages, the statements {@code --debug} logs and its stack traces. The
 * migration itself keeps them (the lint rule for secrets says to move them out); a terminal, a CI log or a bug
 * report should not.
 */
public final class SecretsInSql {
    /** {@code PASSWORD 'x'}, {@code ENCRYPTED PASSWORD 'x'}, {@code password 'x'} in OPTIONS: a literal after it. */
    private static final Pattern LITERAL = Pattern.compile("(?i)(\\bpassword\\s*)'(?:[^']|'')*'");
    /** {@code password=x} in a connection string, up to a space, a quote or the end. */
    private static final Pattern CONNINFO = Pattern.compile("(?i)(\\bpassword\\s*=\\s*)[^\\s'\"]+");

    private SecretsInSql() {
    }

    /** {@code text} with every password literal replaced by {@code ***}. */
    public static String masked(String text) {
        if (text == null || !text.toLowerCase(Locale.ROOT).contains("password")) {
            return text;
        }
        return CONNINFO.matcher(LITERAL.matcher(text).replaceAll("$1'***'")).replaceAll("$1***");
    }
}
