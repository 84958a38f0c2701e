package dev.retort.lint;

import dev.retort.dialect.SqlLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits hand-written SQL into statements and gives each one's "code": the text with comments removed
 * and the insides of strings and dollar quotes blanked, so that the rules' patterns never match a word
 * inside a literal or a function body.
 *
 * <p>This is a linter's reading, not the dialect's: it splits at semicolons outside strings, comments,
 * dollar quotes and parentheses, and keeps the {@code BEGIN ... END} body of a SQL-standard
 * {@code CREATE FUNCTION|PROCEDURE} together, as {@code psql} does.
 */
final class SqlStatements {
    /** One statement: its text as written (trimmed) and its code, with whitespace collapsed to single spaces. */
    record Statement(String text, String code) {
    }

    private final String sql;
    private final List<Statement> statements = new ArrayList<>();
    private final StringBuilder code = new StringBuilder();
    private int statementStart;
    private int pos;
    private int parenDepth;
    private int beginDepth;

    private SqlStatements(String sql) {
        this.sql = sql;
    }

    /** The statements of {@code sql}, in order; statements that hold only comments are left out. */
    static List<Statement> split(String sql) {
        return new SqlStatements(sql).run();
    }

    private List<Statement> run() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '-' && peek(1) == '-') {
                skipTo("\n", false);
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else if (c == '\'') {
                blankString();
            } else if (c == '"') {
                copyQuotedIdentifier();
            } else if (c == '$' && dollarTag() != null) {
                String tag = dollarTag();
                code.append(tag).append(' ').append(tag);
                pos += tag.length();
                skipTo(tag, true);
            } else if (Character.isLetter(c) || c == '_') {
                readWord();
            } else {
                if (c == '(') {
                    parenDepth++;
                } else if (c == ')') {
                    parenDepth = Math.max(0, parenDepth - 1);
                } else if (c == ';' && parenDepth == 0 && beginDepth == 0) {
                    endStatement();
                    pos++;
                    continue;
                }
                code.append(c);
                pos++;
            }
        }
        endStatement();
        return statements;
    }

    private void readWord() {
        int from = pos;
        while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_'
                || sql.charAt(pos) == '$')) {
            pos++;
        }
        String word = sql.substring(from, pos);
        code.append(word);
        String upper = word.toUpperCase(Locale.ROOT);
        if (isRoutineDefinition()) {
            // psql's rule for SQL-standard bodies: BEGIN and CASE open a block, END closes one.
            if (upper.equals("BEGIN") || upper.equals("CASE") && beginDepth > 0) {
                beginDepth++;
            } else if (upper.equals("END") && beginDepth > 0) {
                beginDepth--;
            }
        }
    }

    private boolean isRoutineDefinition() {
        String head = normalize(code.toString()).toUpperCase(Locale.ROOT);
        return head.startsWith("CREATE FUNCTION") || head.startsWith("CREATE PROCEDURE")
                || head.startsWith("CREATE OR REPLACE FUNCTION") || head.startsWith("CREATE OR REPLACE PROCEDURE");
    }

    private void blankString() {
        // 'it''s': a doubled quote stays inside the string, so blanking continues past it; E'it\'s' escapes too.
        boolean escapes = pos > 0 && (sql.charAt(pos - 1) == 'E' || sql.charAt(pos - 1) == 'e')
                && (pos < 2 || !Character.isLetterOrDigit(sql.charAt(pos - 2)));
        code.append("''");
        pos = escapes ? SqlLexer.escapeStringEnd(sql, pos) : SqlLexer.quoteEnd(sql, pos);
    }

    private void copyQuotedIdentifier() {
        int end = SqlLexer.quoteEnd(sql, pos);
        code.append(sql, pos, end);
        pos = end;
    }

    private void skipBlockComment() {
        pos = SqlLexer.blockCommentEnd(sql, pos);
        code.append(' ');
    }

    private void skipTo(String terminator, boolean consume) {
        int at = sql.indexOf(terminator, pos);
        pos = at < 0 ? sql.length() : at + (consume ? terminator.length() : 0);
        code.append(' ');
    }

    /** The dollar-quote tag starting at {@code pos} ({@code $$} or {@code $name$}), or null. */
    private String dollarTag() {
        int i = pos + 1;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        if (i < sql.length() && sql.charAt(i) == '$' && (i == pos + 1 || !Character.isDigit(sql.charAt(pos + 1)))) {
            return sql.substring(pos, i + 1);
        }
        return null;
    }

    private void endStatement() {
        String normalized = normalize(code.toString());
        if (!normalized.isEmpty()) {
            statements.add(new Statement(sql.substring(statementStart, Math.min(pos, sql.length())).strip(), normalized));
        }
        code.setLength(0);
        statementStart = Math.min(pos + 1, sql.length());
        parenDepth = 0;
        beginDepth = 0;
    }

    private char peek(int ahead) {
        return pos + ahead < sql.length() ? sql.charAt(pos + ahead) : '\0';
    }

    private static String normalize(String code) {
        return code.strip().replaceAll("\\s+", " ");
    }
}
