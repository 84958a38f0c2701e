package dev.retort.dialect;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the statements that end or open a transaction ({@code COMMIT}, {@code BEGIN} ...) in SQL that Retort runs
 * inside a transaction of its own: a migration's, which a {@code COMMIT} would split from its version row, and a
 * schema file's, which Retort applies to the dev database and rolls back.
 */
public final class TransactionControl {
    /**
     * At the start of a statement; {@code ROLLBACK TO} a savepoint stays inside the transaction, and {@code PREPARE
     * TRANSACTION} ends it as a commit does.
     */
    private static final Pattern KEYWORD = Pattern.compile(
            "(?i)(BEGIN|COMMIT|ROLLBACK(?!\\s+TO\\b)|END|ABORT|START\\s+TRANSACTION|PREPARE\\s+TRANSACTION)\\b");

    private TransactionControl() {
    }

    /** The keyword that makes {@code sql} a transaction's start or end, upper case; null for any other statement. */
    public static String keyword(String sql) {
        int start = codeStart(sql);
        Matcher m = KEYWORD.matcher(sql).region(start, sql.length());
        return m.lookingAt() ? m.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ") : null;
    }

    /** Where the statement's code starts, after white space and comments. */
    static int codeStart(String sql) {
        int i = 0;
        while (i < sql.length()) {
            if (Character.isWhitespace(sql.charAt(i))) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
            } else if (sql.startsWith("/*", i)) {
                i = SqlLexer.blockCommentEnd(sql, i);
            } else {
                break;
            }
        }
        return i;
    }
}
