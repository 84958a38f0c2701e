package dev.retort.script;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the statements of a migration that end or open a transaction ({@code COMMIT}, {@code BEGIN} ...), which
 * Retort refuses before a run starts. Retort runs each revision in a transaction together with its version row: a
 * {@code COMMIT} in the middle would commit half of the revision, so that a failure after it could no longer roll
 * back what came before, and the version table would not say where the database stands.
 */
final class TransactionControl {
    /** At the start of a statement; {@code ROLLBACK TO} a savepoint stays inside the transaction. */
    private static final Pattern KEYWORD = Pattern.compile(
            "(?i)(BEGIN|COMMIT|ROLLBACK(?!\\s+TO\\b)|END|ABORT|START\\s+TRANSACTION)\\b");

    private TransactionControl() {
    }

    /** The keyword that makes {@code sql} a transaction's start or end, upper case; null for any other statement. */
    static String keyword(String sql) {
        int start = codeStart(sql);
        Matcher m = KEYWORD.matcher(sql).region(start, sql.length());
        return m.lookingAt() ? m.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ") : null;
    }

    /** Where the statement's code starts, after white space and comments. */
    private static int codeStart(String sql) {
        int i = 0;
        while (i < sql.length()) {
            if (Character.isWhitespace(sql.charAt(i))) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else {
                break;
            }
        }
        return i;
    }

    /** The message for a refused statement, {@code where} naming the file (and line) it is in. */
    static ScriptException refused(String where, String keyword, String instead) {
        return new ScriptException(where + ": " + keyword + " would end or open a transaction in the middle of the "
                + "one Retort runs the revision in with its version row, so a failure after it could not roll back "
                + "what came before; remove it, or " + instead + ".");
    }
}
