package dev.retort.autogenerate.diff;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tells whether SQL text (a check, an index expression, a generation expression) mentions a column, and writes it
 * as PostgreSQL prints it once columns are renamed.
 *
 * <p>The diff rebuilds an object whose expression mentions a column that is dropped, recreated or retyped,
 * because PostgreSQL either drops it with the column or refuses the change. This reads identifiers only, not
 * SQL grammar: a false match (a function named like a column) costs a needless rebuild, never a wrong migration.
 */
final class ExpressionNames {
    private ExpressionNames() {
    }

    /** Whether {@code sql} contains one of {@code columns} as an identifier, outside string literals. */
    static boolean mentions(String sql, Set<String> columns) {
        if (sql == null || columns.isEmpty()) {
            return false;
        }
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '\'') {
                i = skipQuoted(sql, i, '\'');
            } else if (c == '"') {
                int end = skipQuoted(sql, i, '"');
                String name = sql.substring(i + 1, Math.max(i + 1, end - 1)).replace("\"\"", "\"");
                if (columns.contains(name)) {
                    return true;
                }
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < length && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$')) {
                    i++;
                }
                // PostgreSQL folds an unquoted identifier to lower case.
                if (columns.contains(sql.substring(start, i).toLowerCase(Locale.ROOT))) {
                    return true;
                }
            } else {
                i++;
            }
        }
        return false;
    }

    /**
     * {@code sql} with the columns that are keys of {@code renames} written under their new names, as PostgreSQL
     * prints an expression once the columns it reads are renamed (it keeps them by number). Only a name that stands
     * as a column is renamed: not one in a string literal, after a {@code .} or {@code ::} (a field, a type) or
     * before a {@code (} (a function), so a function named like a column is never taken for it.
     */
    static String rename(String sql, Map<String, String> renames) {
        if (sql == null || renames.isEmpty()) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            int start = i;
            String name = null;
            if (c == '\'') {
                i = skipQuoted(sql, i, '\'');
            } else if (c == '"') {
                i = skipQuoted(sql, i, '"');
                name = sql.substring(start + 1, Math.max(start + 1, i - 1)).replace("\"\"", "\"");
            } else if (Character.isLetter(c) || c == '_') {
                while (i < length && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$')) {
                    i++;
                }
                name = sql.substring(start, i).toLowerCase(Locale.ROOT);
            } else {
                i++;
            }
            String renamed = name == null ? null : renames.get(name);
            if (renamed != null && standsAsColumn(sql, start, i)) {
                out.append(SqlText.quote(renamed));
            } else {
                out.append(sql, start, i);
            }
        }
        return out.toString();
    }

    private static boolean standsAsColumn(String sql, int start, int end) {
        int before = start - 1;
        while (before >= 0 && Character.isWhitespace(sql.charAt(before))) {
            before--;
        }
        int after = end;
        while (after < sql.length() && Character.isWhitespace(sql.charAt(after))) {
            after++;
        }
        boolean qualifiedOrCast = before >= 0 && (sql.charAt(before) == '.' || sql.charAt(before) == ':');
        boolean called = after < sql.length() && (sql.charAt(after) == '(' || sql.charAt(after) == '.');
        return !qualifiedOrCast && !called;
    }

    /** The index just past the quoted text starting at {@code start}; a doubled quote stays inside. */
    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}
