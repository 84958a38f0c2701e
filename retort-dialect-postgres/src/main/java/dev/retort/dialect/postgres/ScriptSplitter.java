package dev.retort.dialect.postgres;

import dev.retort.dialect.ScriptPart;
import dev.retort.dialect.SqlStatement;
import dev.retort.dialect.SqlSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Splits a PostgreSQL script into statements at the semicolons {@code psql} would split at.
 *
 * <p>A semicolon does not end a statement inside a string ({@code 'it''s'}, {@code E'\''}), a quoted
 * identifier, a line or (nested) block comment, a dollar quote ({@code $$...$$},
 * {@code $fn$...$fn$}), parentheses, or the {@code BEGIN ... END} body of a
 * {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE} (PostgreSQL 14's SQL-standard bodies; the same
 * heuristic as {@code psql}). Standard strings are read as PostgreSQL reads them with
 * {@code standard_conforming_strings} on, its default since 9.1.
 *
 * <p>Comments and whitespace before a statement's first token and after its last are not part of
 * the statement: its line is where its code starts, and printing it followed by {@code ;} never
 * puts the semicolon into a comment. A statement of nothing but comments is dropped.
 *
 * <p>What only {@code psql} understands is refused, since the statements go to the server one by one: a
 * meta-command such as {@code \i} or {@code \set} (a backslash outside quotes is no SQL), a psql variable
 * ({@code :name}, {@code :'name'}, {@code :"name"}; not a cast {@code ::}, an assignment {@code :=} or the colon
 * of an array slice {@code a[1:n]}), and {@code COPY ... FROM STDIN}, whose rows {@code psql} would send after it.
 * The meta-commands <code>&#92;restrict</code> and <code>&#92;unrestrict</code> on a line between statements are
 * skipped instead: {@code pg_dump} writes them around every dump (since PostgreSQL 17.6, 16.10, 15.14, 14.19 and
 * 13.22), and they only stop {@code psql} from running other meta-commands, which Retort never runs; so a dump serves
 * as a schema file or a migration as it is. A placeholder {@code ${name}}, which Flyway would replace and Retort
 * does not, is refused too.
 *
 * <p>Given a test for marker lines, it also cuts the script at each line comment that stands alone on its line and
 * passes the test. The lexing that finds the semicolons finds the markers, so a marker-like line inside a quote or a
 * block comment is text, as it is to PostgreSQL.
 */
final class ScriptSplitter {
    /**
     * A UTF-8 byte-order mark before a statement's first token is skipped, as Flyway does: files joined with
     * {@code cat} carry the mark of each Windows-saved file into the middle of the script, where PostgreSQL would read
     * it as part of the first word and answer with a syntax error about a character nobody can see. In a string or a
     * name it is kept, as it is data there.
     */
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private final String script;
    /** Null when the script has no markers. */
    private final Predicate<String> isMarker;
    private final List<ScriptPart> parts = new ArrayList<>();
    private final List<SqlStatement> statements = new ArrayList<>();
    /** The marker that started the part being read, and its line; null and 0 before the first marker. */
    private String partMarker;
    private int partLine;
    private int pos;
    private int line = 1;

    // The statement being read.
    private int codeStart = -1;
    private int codeStartLine;
    private int codeEnd;
    private int parenDepth;
    /** The line of the outermost parenthesis open, when {@code parenDepth > 0}. */
    private int parenLine;
    private int beginDepth;
    /** The line of the outermost {@code BEGIN} of a routine's body, when {@code beginDepth > 0}. */
    private int beginLine;
    /** How deep in square brackets, where a colon separates the bounds of an array slice ({@code a[1:n]}). */
    private int bracketDepth;
    /**
     * Whether the code token read last ends a value: a string, a quoted name, a number, or a closing parenthesis or
     * bracket. A colon there separates a key from its value ({@code JSON_OBJECT('a' : 'b')}, PostgreSQL 16), where no
     * psql variable can stand.
     */
    private boolean afterValue;
    private final List<String> leadingWords = new ArrayList<>();
    /** The word before the one being noted, outside parentheses, for {@code COPY ... FROM STDIN}. */
    private String previousWord = "";

    private ScriptSplitter(String script, Predicate<String> isMarker) {
        this.script = script;
        this.isMarker = isMarker;
    }

    /** The statements of {@code script}, in order. */
    static List<SqlStatement> split(String script) {
        return new ScriptSplitter(script, null).run().get(0).statements();
    }

    /** The statements of {@code script} in parts: those before the first marker line, then those after each. */
    static List<ScriptPart> split(String script, Predicate<String> isMarker) {
        return new ScriptSplitter(script, isMarker).run();
    }

