package dev.retort.autogenerate.diff;

import dev.retort.dialect.SqlLexer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tells whether SQL text (a check, an index expression, a generation expression) mentions a column, and writes it
 * as PostgreSQL prints it once columns are renamed, or an extension's functions and types move to another schema.
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
                i = SqlLexer.quoteEnd(sql, i);
            } else if (c == '"') {
                int end = SqlLexer.quoteEnd(sql, i);
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
                i = SqlLexer.quoteEnd(sql, i);
            } else if (c == '"') {
                i = SqlLexer.quoteEnd(sql, i);
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

    /**
     * {@code sql} with the functions it calls and the types it casts to named as {@code functions} and {@code types}
     * say (each from the name as PostgreSQL prints it, qualified or not, to the new one), as PostgreSQL prints an
     * expression once an extension that owns them moves to another schema: {@code soundex(nick)} becomes
     * {@code ext.soundex(nick)}, {@code ''::citext} becomes {@code ''::ext.citext}. A name counts as a function
     * only where it is called (before a {@code (}), and as a type only after {@code ::}; never in a string literal,
     * nor after a {@code .} (a field of a row).
     */
    static String requalify(String sql, Map<String, String> functions, Map<String, String> types) {
        if (sql == null || functions.isEmpty() && types.isEmpty()) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            int start = i;
            if (c == '\'') {
                i = SqlLexer.quoteEnd(sql, i);
                out.append(sql, start, i);
            } else if (startsName(c)) {
                i = qualifiedNameEnd(sql, i);
                String name = sql.substring(start, i);
                String moved = null;
                if (castTo(sql, start)) {
                    moved = types.get(name);
                } else if (i < length && sql.charAt(i) == '(' && (start == 0 || sql.charAt(start - 1) != '.')) {
                    moved = functions.get(name);
                }
                out.append(moved == null ? name : moved);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The index just past the name starting at {@code start}: identifiers, quoted or not, joined by dots. */
    private static int qualifiedNameEnd(String sql, int start) {
        int i = start;
        while (true) {
            if (sql.charAt(i) == '"') {
                i = SqlLexer.quoteEnd(sql, i);
            } else {
                while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$')) {
                    i++;
                }
            }
            if (i + 1 >= sql.length() || sql.charAt(i) != '.' || !startsName(sql.charAt(i + 1))) {
                return i;
            }
            i++;
        }
    }

    private static boolean startsName(char c) {
        return c == '"' || Character.isLetter(c) || c == '_';
    }

    private static boolean castTo(String sql, int start) {
        return start >= 2 && sql.charAt(start - 1) == ':' && sql.charAt(start - 2) == ':';
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
}
