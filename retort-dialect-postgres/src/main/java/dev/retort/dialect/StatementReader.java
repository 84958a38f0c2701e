package dev.retort.dialect;

import dev.retort.operation.QualifiedName;
import java.util.List;

/**
 * Reads the tokens of one statement from its first, as {@link LostData} and {@link MadeAgain} read DDL: keywords and
 * symbols are taken
 * when they are next, names as PostgreSQL resolves them. The semicolon a statement may be given with ends it.
 */
final class StatementReader {
    private final String statement;
    private final List<SqlToken> tokens;
    private int at;

    StatementReader(String statement) {
        this.statement = statement;
        List<SqlToken> all = SqlToken.of(statement);
        int end = all.size();
        if (end > 0 && all.get(end - 1).is(";")) {
            end--;
        }
        this.tokens = all.subList(0, end);
    }

    boolean atEnd() {
        return at >= tokens.size();
    }

    /** Whether the next token is the keyword or symbol {@code text}. */
    boolean peek(String text) {
        return peek(0, text);
    }

    /** Whether the token {@code ahead} tokens after the next is the keyword or symbol {@code text}. */
    boolean peek(int ahead, String text) {
        return at + ahead < tokens.size() && tokens.get(at + ahead).is(text);
    }

    /** Takes the next token when it is the keyword or symbol {@code text}. */
    boolean accept(String text) {
        if (peek(text)) {
            at++;
            return true;
        }
        return false;
    }

    /** Takes the next two tokens when they are {@code first} and {@code second}. */
    boolean accept(String first, String second) {
        if (peek(first) && peek(1, second)) {
            at += 2;
            return true;
        }
        return false;
    }

    /** Takes the next token, whatever it is. */
    SqlToken next() {
        return tokens.get(at++);
    }

    /**
     * Takes a name (a word, as PostgreSQL folds it, or a quoted name), or returns null and takes nothing: also for an
     * empty quoted name, which PostgreSQL refuses, and for {@code U&"..."}, whose escapes this does not read.
     */
    String name() {
        if (atEnd() || !tokens.get(at).isName() || tokens.get(at).name().isEmpty() || peek(1, "&")) {
            return null;
        }
        return tokens.get(at++).name();
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

    /**
     * Takes the parenthesised group that starts at the next token, to its closing parenthesis; false, taking
     * nothing, when the next token is no {@code (} or nothing closes it.
     */
    boolean skipGroup() {
        if (!peek("(")) {
            return false;
        }
        int depth = 0;
        for (int i = at; i < tokens.size(); i++) {
            if (tokens.get(i).is("(")) {
                depth++;
            } else if (tokens.get(i).is(")") && --depth == 0) {
                at = i + 1;
                return true;
            }
        }
        return false;
    }

    /** Where the reader stands: the index of the next token. */
    int position() {
        return at;
    }

    /**
     * The text of the tokens from {@code from} up to {@code to} (positions), a type; null when they are none, or hold
     * a {@code USING} or {@code COLLATE} outside parentheses, which convert values otherwise than by the type.
     */
    String typeBetween(int from, int to) {
        if (from >= to) {
            return null;
        }
        int depth = 0;
        for (int i = from; i < to; i++) {
            SqlToken t = tokens.get(i);
            depth += t.is("(") ? 1 : t.is(")") ? -1 : 0;
            if (depth == 0 && (t.is("using") || t.is("collate"))) {
                return null;
            }
        }
        return statement.substring(tokens.get(from).start(), tokens.get(to - 1).end());
    }

    /** Takes tokens to the comma that ends an {@code ALTER TABLE} action, or to the end, outside parentheses. */
    void skipAction() {
        int depth = 0;
        for (; !atEnd(); at++) {
            SqlToken t = tokens.get(at);
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                depth--;
            } else if (depth == 0 && t.is(",")) {
                return;
            }
        }
    }
}