    private List<ScriptPart> run() {
        while (pos < script.length()) {
            char c = script.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (isSpace(c) || c == BYTE_ORDER_MARK && codeStart < 0) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                if (!readMarker()) {
                    refuseMarkerAfterCode();
                    skipLineComment();
                }
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else if (c == '\\' && codeStart < 0 && isDumpRestriction()) {
                skipLineComment();
            } else if (c == ';' && parenDepth == 0 && beginDepth == 0) {
                endStatement();
                pos++;
            } else {
                if (codeStart < 0) {
                    codeStart = pos;
                    codeStartLine = line;
                }
                readToken(c);
                codeEnd = pos;
            }
        }
        endPart();
        return List.copyOf(parts);
    }

    private void readToken(char c) {
        boolean value = c == '\'' || c == '"' || c == ')' || c == ']' || c >= '0' && c <= '9';
        if (c == '\'') {
            skipQuoted('\'', false, "quoted string");
        } else if (c == '"') {
            skipQuoted('"', false, "quoted identifier");
        } else if (c == '$') {
            if (peek(1) == '{') {
                throw placeholder();
            }
            value = skipDollarQuote();
            if (!value) {
                pos++; // a parameter such as $1, or an operator character
            }
        } else if (c == '(') {
            if (parenDepth++ == 0) {
                parenLine = line;
            }
            pos++;
        } else if (c == ')') {
            parenDepth = Math.max(0, parenDepth - 1);
            pos++;
        } else if (isIdentifierStart(c)) {
            int start = pos;
            while (pos < script.length() && isIdentifierPart(script.charAt(pos))) {
                pos++;
            }
            String word = script.substring(start, pos);
            if (word.equalsIgnoreCase("e") && peek(0) == '\'') {
                skipQuoted('\'', true, "quoted string");
                value = true;
            } else {
                noteWord(word.toLowerCase(Locale.ROOT));
            }
        } else if (c >= '0' && c <= '9') {
            // A number, including forms like 1.5e10 or 0x1F; never a dollar quote or a string prefix.
            while (pos < script.length() && isNumberPart(script.charAt(pos))) {
                pos++;
            }
        } else if (c == '[') {
            bracketDepth++;
            pos++;
        } else if (c == ']') {
            bracketDepth = Math.max(0, bracketDepth - 1);
            pos++;
        } else if (c == ':') {
            readColon();
        } else if (c == '\\') {
            throw metaCommand();
        } else {
            pos++;
        }
        afterValue = value;
    }

    /**
     * Skips a colon of SQL: a cast ({@code ::}), a named argument or PL/pgSQL assignment ({@code :=}), or the colon of
     * an array slice, or the one between a key and its value in SQL/JSON. Before a name or a quote, outside brackets
     * and not right after a value, it is a psql variable ({@code :name}, {@code :'name'}, {@code :"name"}), which psql
     * replaces before sending the statement and the server would answer with a syntax error.
     */
    private void readColon() {
        char next = peek(1);
        if (next == ':' || next == '=') {
            pos += 2;
        } else if (bracketDepth == 0 && !afterValue
                && (isIdentifierStart(next) || next == '\'' || next == '"' || next == '{')) {
            throw psqlVariable();
        } else {
            pos++;
        }
    }

    /** Skips a string or quoted identifier; a doubled quote stands for itself, and in E'' strings so does \'. */
    private void skipQuoted(char quote, boolean backslashEscapes, String what) {
        int startLine = line;
        pos++;
        while (pos < script.length()) {
            char c = script.charAt(pos);
            if (c == '\n') {
                line++;
            }
            if (c == '\\' && backslashEscapes) {
                pos++;
                if (pos < script.length() && script.charAt(pos) == '\n') {
                    line++;
                }
                pos++;
            } else if (c == quote) {
                pos++;
                if (peek(0) != quote) {
                    return;
                }
                pos++;
            } else {
                pos++;
            }
        }
        throw unterminated(what, startLine);
    }

    /** Skips {@code $tag$ ... $tag$} if one starts here, and says whether it did. */
    private boolean skipDollarQuote() {
        int end = pos + 1;
        if (end < script.length() && isIdentifierStart(script.charAt(end))) {
            do {
                end++;
            } while (end < script.length() && isTagPart(script.charAt(end)));
        }
        if (end >= script.length() || script.charAt(end) != '$') {
            return false;
        }
        String tag = script.substring(pos, end + 1);
        int close = script.indexOf(tag, end + 1);
        if (close < 0) {
            throw unterminated("dollar-quoted string", line);
        }
        int after = close + tag.length();
        line += countNewlines(pos, after);
        pos = after;
        return true;
    }

