package dev.retort.runtime;

import dev.retort.dialect.SqlLexer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tells whether a statement may run code that someone wrote in the database (a trigger's function, a function that
 * it calls by name, the script of an extension), which may change a session setting where no pattern of
 * {@link SessionReset} can read it.
 *
 * <p>A statement may, when it
 * <ul>
 *   <li>changes rows or runs a query that may ({@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code MERGE},
 *       {@code COPY}, {@code TRUNCATE}, {@code WITH}, {@code TABLE}, {@code EXPLAIN}, {@code EXECUTE},
 *       {@code FETCH}, {@code MOVE}, {@code REFRESH MATERIALIZED VIEW}, {@code CREATE MATERIALIZED VIEW},
 *       {@code CREATE TABLE ... AS}), which fires triggers and rules, and reads views and row-security policies;</li>
 *   <li>is code ({@code DO}, {@code CALL}) or runs an extension's script ({@code CREATE EXTENSION},
 *       {@code ALTER EXTENSION ... UPDATE});</li>
 *   <li>is a {@code SELECT} or {@code VALUES} that reads a table ({@code FROM}), or calls by name a function that is
 *       not one of PostgreSQL's own ({@code SELECT configure_tenant('acme')});</li>
 *   <li>is an {@code ALTER TABLE}, {@code CREATE INDEX} or {@code ALTER DOMAIN}, which evaluate the expressions they
 *       are given over the rows there (a column's {@code DEFAULT}, {@code USING}, a {@code CHECK}, an index's
 *       expression and predicate), and calls by name a function that is not one of PostgreSQL's own.</li>
 * </ul>
 * PostgreSQL's own are the functions of {@code pg_catalog} (unqualified or qualified so), as listed in
 * {@code builtin-functions.txt}. The other statements only define (a table, a view, a function, a trigger), evaluate
 * no expression now, or both: {@code CREATE TABLE t (id uuid DEFAULT uuid_generate_v4())} runs nothing, since the
 * default is evaluated only when a row comes. Code that none of this sees: a function in an expression that a table
 * already has (an index's, a {@code CHECK}'s, a domain's {@code CHECK}) evaluated again by a rewrite or a
 * {@code VALIDATE CONSTRAINT}, an event trigger, a trigger deferred to the commit, a user-defined operator or cast.
 * (What a function sets while an index is built or a materialized view filled, PostgreSQL gives back itself since
 * its minor releases of May 2022; those count all the same, for the servers before them.)
 */
final class UserCode {
    /** Statements that run a query, change rows, or are code, by their first word. */
    private static final Set<String> RUN = Set.of("with", "table", "insert", "update", "delete", "merge", "copy",
            "truncate", "do", "call", "execute", "explain", "refresh", "fetch", "move");
    /**
     * Words that stand before a parenthesis without calling a function: keywords, SQL's own function-like syntax
     * that is not in {@code pg_proc} ({@code COALESCE}, {@code CAST}), and type names that take a modifier.
     */
    private static final Set<String> NOT_FUNCTIONS = Set.of("all", "and", "any", "array", "as", "between", "by",
            "case", "cast", "character", "check", "coalesce", "dec", "decimal", "default", "distinct", "do", "double",
            "else", "enum", "except", "exclude", "exists", "expression", "fetch", "filter", "float", "for", "from",
            "greatest", "group", "hash", "having", "identity", "in", "include", "inherits", "intersect", "is", "join",
            "json_array", "json_arrayagg", "json_exists", "json_objectagg", "json_query", "json_scalar",
            "json_serialize", "json_table", "json_value", "key", "lateral", "least", "like", "limit", "list",
            "merge_action", "national", "nchar", "not", "null", "nullif", "nulls", "offset", "on", "options", "or",
            "order", "over", "partition", "precision", "range", "references", "repeatable", "reset", "returning",
            "row", "second", "select", "set", "some", "table", "tablesample", "then", "to", "treat", "trim", "union",
            "unique", "using", "values", "varying", "when", "where", "window", "with", "within", "xmlattributes",
            "xmlconcat", "xmlelement", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
            "xmlserialize", "xmltable");
    /**
     * Keywords after which an expression starts, so that a name followed by a parenthesis there is a function call.
     * After any other word (a column's name, {@code TABLE}, {@code ON}, {@code REFERENCES}, {@code TYPE}) or a
     * quoted name, a name followed by a parenthesis is a type with its modifier ({@code price numeric(10,2)}), a
     * table with its columns ({@code ON orders (placed_at)}) or an object, never a call.
     */
    private static final Set<String> EXPRESSION_WORDS = Set.of("all", "and", "any", "asymmetric", "between", "both",
            "by", "case", "check", "default", "distinct", "else", "escape", "for", "from", "having", "ilike", "in",
            "is", "leading", "like", "limit", "not", "offset", "or", "placing", "return", "returning", "select",
            "similar", "some", "symmetric", "then", "to", "trailing", "values", "variadic", "when", "where", "zone");

    /**
     * How many tokens of a statement tell what it is ({@code CREATE OR REPLACE TEMP VIEW}, {@code ALTER TABLE}): the
     * statements that run no code say so by them, without the rest being read.
     */
    private static final int HEAD = 8;

    /** What may stand between {@code CREATE} and the kind of object it creates. */
    private static final Set<String> CREATE_MODIFIERS = Set.of("or", "replace", "temp", "temporary", "local", "global",
            "unlogged", "unique");

    private UserCode() {
    }

    /** Whether {@code statement} (one statement, as the dialect split it) may run code written in the database. */
    static boolean mayRun(String statement) {
        List<Token> tokens = Token.read(statement, HEAD);
        if (tokens.isEmpty()) {
            return false;
        }
        Token first = tokens.get(0);
        if (first.is("(")) {
            return true; // (SELECT ...) UNION ...
        }
        if (first.kind != Kind.WORD) {
            return false;
        }
        if (RUN.contains(first.text)) {
            return true;
        }
        return switch (first.text) {
            case "select", "values" -> {
                List<Token> all = Token.read(statement);
                yield has(all, "from") || callsUserCode(all, statement, false);
            }
            case "create" -> created(tokens, statement);
            case "alter" -> tokens.size() > 1 && switch (tokens.get(1).text) {
                case "table", "domain" -> callsUserCode(Token.read(statement), statement, false);
                case "extension" -> has(Token.read(statement), "update");
                default -> false;
            };
            default -> false;
        };
    }

    /** Whether a {@code CREATE} statement, of which {@code head} is the first tokens, may run code. */
    private static boolean created(List<Token> head, String statement) {
        int i = 1;
        while (i < head.size() && CREATE_MODIFIERS.contains(head.get(i).text)) {
            i++;
        }
        if (i == head.size()) {
            return false;
        }
        return switch (head.get(i).text) {
            case "materialized", "extension" -> true;
            case "table" -> hasOutsideParentheses(Token.read(statement), "as");
            case "index" -> callsUserCode(Token.read(statement), statement, true);
            default -> false;
        };
    }

    /**
     * Whether the statement calls a function other than PostgreSQL's own, or {@code set_config} with a setting's
     * name that is no literal (which the patterns cannot read); {@code index}: the statement is a
     * {@code CREATE INDEX}, where the name after {@code USING} is the access method.
     */
    private static boolean callsUserCode(List<Token> tokens, String statement, boolean index) {
        for (int i = 1; i < tokens.size(); i++) {
            if (!tokens.get(i).is("(") || !tokens.get(i - 1).isName()) {
                continue;
            }
            int end = i - 1;
            int start = end;
            while (start >= 2 && tokens.get(start - 1).is(".") && tokens.get(start - 2).isName()) {
                start -= 2;
            }
            Token name = tokens.get(end);
            Token schema = start < end ? tokens.get(end - 2) : null;
            if (schema == null && name.kind == Kind.WORD && NOT_FUNCTIONS.contains(name.text)) {
                continue;
            }
            if (start > 0 && !startsExpression(tokens, start - 1, index)) {
                continue;
            }
            if (!(schema == null || schema.text.equals("pg_catalog")) || !builtin(name.text)) {
                return true;
            }
            if (name.text.equals("set_config") && !(i + 2 < tokens.size() && tokens.get(i + 2).is(",")
                    && tokens.get(i + 1).kind == Kind.STRING && statement.charAt(tokens.get(i + 1).start) == '\'')) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code name} is that of a function of PostgreSQL's own that SQL calls by name. */
    static boolean builtin(String name) {
        return Builtins.NAMES.contains(name);
    }

    /** Whether the token at {@code at}, before a name and its parenthesis, makes that a function call. */
    private static boolean startsExpression(List<Token> tokens, int at, boolean index) {
        Token before = tokens.get(at);
        return switch (before.kind) {
            case WORD -> before.text.equals("using")
                    ? !index && !(at > 0 && tokens.get(at - 1).text.equals("exclude")) // not an access method
                    : EXPRESSION_WORDS.contains(before.text);
            case QUOTED -> false;
            case PUNCT -> !before.is("::");
            case STRING, NUMBER -> true;
        };
    }

    private static boolean has(List<Token> tokens, String word) {
        return tokens.stream().anyMatch(t -> t.kind == Kind.WORD && t.text.equals(word));
    }

    private static boolean hasOutsideParentheses(List<Token> tokens, String word) {
        int depth = 0;
        for (Token t : tokens) {
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                depth--;
            } else if (depth == 0 && t.kind == Kind.WORD && t.text.equals(word)) {
                return true;
            }
        }
        return false;
    }

    private enum Kind { WORD, QUOTED, STRING, NUMBER, PUNCT }

    /**
     * A token of a statement: a word (lower-cased), a quoted name (as written), a string or dollar-quoted body (its
     * text left out), a number or parameter, or one character of punctuation ({@code ::} as one); comments are none.
     */
    record Token(Kind kind, String text, int start) {
        boolean is(String punct) {
            return kind == Kind.PUNCT && text.equals(punct);
        }

        boolean isName() {
            return kind == Kind.WORD || kind == Kind.QUOTED;
        }

        static List<Token> read(String sql) {
            return read(sql, Integer.MAX_VALUE);
        }

        /** The first {@code limit} tokens of {@code sql}, or all when it has fewer. */
        static List<Token> read(String sql, int limit) {
            List<Token> tokens = new ArrayList<>();
            int n = sql.length();
            int i = 0;
            while (i < n && tokens.size() < limit) {
                char c = sql.charAt(i);
                int start = i;
                if (whitespace(c)) {
                    i++;
                } else if (c == '-' && sql.startsWith("--", i)) {
                    int eol = sql.indexOf('\n', i);
                    i = eol < 0 ? n : eol + 1;
                } else if (c == '/' && sql.startsWith("/*", i)) {
                    i = SqlLexer.blockCommentEnd(sql, i);
                } else if (c == '\'') {
                    i = SqlLexer.quoteEnd(sql, i);
                    tokens.add(new Token(Kind.STRING, "", start));
                } else if (c == '"') {
                    i = SqlLexer.quoteEnd(sql, i);
                    String name = sql.substring(start + 1, Math.max(start + 1, i - 1)).replace("\"\"", "\"");
                    tokens.add(new Token(Kind.QUOTED, name, start));
                } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                    i = numberEnd(sql, i + 1);
                    tokens.add(new Token(Kind.NUMBER, "", start));
                } else if (c == '$') {
                    int tagEnd = sql.indexOf('$', i + 1);
                    String tag = tagEnd < 0 ? null : sql.substring(i, tagEnd + 1);
                    if (tag != null && tag.substring(1, tag.length() - 1).chars().allMatch(Token::partOfWord)) {
                        int close = sql.indexOf(tag, tagEnd + 1);
                        i = close < 0 ? n : close + tag.length();
                        tokens.add(new Token(Kind.STRING, "", start));
                    } else {
                        i++;
                        tokens.add(new Token(Kind.PUNCT, "$", start));
                    }
                } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                    i = numberEnd(sql, i + 1);
                    tokens.add(new Token(Kind.NUMBER, "", start));
                } else if (partOfWord(c)) {
                    i = wordEnd(sql, i);
                    boolean letter = i == start + 1; // a string's prefix: E'...', B'...', X'...', N'...', U&'...'
                    if (letter && i < n && sql.charAt(i) == '\'' && "eEbBxXnN".indexOf(c) >= 0) {
                        i = c == 'e' || c == 'E' ? SqlLexer.escapeStringEnd(sql, i) : SqlLexer.quoteEnd(sql, i);
                        tokens.add(new Token(Kind.STRING, "", start));
                    } else if (letter && (c == 'u' || c == 'U') && sql.startsWith("&'", i)) {
                        i = SqlLexer.quoteEnd(sql, i + 1);
                        tokens.add(new Token(Kind.STRING, "", start));
                    } else {
                        tokens.add(new Token(Kind.WORD, sql.substring(start, i).toLowerCase(Locale.ROOT), start));
                    }
                } else if (c == ':' && sql.startsWith("::", i)) {
                    i += 2;
                    tokens.add(new Token(Kind.PUNCT, "::", start));
                } else {
                    i++;
                    tokens.add(new Token(Kind.PUNCT, String.valueOf(c), start));
                }
            }
            return tokens;
        }

        private static int wordEnd(String sql, int i) {
            while (i < sql.length() && partOfWord(sql.charAt(i))) {
                i++;
            }
            return i;
        }

        /** Past a number ({@code 1.5e3}, {@code 1_000}) or a parameter's digits. */
        private static int numberEnd(String sql, int i) {
            while (i < sql.length() && (partOfWord(sql.charAt(i)) || sql.charAt(i) == '.')) {
                i++;
            }
            return i;
        }

        // The two tests below run for each character, so they answer ASCII in a few comparisons: a statement is read
        // before the compiler has made the reading fast, and Character's tables took most of its time then.

        /** Whether {@code c} is white space, as {@link Character#isWhitespace} tells. */
        static boolean whitespace(char c) {
            return c < 128 ? c == ' ' || c >= '\t' && c <= '\r' || c >= 0x1C && c <= 0x1F : Character.isWhitespace(c);
        }

        /** A letter or digit, {@code _}, {@code $}, or any character beyond ASCII. */
        static boolean partOfWord(int c) {
            return c >= 'a' ? c <= 'z' || c > 127 : c >= 'A' ? c <= 'Z' || c == '_' : c >= '0' ? c <= '9' : c == '$';
        }
    }

    /** PostgreSQL's own functions, read once, on first use. */
    private static final class Builtins {
        static final Set<String> NAMES = read();

        private static Set<String> read() {
            Set<String> names = new HashSet<>();
            try (InputStream in = UserCode.class.getResourceAsStream("builtin-functions.txt");
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        names.add(line.strip());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Set.copyOf(names);
        }
    }
}
