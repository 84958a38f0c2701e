package dev.retort.lint;

import dev.retort.dialect.SqlToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL a {@code DO} block runs: a PL/pgSQL body runs at once, in the migration, so its statements are as much the
 * migration's as those written outside it. A function's body runs only when called, and is left alone.
 *
 * <p>The body is read as a linter reads, not as PL/pgSQL parses: it is cut at semicolons outside strings, comments and
 * parentheses, and each part loses what PL/pgSQL adds around the statements (labels, {@code DECLARE} sections,
 * {@code BEGIN}, the heads of {@code IF}, {@code CASE}, loops and {@code EXCEPTION WHEN} handlers); what is PL/pgSQL
 * alone ({@code END}, {@code RAISE}, assignments, {@code RETURN} ...) is dropped, {@code PERFORM} is read as the
 * {@code SELECT} it is. An {@code EXECUTE} of a string (plain, {@code E'...'} or dollar-quoted), or of {@code format}
 * over strings, runs that text, which is read, and so does the query of a {@code FOR r IN EXECUTE ... LOOP}; one of
 * SQL built at run time cannot be, and is a part of its own (but for a {@code SELECT}, which changes nothing a rule is
 * about).
 */
final class DoBlocks {
    /**
     * A statement the block runs.
     *
     * @param sql the statement's text, or for a dynamic one the {@code EXECUTE} as written
     * @param lineOffset how many lines after the {@code DO} keyword it is written
     * @param written the line of the block's text it starts on, stripped, to tell whether the source has it there
     * @param dynamic whether it is SQL that {@code EXECUTE} builds at run time, which cannot be read
     */
    record Part(String sql, int lineOffset, String written, boolean dynamic) {
    }

    /** Statements of PL/pgSQL alone, which run no SQL of the migration's. */
    private static final Set<String> PLPGSQL_ONLY = Set.of("END", "RAISE", "ASSERT", "RETURN", "EXIT", "CONTINUE",
            "NULL", "GET", "OPEN", "FETCH", "MOVE", "CLOSE");
    /** The words that start a head which ends at {@code THEN}: {@code IF x THEN}, {@code WHEN others THEN}. */
    private static final Set<String> UNTIL_THEN = Set.of("IF", "ELSIF", "ELSEIF", "WHEN", "CASE");
    private static final Set<String> UNTIL_LOOP = Set.of("FOR", "FOREACH", "WHILE");
    /** A placeholder of {@code format}: {@code %s}, {@code %I} or {@code %L}, maybe numbered ({@code %1$I}), or %%. */
    private static final Pattern FORMAT_SPEC = Pattern.compile("%(?:(\\d+)\\$)?([sIL%])");

    private final String statement;
    private final int doAt;
    private final List<Part> parts = new ArrayList<>();
    private boolean declaring;

    private DoBlocks(String statement, int doAt) {
        this.statement = statement;
        this.doAt = doAt;
    }

    /** The statements that {@code statement} runs when it is a PL/pgSQL {@code DO} block, in order; else none. */
    static List<Part> parts(String statement) {
        List<SqlToken> tokens = SqlToken.of(statement, 6);
        if (tokens.isEmpty() || !tokens.get(0).is("DO")) {
            return List.of();
        }
        SqlToken body = null;
        String language = "plpgsql";
        for (int i = 1; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (token.is("LANGUAGE") && i + 1 < tokens.size()) {
                SqlToken name = tokens.get(++i);
                language = name.isString() ? name.content() : name.name();
            } else if (token.kind() == SqlToken.Kind.DOLLAR_STRING && body == null) {
                body = token;
            } else if (!token.is(";")) {
                return List.of();
            }
        }
        if (body == null || !language.equalsIgnoreCase("plpgsql")) {
            return List.of();
        }
        DoBlocks block = new DoBlocks(statement, tokens.get(0).start());
        block.read(body.contentStart(), body.contentEnd());
        return block.parts;
    }

    /** Reads the body between {@code from} and {@code to}, one part between semicolons at a time. */
    private void read(int from, int to) {
        String body = statement.substring(from, to);
        List<SqlToken> piece = new ArrayList<>();
        int depth = 0;
        for (SqlToken token : SqlToken.of(body)) {
            if (token.is(";") && depth == 0) {
                piece(piece, from);
                piece.clear();
                continue;
            }
            depth += token.is("(") ? 1 : token.is(")") ? -1 : 0;
            piece.add(token);
        }
        piece(piece, from);
    }