    /**
     * Starts a new part if the line comment here is a marker line: alone on its line, from its {@code --} to the
     * line's end, and accepted by the test. Says whether it was; the line's newline is left to count.
     */
    private boolean readMarker() {
        if (isMarker == null || !aloneOnLine()) {
            return false;
        }
        int end = script.indexOf('\n', pos);
        if (end < 0) {
            end = script.length();
        }
        String marker = script.substring(pos, end).strip();
        if (!isMarker.test(marker)) {
            return false;
        }
        if (parenDepth > 0) {
            // Ended here, the statement would be reported as an unclosed parenthesis, which says nothing of the
            // marker: a comment of a marker's words inside a column list is the likelier mistake.
            throw new SqlSyntaxException("'" + marker + "' at line " + line + " stands inside the parenthesis opened "
                    + "at line " + parenLine + ", which no ')' closes before it: close the statement before the "
                    + "marker, or, if the line is a comment, write it in other words", line);
        }
        if (beginDepth > 0) {
            throw new SqlSyntaxException("'" + marker + "' at line " + line + " stands inside the routine body whose "
                    + "BEGIN at line " + beginLine + " no END closes before it: end the statement before the marker, "
                    + "or, if the line is a comment, write it in other words", line);
        }
        endPart();
        partMarker = marker;
        partLine = line;
        pos = end;
        return true;
    }

    /**
     * Refuses a line comment that passes the marker test but follows SQL on its line: it would be a comment, and the
     * statements after it would stay in the section before, so that an upgrade would run its own downgrade.
     */
    private void refuseMarkerAfterCode() {
        if (isMarker == null) {
            return;
        }
        int end = script.indexOf('\n', pos);
        String comment = script.substring(pos, end < 0 ? script.length() : end).strip();
        if (isMarker.test(comment)) {
            throw new SqlSyntaxException("'" + comment + "' at line " + line + " follows SQL on its line, so it would "
                    + "be read as a comment, not as a marker; put the marker on a line of its own, or, if it is a "
                    + "comment, write it in other words", line);
        }
    }

