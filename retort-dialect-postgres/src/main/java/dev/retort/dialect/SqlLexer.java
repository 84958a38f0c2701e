package dev.retort.dialect;

/**
 * Finds where a string, a quoted name or a block comment of PostgreSQL text ends, for the code that reads SQL by
 * its words without parsing it: so that a keyword, a name or a semicolon inside one is never taken for code.
 *
 * <p>Each method takes the index where the piece starts and returns the index just past its end, or the end of the
 * text when nothing closes it: these readers are lenient, and leave unterminated text for the server to report.
 */
public final class SqlLexer {
    private SqlLexer() {
    }

    /**
     * Past the string ({@code 'it''s'}) or quoted name ({@code "a""b"}) whose opening quote is at {@code start}; a
     * doubled quote stands for itself and does not end it.
     */
    public static int quoteEnd(String sql, int start) {
        return quoteEnd(sql, start, false);
    }

    /**
     * Past the escape string whose opening quote (the one after the {@code E}) is at {@code start}: there a quote
     * after a backslash ({@code E'it\'s'}) does not end it either.
     */
    public static int escapeStringEnd(String sql, int start) {
        return quoteEnd(sql, start, true);
    }

    /** Past the block comment that starts at {@code start}; block comments nest in PostgreSQL, unlike in C. */
    public static int blockCommentEnd(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                i += 2;
                if (--depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private static int quoteEnd(String sql, int start, boolean backslashEscapes) {
        char quote = sql.charAt(start);
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && backslashEscapes) {
                i += 2;
            } else if (c != quote) {
                i++;
            } else if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                i += 2;
            } else {
                return i + 1;
            }
        }
        return sql.length();
    }
}
