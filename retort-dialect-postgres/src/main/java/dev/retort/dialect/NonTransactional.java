package dev.retort.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the statements PostgreSQL refuses inside a transaction block (SQL state 25001), from their words alone:
 * {@code VACUUM}, {@code CREATE INDEX CONCURRENTLY}, {@code CREATE DATABASE} ... A migration's statements run in
 * its transaction unless an autocommit block takes them out, so such a statement there can only fail; found
 * before the run, it fails the run with nothing applied instead of after the revisions before it.
 *
 * <p>Only what the server refuses whatever the options and objects are is named. Statements it refuses in some
 * forms only ({@code CREATE SUBSCRIPTION} that creates a slot, {@code CLUSTER} of a partitioned table) are left for
 * the run to report.
 */
public final class NonTransactional {
    /** The words of a statement read at most, outside parentheses: the forms above are told within them. */
    private static final int MOST_WORDS = 12;
    /** The values that turn a boolean option off. */
    private static final List<String> OFF = List.of("false", "off", "0");

    private NonTransactional() {
    }

    /**
     * What makes {@code sql} a statement PostgreSQL refuses inside a transaction block, upper case ({@code "CREATE
     * INDEX CONCURRENTLY"}, as PostgreSQL's message names it); null for any other statement.
     */
    public static String statement(String sql) {
        List<String> w = words(sql);
        if (w.isEmpty()) {
            return null;
        }
        String first = w.get(0);
        switch (first) {
            case "vacuum":
                return "VACUUM";
            case "cluster":
                // Without a table it clusters every table in the database, one transaction each.
                return w.stream().skip(1).allMatch("verbose"::equals) ? "CLUSTER" : null;
            case "discard":
                return at(w, 1, "all") ? "DISCARD ALL" : null;
            case "reindex":
                return reindex(w, sql);
            case "create":
            case "drop": {
                int i = first.equals("create") && at(w, 1, "unique") ? 2 : 1;
                if (at(w, i, "index") && at(w, i + 1, "concurrently")) {
                    return upper(first) + " INDEX CONCURRENTLY";
                }
                if (at(w, 1, "database") || at(w, 1, "tablespace")) {
                    return upper(first) + " " + upper(w.get(1));
                }
                return null;
            }
            case "alter":
                if (at(w, 1, "system")) {
                    return "ALTER SYSTEM";
                }
                if (at(w, 1, "database") && at(w, 3, "set") && at(w, 4, "tablespace")) {
                    return "ALTER DATABASE SET TABLESPACE";
                }
                if (at(w, 1, "table")) {
                    int detach = w.indexOf("detach");
                    if (detach > 0 && at(w, detach + 1, "partition")
                            && w.subList(detach + 2, w.size()).contains("concurrently")) {
                        return "ALTER TABLE ... DETACH PARTITION CONCURRENTLY";
                    }
                }
                return null;
            default:
                return null;
        }
    }

    /**
     * {@code REINDEX [(options)] {INDEX|TABLE|SCHEMA|DATABASE|SYSTEM} [CONCURRENTLY] name}, where the options may say
     * {@code CONCURRENTLY} too (PostgreSQL 14).
     */
    private static String reindex(List<String> w, String sql) {
        int kind = at(w, 1, "verbose") ? 2 : 1;
        if (kind >= w.size()) {
            return null;
        }
        String what = w.get(kind);
        if (what.equals("schema") || what.equals("database") || what.equals("system")) {
            return "REINDEX " + upper(what);
        }
        boolean concurrently = at(w, kind + 1, "concurrently") || options(sql).stream()
                .map(o -> o.split("\\s+"))
                .anyMatch(o -> o[0].equals("concurrently") && (o.length == 1 || !OFF.contains(o[1])));
        return concurrently ? "REINDEX CONCURRENTLY" : null;
    }

    /**
     * The options in parentheses right after a statement's first word ({@code REINDEX (VERBOSE, CONCURRENTLY false)}),
     * each lower case with its value; none when no parenthesis follows that word.
     */
    private static List<String> options(String sql) {
        List<String> options = new ArrayList<>();
        boolean afterWord = false;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                i = SqlLexer.blockCommentEnd(sql, i);
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (!afterWord && (Character.isLetter(c) || c == '_')) {
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                afterWord = true;
            } else if (afterWord && c == '(') {
                return split(sql, i + 1, options);
            } else {
                return options;
            }
        }
        return options;
    }

    /** Splits the option list that starts at {@code start} at its commas, up to its closing parenthesis. */
    private static List<String> split(String sql, int start, List<String> options) {
        StringBuilder option = new StringBuilder();
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = SqlLexer.quoteEnd(sql, i);
                option.append(sql, i, end);
                i = end;
                continue;
            }
            if (depth == 0 && (c == ')' || c == ',')) {
                options.add(option.toString().strip().toLowerCase(Locale.ROOT));
                option.setLength(0);
                if (c == ')') {
                    return options;
                }
            } else {
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                option.append(c);
            }
            i++;
        }
        return options;
    }

    private static boolean at(List<String> words, int index, String word) {
        return index < words.size() && words.get(index).equals(word);
    }

    private static String upper(String word) {
        return word.toUpperCase(Locale.ROOT);
    }

    /**
     * The first words of {@code sql}, lower case, outside comments and parentheses; a quoted name or a string counts
     * as a word of its own ({@code "\""}, {@code "'"}), so that it never reads as a keyword.
     */
    static List<String> words(String sql) {
        List<String> words = new ArrayList<>();
        int depth = 0;
        int i = 0;
        int n = sql.length();
        while (i < n && words.size() < MOST_WORDS) {
            char c = sql.charAt(i);
            if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                i = SqlLexer.blockCommentEnd(sql, i);
            } else if (c == '\'' || c == '"') {
                i = SqlLexer.quoteEnd(sql, i);
                if (depth == 0) {
                    words.add(String.valueOf(c));
                }
            } else if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$')) {
                    i++;
                }
                if (depth == 0) {
                    words.add(sql.substring(start, i).toLowerCase(Locale.ROOT));
                }
            } else {
                i++;
            }
        }
        return words;
    }
}