    /** Whether only white space stands before {@code pos} on its line. */
    private boolean aloneOnLine() {
        for (int i = pos - 1; i >= 0 && script.charAt(i) != '\n'; i--) {
            if (!isSpace(script.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private void skipLineComment() {
        while (pos < script.length() && script.charAt(pos) != '\n' && script.charAt(pos) != '\r') {
            pos++;
        }
    }

    /** Skips a block comment; PostgreSQL nests them, unlike C. */
    private void skipBlockComment() {
        int startLine = line;
        int depth = 0;
        while (pos < script.length()) {
            char c = script.charAt(pos);
            if (c == '/' && peek(1) == '*') {
                depth++;
                pos += 2;
            } else if (c == '*' && peek(1) == '/') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                if (c == '\n') {
                    line++;
                }
                pos++;
            }
        }
        throw unterminated("block comment", startLine);
    }

    /**
     * Tracks {@code BEGIN ... END} in a routine body, as {@code psql} does: only in a statement that
     * starts {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE}, and only outside parentheses. A
     * {@code CASE} inside such a body also ends with {@code END}.
     */
    private void noteWord(String word) {
        if (leadingWords.size() < 4) {
            leadingWords.add(word);
        }
        if (parenDepth == 0 && leadingWords.get(0).equals("copy")) {
            if (previousWord.equals("from") && word.equals("stdin") || previousWord.equals("to")
                    && word.equals("stdout")) {
                throw copyWithPsql(word);
            }
            previousWord = word;
        }
        if (parenDepth > 0 || !isRoutineDefinition()) {
            return;
        }
        if (word.equals("begin") || word.equals("case") && beginDepth > 0) {
            if (beginDepth++ == 0) {
                beginLine = line;
            }
        } else if (word.equals("end") && beginDepth > 0) {
            beginDepth--;
        }
    }

    private boolean isRoutineDefinition() {
        List<String> words = leadingWords;
        if (words.size() < 2 || !words.get(0).equals("create")) {
            return false;
        }
        if (isRoutine(words.get(1))) {
            return true;
        }
        return words.size() >= 4 && words.get(1).equals("or") && words.get(2).equals("replace") && isRoutine(words.get(3));
    }

    private static boolean isRoutine(String word) {
        return word.equals("function") || word.equals("procedure");
    }

    private void endStatement() {
        if (parenDepth > 0) {
            // psql would read on into the next statement too; the server would say only "syntax error at end of
            // input", for the statements run together.
            throw new SqlSyntaxException("unclosed parenthesis opened at line " + parenLine
                    + ": a ')' is missing before the end of the statement", parenLine);
        }
        if (codeStart >= 0) {
            statements.add(new SqlStatement(script.substring(codeStart, codeEnd), codeStartLine));
        }
        codeStart = -1;
        parenDepth = 0;
        beginDepth = 0;
        bracketDepth = 0;
        afterValue = false;
        leadingWords.clear();
        previousWord = "";
    }

    /** Ends the part being read, and its last statement, which a marker ends even without its semicolon. */
    private void endPart() {
        endStatement();
        parts.add(new ScriptPart(partMarker, partLine, statements));
        statements.clear();
    }

    /** A psql meta-command: psql runs it itself, the server would answer "syntax error at or near \". */
    private SqlSyntaxException metaCommand() {
        int end = pos + 1;
        while (end < script.length() && !isSpace(script.charAt(end)) && script.charAt(end) != '\\') {
            end++;
        }
        String command = pos + 1 < script.length() && script.charAt(pos + 1) == '\\' ? "\\\\"
                : script.substring(pos, end);
        return new SqlSyntaxException("psql meta-command " + command + " at line " + line + ": Retort sends each "
                + "statement to the server, which knows no psql commands; write the SQL itself instead", line);
    }

    /**
     * Whether a <code>&#92;restrict KEY</code> or <code>&#92;unrestrict KEY</code> line of {@code pg_dump}'s starts
     * here: psql's own guard against meta-commands hidden in a dump, which means nothing to a reader of statements.
     */
    private boolean isDumpRestriction() {
        int end = pos + 1;
        while (end < script.length() && isTagPart(script.charAt(end))) {
            end++;
        }
        String command = script.substring(pos + 1, end);
        return (command.equals("restrict") || command.equals("unrestrict"))
                && (end == script.length() || isSpace(script.charAt(end)));
    }

    /**
     * A placeholder as Flyway writes them, {@code ${name}} or {@code ${flyway:defaultSchema}}: Flyway replaces it
     * before sending the statement; the server would answer "syntax error at or near $".
     */
    private SqlSyntaxException placeholder() {
        int end = pos + 2;
        while (end < script.length() && script.charAt(end) != '}' && script.charAt(end) != '\n') {
            end++;
        }
        end = Math.min(end + 1, script.length());
        return new SqlSyntaxException("placeholder " + script.substring(pos, end).strip() + " at line " + line
                + ": Flyway would replace it, but Retort sends the SQL as written, and the server would answer with a "
                + "syntax error; write the value itself (a value that differs between databases can come from the "
                + "database, or from a Java migration, which reads `-x name=value` with op.argument)", line);
    }

    /** A psql variable, which psql would replace with its value: the server knows none. */
    private SqlSyntaxException psqlVariable() {
        char open = peek(1);
        int end = pos + 2;
        if (open == '\'' || open == '"' || open == '{') {
            char close = open == '{' ? '}' : open;
            while (end < script.length() && script.charAt(end) != close && script.charAt(end) != '\n') {
                end++;
            }
            end = Math.min(end + 1, script.length());
        } else {
            while (end < script.length() && isTagPart(script.charAt(end))) {
                end++;
            }
        }
        return new SqlSyntaxException("psql variable " + script.substring(pos, end) + " at line " + line + ": Retort "
                + "sends each statement to the server, which knows no psql variables; write the value itself (a "
                + "value that differs between databases can come from the database, or from a Java migration)", line);
    }

    /** COPY from or to the client: psql sends the rows that follow the statement, or prints those it gets back. */
    private SqlSyntaxException copyWithPsql(String stream) {
        String advice = stream.equals("stdin") ? "write the rows as INSERT statements (op.bulkInsert in Java), or "
                + "COPY FROM a file the database server can read" : "COPY TO a file on the database server instead";
        return new SqlSyntaxException("COPY ... " + (stream.equals("stdin") ? "FROM STDIN" : "TO STDOUT") + " at line "
                + codeStartLine + " needs psql to " + (stream.equals("stdin") ? "send" : "receive") + " its rows, "
                + "and Retort sends statements only: " + advice, codeStartLine);
    }

    private SqlSyntaxException unterminated(String what, int startLine) {
        return new SqlSyntaxException("unterminated " + what + " starting at line " + startLine, startLine);
    }

    private char peek(int offset) {
        int at = pos + offset;
        return at < script.length() ? script.charAt(at) : '\0';
    }

    private int countNewlines(int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (script.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }

    /** PostgreSQL's whitespace: space, tab, newline, carriage return, form feed, vertical tab. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= '\u0080';
    }

    private static boolean isIdentifierPart(char c) {
        return isTagPart(c) || c == '$';
    }

    private static boolean isTagPart(char c) {
        return isIdentifierStart(c) || c >= '0' && c <= '9';
    }

    private static boolean isNumberPart(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '.';
    }
}