    /** The statement in {@code tokens}, a part of the body (which starts at {@code from}), once its heads are off. */
    private void piece(List<SqlToken> tokens, int from) {
        int i = 0;
        if (declaring) {
            i = after(tokens, 0, "BEGIN");
            declaring = i >= tokens.size();
        }
        while (i < tokens.size()) {
            SqlToken token = tokens.get(i);
            String word = token.kind() == SqlToken.Kind.WORD ? token.text().toUpperCase(Locale.ROOT) : "";
            if (token.is("<") && i + 1 < tokens.size() && tokens.get(i + 1).is("<")) {
                i = after(tokens, i, ">") + 1;
            } else if (word.equals("DECLARE")) {
                i = after(tokens, i, "BEGIN");
                declaring = i >= tokens.size();
            } else if (word.equals("BEGIN") || word.equals("ELSE") || word.equals("LOOP") || word.equals("EXCEPTION")) {
                i++;
            } else if (UNTIL_THEN.contains(word)) {
                i = afterHead(tokens, i, "THEN");
            } else if (UNTIL_LOOP.contains(word)) {
                int head = i;
                i = afterHead(tokens, i, "LOOP");
                if (word.equals("FOR")) {
                    forExecute(tokens.subList(head, i), from);
                }
            } else {
                break;
            }
        }
        if (i >= tokens.size() || isPlpgsqlOnly(tokens, i)) {
            return;
        }
        SqlToken first = tokens.get(i);
        int end = from + tokens.get(tokens.size() - 1).end();
        if (first.is("PERFORM")) {
            add("SELECT" + statement.substring(from + first.end(), end), from + first.start(), false);
        } else if (first.is("EXECUTE")) {
            execute(tokens.subList(i + 1, tokens.size()), from + first.start(), end);
        } else {
            add(statement.substring(from + first.start(), end), from + first.start(), false);
        }
    }

    /**
     * The query of the loop head {@code head} when it is {@code FOR target IN EXECUTE expression [USING ...] LOOP},
     * which runs as an {@code EXECUTE} does; a head of another loop runs nothing read here.
     */
    private void forExecute(List<SqlToken> head, int from) {
        int in = head.size();
        for (int j = 1; j < head.size(); j++) {
            if (head.get(j).is("IN")) {
                in = j;
                break;
            }
        }
        if (in + 1 < head.size() && head.get(in + 1).is("EXECUTE")) {
            int end = head.get(head.size() - 1).is("LOOP") ? head.size() - 1 : head.size();
            if (end > in + 2) {
                execute(head.subList(in + 2, end), from + head.get(in + 1).start(), from + head.get(end - 1).end());
            }
        }
    }

    /** Adds the statement {@code sql}, written from {@code start} in the block's text, with where it is written. */
    private void add(String sql, int start, boolean dynamic) {
        int lineOffset = (int) statement.substring(doAt, start).chars().filter(c -> c == '\n').count();
        int lineEnd = statement.indexOf('\n', start);
        String written = statement.substring(statement.lastIndexOf('\n', start) + 1,
                lineEnd < 0 ? statement.length() : lineEnd).strip();
        parts.add(new Part(sql, lineOffset, written, dynamic));
    }

    /** The index just past the first word {@code word} at or after {@code i}, or the size when there is none. */
    private static int after(List<SqlToken> tokens, int i, String word) {
        for (int j = i; j < tokens.size(); j++) {
            if (tokens.get(j).is(word)) {
                return j + 1;
            }
        }
        return tokens.size();
    }

    /**
     * The index just past the {@code word} that ends the head starting at {@code i}, or the size when there is none:
     * the first outside parentheses and {@code CASE ... END}, since the condition of {@code IF (SELECT CASE WHEN c
     * THEN 1 END) = 1 THEN} or the query of {@code FOR r IN SELECT ... LOOP} may hold the word itself.
     */
    private static int afterHead(List<SqlToken> tokens, int i, String word) {
        int depth = 0;
        int cases = 0;
        for (int j = i + 1; j < tokens.size(); j++) {
            SqlToken token = tokens.get(j);
            if (token.is("(")) {
                depth++;
            } else if (token.is(")")) {
                depth--;
            } else if (depth == 0 && token.is("CASE")) {
                cases++;
            } else if (depth == 0 && cases > 0 && token.is("END")) {
                cases--;
            } else if (depth == 0 && cases == 0 && token.is(word)) {
                return j + 1;
            }
        }
        return tokens.size();
    }

    /** Whether the statement at {@code i} is one of PL/pgSQL's own, or an assignment ({@code n := n + 1}). */
    private static boolean isPlpgsqlOnly(List<SqlToken> tokens, int i) {
        SqlToken first = tokens.get(i);
        if (first.kind() == SqlToken.Kind.WORD && PLPGSQL_ONLY.contains(first.text().toUpperCase(Locale.ROOT))) {
            return true;
        }
        int j = i + 1;
        while (j + 1 < tokens.size() && tokens.get(j).is(".") && tokens.get(j + 1).isName()) {
            j += 2;
        }
        return first.isName() && j < tokens.size() && (tokens.get(j).is("=")
                || tokens.get(j).is(":") && j + 1 < tokens.size() && tokens.get(j + 1).is("="));
    }

