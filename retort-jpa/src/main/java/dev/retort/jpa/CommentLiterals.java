package dev.retort.jpa;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Repairs the string literal of Hibernate's {@code comment on ... is '...'} statements.
 *
 * <p>Hibernate 6.6 writes a {@code @Comment} value between quotes as it is, so a comment such as
 * {@code it's unique} gives a statement PostgreSQL rejects, and the scratch database could not be built.
 * When the literal is not valid SQL (it holds a quote that is not doubled), its quotes are doubled;
 * a literal that is already valid is left alone, so nothing changes once Hibernate escapes comments itself.
 */
final class CommentLiterals {
    /** The statement; the name may be quoted with spaces in it ({@code "my notes"."the text"}). */
    private static final Pattern COMMENT =
            Pattern.compile("(?s)^(comment on (?:table|column) (?:\"(?:[^\"]|\"\")*\"|[^\\s\"])+ is ')(.*)'$");

    private CommentLiterals() {
    }

    static String repair(String statement) {
        Matcher comment = COMMENT.matcher(statement);
        if (!comment.matches() || isValidLiteralBody(comment.group(2))) {
            return statement;
        }
        return comment.group(1) + comment.group(2).replace("'", "''") + "'";
    }

    /** Whether every quote in the text is one of a pair, as inside a valid SQL string literal. */
    private static boolean isValidLiteralBody(String body) {
        int i = 0;
        while ((i = body.indexOf('\'', i)) >= 0) {
            if (i + 1 >= body.length() || body.charAt(i + 1) != '\'') {
                return false;
            }
            i += 2;
        }
        return true;
    }
}
