package dev.retort.autogenerate.diff;

import dev.retort.dialect.SqlLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntBiFunction;

/**
 * Tells whether SQL text (a check, an index expression, a generation expression) mentions a column, and writes it
 * as PostgreSQL prints it once columns are renamed, or an extension's functions and types move to another schema.
 *
 * <p>The diff rebuilds an object whose expression mentions a column that is dropped, recreated or retyped,
 * because PostgreSQL either drops it with the column or refuses the change. This reads identifiers only, not
 * SQL grammar: a false match (a function named like a column) costs a needless rebuild, never a wrong migration.
 */
final class ExpressionNames {
    /** Where a name stands in the SQL text: from {@code start} up to {@code end}. */
    private record Name(int start, int end) {
    }

    private ExpressionNames() {
    }

    /** Whether {@code sql} contains one of {@code columns} as an identifier, outside string literals. */
    static boolean mentions(String sql, Set<String> columns) {
        if (sql == null || columns.isEmpty()) {
            return false;
        }
        return names(sql, ExpressionNames::identifierEnd).stream().anyMatch(n -> columns.contains(identifier(sql, n)));
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
        return replace(sql, names(sql, ExpressionNames::identifierEnd), name -> {
            String renamed = renames.get(identifier(sql, name));
            return renamed != null && standsAsColumn(sql, name) ? SqlText.quote(renamed) : null;
        });
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
        return replace(sql, names(sql, ExpressionNames::qualifiedNameEnd), name -> {
            String written = sql.substring(name.start(), name.end());
            if (castTo(sql, name)) {
                return types.get(written);
            }
            return called(sql, name) ? functions.get(written) : null;
        });
    }

    /** The names in {@code sql} outside string literals, each as far as {@code nameEnd} reads it from its start. */
    private static List<Name> names(String sql, ToIntBiFunction<String, Integer> nameEnd) {
        List<Name> names = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'') {
                i = SqlLexer.quoteEnd(sql, i);
            } else if (startsName(c)) {
                int end = nameEnd.applyAsInt(sql, i);
                names.add(new Name(i, end));
                i = end;
            } else {
                i++;
            }
        }
        return names;
    }

    /** {@code sql} with each of {@code names} written as {@code replacement} says, or as it is where that is null. */
    private static String replace(String sql, List<Name> names, Function<Name, String> replacement) {
        StringBuilder out = new StringBuilder(sql.length());
        int copied = 0;
        for (Name name : names) {
            String replaced = replacement.apply(name);
            if (replaced != null) {
                out.append(sql, copied, name.start()).append(replaced);
                copied = name.end();
            }
        }
        return out.append(sql, copied, sql.length()).toString();
    }

    /** The identifier as PostgreSQL reads it: a quoted one without its quotes, another folded to lower case. */
    private static String identifier(String sql, Name name) {
        int start = name.start();
        if (sql.charAt(start) == '"') {
            return sql.substring(start + 1, Math.max(start + 1, name.end() - 1)).replace("\"\"", "\"");
        }
        return sql.substring(start, name.end()).toLowerCase(Locale.ROOT);
    }

    /** The index just past the identifier, quoted or not, that starts at {@code start}. */
    private static int identifierEnd(String sql, int start) {
        if (sql.charAt(start) == '"') {
            return SqlLexer.quoteEnd(sql, start);
        }
        int i = start;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                || sql.charAt(i) == '$')) {
            i++;
        }
        return i;
    }

    /** The index just past the name starting at {@code start}: identifiers, quoted or not, joined by dots. */
    private static int qualifiedNameEnd(String sql, int start) {
        int i = identifierEnd(sql, start);
        while (i + 1 < sql.length() && sql.charAt(i) == '.' && startsName(sql.charAt(i + 1))) {
            i = identifierEnd(sql, i + 1);
        }
        return i;
    }

    private static boolean startsName(char c) {
        return c == '"' || Character.isLetter(c) || c == '_';
    }

    private static boolean castTo(String sql, Name name) {
        return name.start() >= 2 && sql.startsWith("::", name.start() - 2);
    }

    /** Whether the name is called as a function: a {@code (} follows it, and no {@code .} (a field) precedes it. */
    private static boolean called(String sql, Name name) {
        return name.end() < sql.length() && sql.charAt(name.end()) == '('
                && (name.start() == 0 || sql.charAt(name.start() - 1) != '.');
    }

    private static boolean standsAsColumn(String sql, Name name) {
        int before = name.start() - 1;
        while (before >= 0 && Character.isWhitespace(sql.charAt(before))) {
            before--;
        }
        int after = name.end();
        while (after < sql.length() && Character.isWhitespace(sql.charAt(after))) {
            after++;
        }
        boolean qualifiedOrCast = before >= 0 && (sql.charAt(before) == '.' || sql.charAt(before) == ':');
        boolean called = after < sql.length() && (sql.charAt(after) == '(' || sql.charAt(after) == '.');
        return !qualifiedOrCast && !called;
    }
}