    /**
     * An {@code EXECUTE} of {@code expression} (up to its {@code INTO} or {@code USING}), written in the block's text
     * from {@code start} to {@code end}: the SQL of a string, or of {@code format} over strings, is read; other SQL is
     * built at run time, a dynamic part.
     */
    private void execute(List<SqlToken> expression, int start, int end) {
        int stop = 0;
        while (stop < expression.size() && !expression.get(stop).is("INTO") && !expression.get(stop).is("USING")) {
            stop++;
        }
        List<SqlToken> sql = expression.subList(0, stop);
        String constant = constant(sql);
        if (constant != null) {
            add(constant, start, false);
        } else if (!startsWithSelect(sql)) {
            add(statement.substring(start, end), start, true);
        }
    }

    /** The SQL that {@code expression} always makes: a string's, or {@code format}'s of constants; else null. */
    private static String constant(List<SqlToken> expression) {
        if (expression.size() == 1 && isReadableString(expression.get(0))) {
            return text(expression.get(0));
        }
        boolean format = expression.size() >= 4 && expression.get(0).is("format") && expression.get(1).is("(")
                && isReadableString(expression.get(2)) && expression.get(expression.size() - 1).is(")");
        if (!format) {
            return null;
        }
        List<String> arguments = new ArrayList<>();
        for (int i = 3; i < expression.size() - 1; i += 2) {
            SqlToken comma = expression.get(i);
            SqlToken argument = i + 1 < expression.size() - 1 ? expression.get(i + 1) : null;
            boolean constant = argument != null
                    && (isReadableString(argument) || argument.kind() == SqlToken.Kind.NUMBER);
            if (!comma.is(",") || !constant) {
                return null;
            }
            arguments.add(argument.kind() == SqlToken.Kind.NUMBER ? argument.text() : text(argument));
        }
        return format(text(expression.get(2)), arguments);
    }

    /**
     * What PostgreSQL's {@code format(template, arguments...)} makes, or null if it cannot be read: the template wants
     * more arguments, or has a placeholder read here not (a width, {@code %d}, a lone {@code %} at the end), which
     * PostgreSQL may refuse.
     */
    private static String format(String template, List<String> arguments) {
        StringBuilder formatted = new StringBuilder();
        Matcher m = FORMAT_SPEC.matcher(template);
        int next = 0;
        int last = 0;
        while (m.find()) {
            if (template.substring(last, m.start()).contains("%")) {
                return null;
            }
            last = m.end();
            String value;
            if (m.group(2).equals("%")) {
                value = "%";
            } else {
                // A position too long for an int is past any list of arguments, not a number to parse.
                int index = m.group(1) == null ? next
                        : m.group(1).length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(m.group(1)) - 1;
                if (index < 0 || index >= arguments.size()) {
                    return null;
                }
                next = index + 1;
                String argument = arguments.get(index);
                value = m.group(2).equals("L") ? "'" + argument.replace("'", "''") + "'"
                        : m.group(2).equals("I") ? identifier(argument) : argument;
            }
            m.appendReplacement(formatted, Matcher.quoteReplacement(value));
        }
        if (template.substring(last).contains("%")) {
            return null;
        }
        m.appendTail(formatted);
        return formatted.toString();
    }

    /** {@code name} as {@code quote_ident} writes it: quoted unless it is a plain lower-case name. */
    private static String identifier(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** Whether the SQL {@code expression} builds starts with a {@code SELECT}, as its first string shows. */
    private static boolean startsWithSelect(List<SqlToken> expression) {
        int at = !expression.isEmpty() && expression.get(0).is("format") ? 2 : 0;
        if (at >= expression.size() || !isReadableString(expression.get(at))) {
            return false;
        }
        List<SqlToken> words = SqlToken.of(text(expression.get(at)), 1);
        return !words.isEmpty() && words.get(0).is("SELECT");
    }

    /** Whether {@code token} is a string whose text can be read: an escape string PostgreSQL refuses is none. */
    private static boolean isReadableString(SqlToken token) {
        return token.isString() && text(token) != null;
    }

    /** The text a plain, escape or dollar-quoted string stands for; null for an escape string PostgreSQL refuses. */
    private static String text(SqlToken string) {
        return switch (string.kind()) {
            case STRING -> string.content().replace("''", "'");
            case ESCAPE_STRING -> EscapeStrings.text(string.content());
            default -> string.content();
        };
    }
}
