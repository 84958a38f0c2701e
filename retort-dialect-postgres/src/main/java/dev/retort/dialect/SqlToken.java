package dev.retort.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A token of SQL text, as {@link SecretPlaces} reads a statement to find where its secrets stand and
 * {@link LostData} what it drops: a word, a quoted name, a string (plain, escape or dollar-quoted), a number or a
 * symbol ({@code ||} and {@code ::} are one). Comments and white space are no tokens. Text that nothing closes (a
 * string cut short) runs to the end: the reader is lenient, as a statement quoted in a message may be cut.
 *
 * @param start where the token starts in the text
 * @param end where it ends
 * @param contentStart where a string's or a quoted name's content starts (after its quote or tag)
 * @param contentEnd where that content ends (at its closing quote or tag)
 */
public record SqlToken(Kind kind, String text, int start, int end, int contentStart, int contentEnd) {
    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z_0-9]*)?\\$");

    public enum Kind { WORD, NAME, STRING, ESCAPE_STRING, DOLLAR_STRING, NUMBER, SYMBOL }

    /** The tokens of {@code text}, in order. */
    public static List<SqlToken> of(String text) {
        return of(text, Integer.MAX_VALUE);
    }

    /** The first {@code limit} tokens of {@code text}, or all when it has fewer. */
    public static List<SqlToken> of(String text, int limit) {
        List<SqlToken> tokens = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n && tokens.size() < limit) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (text.startsWith("--", i)) {
                int line = text.indexOf('\n', i);
                i = line < 0 ? n : line + 1;
            } else if (text.startsWith("/*", i)) {
                i = SqlLexer.blockCommentEnd(text, i);
            } else if (c == '\'' || c == '"') {
                SqlToken token = quoted(c == '"' ? Kind.NAME : Kind.STRING, text, i, i + 1, false);
                tokens.add(token);
                i = token.end;
            } else if ((c == 'E' || c == 'e') && text.startsWith("'", i + 1)) {
                SqlToken token = quoted(Kind.ESCAPE_STRING, text, i, i + 2, true);
                tokens.add(token);
                i = token.end;
            } else if (c == '$' && DOLLAR_TAG.matcher(text).region(i, n).lookingAt()) {
                Matcher tag = DOLLAR_TAG.matcher(text).region(i, n);
                tag.lookingAt();
                int close = text.indexOf(tag.group(), tag.end());
                int end = close < 0 ? n : close + tag.group().length();
                tokens.add(new SqlToken(Kind.DOLLAR_STRING, text.substring(i, end), i, end, tag.end(),
                        close < 0 ? n : close));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < n && wordPart(text.charAt(end))) {
                    end++;
                }
                tokens.add(plain(Kind.WORD, text, i, end));
                i = end;
            } else if (Character.isDigit(c) || c == '$') {
                // A number, or a parameter ($1).
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '.')) {
                    end++;
                }
                tokens.add(plain(Kind.NUMBER, text, i, end));
                i = end;
            } else {
                int end = text.startsWith("||", i) || text.startsWith("::", i) ? i + 2 : i + 1;
                tokens.add(plain(Kind.SYMBOL, text, i, end));
                i = end;
            }
        }
        return tokens;
    }

    private static boolean wordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static SqlToken plain(Kind kind, String text, int start, int end) {
        return new SqlToken(kind, text.substring(start, end), start, end, start, end);
    }

    /**
     * The string or quoted name from {@code start} whose content starts at {@code contentStart}: a doubled quote stands
     * for itself, and so does one after a backslash in an escape string.
     */
    private static SqlToken quoted(Kind kind, String text, int start, int contentStart, boolean backslashEscapes) {
        char quote = text.charAt(contentStart - 1);
        for (int i = contentStart; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && backslashEscapes) {
                i++;
            } else if (c == quote && i + 1 < text.length() && text.charAt(i + 1) == quote) {
                i++;
            } else if (c == quote) {
                return new SqlToken(kind, text.substring(start, i + 1), start, i + 1, contentStart, i);
            }
        }
        int n = text.length();
        return new SqlToken(kind, text.substring(start), start, n, contentStart, n);
    }

    /** Whether this is the word {@code word} (in any case) or the symbol {@code word}. */
    public boolean is(String word) {
        return kind == Kind.WORD ? text.equalsIgnoreCase(word) : kind == Kind.SYMBOL && text.equals(word);
    }

    /** Whether this is a string of any quoting. */
    public boolean isString() {
        return kind == Kind.STRING || kind == Kind.ESCAPE_STRING || kind == Kind.DOLLAR_STRING;
    }

    /** Whether this is a word or a quoted name, as a table, a column or a setting is named. */
    public boolean isName() {
        return kind == Kind.WORD || kind == Kind.NAME;
    }

    /**
     * The name a word ({@code Password} is {@code password}) or a quoted name ({@code "Pass""word"}) stands for. A word
     * is folded as PostgreSQL folds it in a UTF-8 database: {@code A} to {@code Z} alone ({@code Ärger} stays).
     */
    public String name() {
        if (kind == Kind.NAME) {
            return content().replace("\"\"", "\"");
        }
        StringBuilder folded = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            folded.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return folded.toString();
    }

    /** What a string or a quoted name holds between its quotes, as written (a doubled quote stays doubled). */
    public String content() {
        return text.substring(contentStart - start, contentEnd - start);
    }
}
