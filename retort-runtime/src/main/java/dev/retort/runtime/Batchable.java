package dev.retort.runtime;

import java.util.Locale;
import java.util.Set;

/**
 * Tells whether a statement can be sent in a batch: one that returns no rows. A JDBC batch refuses a statement
 * that returns rows, so anything that might ({@code SELECT}, {@code WITH}, {@code CALL}, a {@code RETURNING}
 * clause, a word this does not know) is sent on its own instead.
 */
final class Batchable {
    private static final Set<String> ROWLESS = Set.of("CREATE", "ALTER", "DROP", "COMMENT", "GRANT", "REVOKE",
            "TRUNCATE", "INSERT", "UPDATE", "DELETE", "DO", "SET", "RESET", "LOCK", "REFRESH", "ANALYZE", "CLUSTER",
            "REINDEX", "SECURITY");

    private Batchable() {
    }

    static boolean test(String sql) {
        String keyword = firstWord(sql);
        return ROWLESS.contains(keyword) && !sql.toUpperCase(Locale.ROOT).contains("RETURNING");
    }

    /** The first word after leading blanks and comments, upper-cased; empty when there is none. */
    private static String firstWord(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                // A nested comment ends the word search: sending such a statement alone is always safe.
                return "";
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return sql.substring(start, i).toUpperCase(Locale.ROOT);
    }
}
