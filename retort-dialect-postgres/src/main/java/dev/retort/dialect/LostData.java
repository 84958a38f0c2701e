package dev.retort.dialect;

import dev.retort.operation.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tells which rows or column values a statement written by hand destroys, from its words alone, so that they can be
 * copied before it runs ({@code --backup}) as those of the operations that lose data are.
 *
 * <p>Recognised, in any case, with comments and any white space between the words, names plain or quoted and
 * optionally schema-qualified:
 * <ul>
 *   <li>{@code DROP TABLE [IF EXISTS] a [, b ...] [CASCADE | RESTRICT]}: each table's rows;</li>
 *   <li>{@code TRUNCATE [TABLE] [ONLY] a [*] [, ...] [RESTART | CONTINUE IDENTITY] [CASCADE | RESTRICT]}: each table's
 *       rows ({@code ONLY}: the table's own, not those of the tables that inherit from it);</li>
 *   <li>{@code ALTER TABLE [IF EXISTS] [ONLY] t [*] action [, action ...]}, where an action
 *       {@code DROP [COLUMN] [IF EXISTS] c} loses the values of {@code c} ({@code ONLY}: in the table's own rows), and
 *       {@code ALTER [COLUMN] c [SET DATA] TYPE ...} converts them (the other actions lose nothing).</li>
 * </ul>
 * Anything else is not looked into: a {@code DO} block or a function, {@code DELETE}, {@code DROP SCHEMA ... CASCADE},
 * dynamic SQL, and what a {@code CASCADE} reaches beyond the tables named. A word inside a string, a quoted name, a
 * dollar-quoted body or a comment is never read as a keyword. A statement that does not read as one of the forms
 * above, to its end, loses nothing here: never a guess.
 */
public final class LostData {
    /** What kind of statement loses the data. */
    public enum Kind { DROP_TABLE, TRUNCATE, DROP_COLUMN, CHANGE_TYPE }

    /**
     * Data a statement loses: every row of {@code table} (no column), or the values of one of its columns.
     *
     * @param table the table, as PostgreSQL resolves it: a plain name folded to lower case, a quoted one as written
     * @param column the column whose values are lost; null when the table's rows are
     * @param ownRowsOnly whether only the table's own rows are affected ({@code ONLY}), not those of the tables that
     *     inherit from it
     */
    public record Loss(Kind kind, QualifiedName table, String column, boolean ownRowsOnly) {
    }

    private LostData() {
    }

    /** The data {@code statement} (one statement, as the dialect split it) loses, in order; empty for any other. */
    public static List<Loss> of(String statement) {
        // Most statements are told by their first word, without reading the rest (a seed's INSERT may be long).
        List<Token> first = Token.read(statement, 1);
        if (first.isEmpty() || !(first.get(0).isWord("drop") || first.get(0).isWord("truncate")
                || first.get(0).isWord("alter"))) {
            return List.of();
        }
        Reader r = new Reader(Token.read(statement, Integer.MAX_VALUE));
        List<Loss> losses;
        if (r.accept("drop")) {
            losses = r.accept("table") ? dropTable(r) : null;
        } else if (r.accept("truncate")) {
            losses = truncate(r);
        } else {
            losses = r.accept("alter") && r.accept("table") ? alterTable(r) : null;
        }
        return losses != null && r.atEnd() ? losses : List.of();
    }

    private static List<Loss> dropTable(Reader r) {
        if (r.accept("if") && !r.accept("exists")) {
            return null;
        }
        List<Loss> losses = new ArrayList<>();
        do {
            QualifiedName table = r.qualifiedName();
            if (table == null) {
                return null;
            }
            losses.add(new Loss(Kind.DROP_TABLE, table, null, false));
        } while (r.accept(","));
        r.dropBehaviour();
        return losses;
    }

    private static List<Loss> truncate(Reader r) {
        r.accept("table");
        List<Loss> losses = new ArrayList<>();
        do {
            boolean only = r.accept("only");
            QualifiedName table = r.qualifiedName();
            if (table == null) {
                return null;
            }
            r.accept("*");
            losses.add(new Loss(Kind.TRUNCATE, table, null, only));
        } while (r.accept(","));
        if ((r.accept("restart") || r.accept("continue")) && !r.accept("identity")) {
            return null;
        }
        r.dropBehaviour();
        return losses;
    }

    private static List<Loss> alterTable(Reader r) {
        if (r.accept("if") && !r.accept("exists")) {
            return null;
        }
        boolean only = r.accept("only");
        QualifiedName table = r.qualifiedName();
        if (table == null) {
            return null;
        }
        r.accept("*");
        List<Loss> losses = new ArrayList<>();
        do {
            if (r.accept("drop")) {
                String column = droppedColumn(r);
                if (column != null) {
                    losses.add(new Loss(Kind.DROP_COLUMN, table, column, only));
                }
            } else if (r.accept("alter")) {
                String column = retypedColumn(r);
                if (column != null) {
                    // PostgreSQL changes an inherited column's type in every table that has it, ONLY or not.
                    losses.add(new Loss(Kind.CHANGE_TYPE, table, column, false));
                }
            }
            r.skipAction();
        } while (r.accept(","));
        return losses;
    }

    /** After an action's {@code DROP}: the column it drops, or null when it drops something else. */
    private static String droppedColumn(Reader r) {
        if (r.peek("constraint")) {
            return null;
        }
        r.accept("column");
        if (r.accept("if") && !r.accept("exists")) {
            return null;
        }
        return r.name();
    }

    /** After an action's {@code ALTER}: the column whose type it changes, or null. */
    private static String retypedColumn(Reader r) {
        if (r.peek("constraint")) {
            return null;
        }
        r.accept("column");
        String column = r.name();
        boolean retype = r.accept("type") || r.accept("set") && r.accept("data") && r.accept("type");
        return retype ? column : null;
    }

    /** Reads a statement's tokens from the first. */
    private static final class Reader {
        private final List<Token> tokens;
        private int at;

        Reader(List<Token> tokens) {
            // A statement given with its semicolon ends before it.
            int end = tokens.size();
            if (end > 0 && tokens.get(end - 1).isSymbol(";")) {
                end--;
            }
            this.tokens = tokens.subList(0, end);
        }

        boolean atEnd() {
            return at >= tokens.size();
        }

        /** Whether the next token is the keyword or symbol {@code text}. */
        boolean peek(String text) {
            return !atEnd() && (tokens.get(at).isWord(text) || tokens.get(at).isSymbol(text));
        }

        /** Takes the next token when it is the keyword or symbol {@code text}. */
        boolean accept(String text) {
            if (peek(text)) {
                at++;
                return true;
            }
            return false;
        }

        void dropBehaviour() {
            if (!accept("cascade")) {
                accept("restrict");
            }
        }

        /** Takes a name (a word or a quoted name), or returns null and takes nothing. */
        String name() {
            if (atEnd() || !tokens.get(at).isName()) {
                return null;
            }
            return tokens.get(at++).text();
        }

        /** Takes {@code name} or {@code schema.name}, or returns null. */
        QualifiedName qualifiedName() {
            String first = name();
            if (first == null) {
                return null;
            }
            if (!accept(".")) {
                return QualifiedName.of(first);
            }
            String second = name();
            return second == null || peek(".") ? null : QualifiedName.of(first, second);
        }

        /** Skips to the comma that ends an {@code ALTER TABLE} action, or to the end, outside parentheses. */
        void skipAction() {
            int depth = 0;
            for (; !atEnd(); at++) {
                Token t = tokens.get(at);
                if (t.isSymbol("(")) {
                    depth++;
                } else if (t.isSymbol(")")) {
                    depth--;
                } else if (depth == 0 && t.isSymbol(",")) {
                    return;
                }
            }
        }
    }

    private enum TokenKind { WORD, NAME, LITERAL, SYMBOL }

    /**
     * A token: a word (lower case), a quoted name (its content), a string or number (its text left out), or one
     * character of punctuation. Comments are no tokens.
     */
    private record Token(TokenKind kind, String text) {
        boolean isWord(String word) {
            return kind == TokenKind.WORD && text.equals(word);
        }

        boolean isSymbol(String symbol) {
            return kind == TokenKind.SYMBOL && text.equals(symbol);
        }

        boolean isName() {
            return kind == TokenKind.WORD || kind == TokenKind.NAME && !text.isEmpty();
        }

        /** The first {@code limit} tokens of {@code sql}, or all when it has fewer. */
        static List<Token> read(String sql, int limit) {
            List<Token> tokens = new ArrayList<>();
            int n = sql.length();
            int i = 0;
            while (i < n && tokens.size() < limit) {
                char c = sql.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (sql.startsWith("--", i)) {
                    int eol = sql.indexOf('\n', i);
                    i = eol < 0 ? n : eol + 1;
                } else if (sql.startsWith("/*", i)) {
                    i = SqlLexer.blockCommentEnd(sql, i);
                } else if (c == '"') {
                    int end = SqlLexer.quoteEnd(sql, i);
                    int contentEnd = end > i + 1 && sql.charAt(end - 1) == '"' ? end - 1 : end;
                    tokens.add(new Token(TokenKind.NAME, sql.substring(i + 1, contentEnd).replace("\"\"", "\"")));
                    i = end;
                } else if (c == '\'') {
                    i = SqlLexer.quoteEnd(sql, i);
                    tokens.add(new Token(TokenKind.LITERAL, ""));
                } else if (c == '$' && dollarTagEnd(sql, i) > 0) {
                    String tag = sql.substring(i, dollarTagEnd(sql, i));
                    int close = sql.indexOf(tag, i + tag.length());
                    i = close < 0 ? n : close + tag.length();
                    tokens.add(new Token(TokenKind.LITERAL, ""));
                } else if (Character.isLetter(c) || c == '_') {
                    int end = i + 1;
                    while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
                            || sql.charAt(end) == '$')) {
                        end++;
                    }
                    if (end == i + 1 && end < n && sql.charAt(end) == '\'' && "eEbBxXnN".indexOf(c) >= 0) {
                        // E'...', B'...', X'...', N'...': a string, not a word.
                        i = c == 'e' || c == 'E' ? SqlLexer.escapeStringEnd(sql, end) : SqlLexer.quoteEnd(sql, end);
                        tokens.add(new Token(TokenKind.LITERAL, ""));
                    } else if (end == i + 1 && (c == 'u' || c == 'U') && sql.startsWith("&'", end)) {
                        i = SqlLexer.quoteEnd(sql, end + 1);
                        tokens.add(new Token(TokenKind.LITERAL, ""));
                    } else if (end == i + 1 && (c == 'u' || c == 'U') && sql.startsWith("&\"", end)) {
                        // U&"..." may spell its characters as escapes: a name this reading does not resolve.
                        i = SqlLexer.quoteEnd(sql, end + 1);
                        tokens.add(new Token(TokenKind.LITERAL, ""));
                    } else {
                        tokens.add(new Token(TokenKind.WORD, sql.substring(i, end).toLowerCase(Locale.ROOT)));
                        i = end;
                    }
                } else if (Character.isDigit(c)) {
                    int end = i + 1;
                    while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.'
                            || sql.charAt(end) == '_')) {
                        end++;
                    }
                    tokens.add(new Token(TokenKind.LITERAL, ""));
                    i = end;
                } else {
                    tokens.add(new Token(TokenKind.SYMBOL, String.valueOf(c)));
                    i++;
                }
            }
            return tokens;
        }

        /** Past the dollar-quote tag ({@code $$}, {@code $body$}) that starts at {@code start}; 0 when none does. */
        private static int dollarTagEnd(String sql, int start) {
            int i = start + 1;
            if (i < sql.length() && Character.isDigit(sql.charAt(i))) {
                return 0; // $1, a parameter
            }
            while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                i++;
            }
            return i < sql.length() && sql.charAt(i) == '$' ? i + 1 : 0;
        }
    }
}
