package dev.retort.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes text as Java string, character and text-block literals that javac reads back exactly.
 *
 * <p>Printable characters, non-ASCII ones included, are written as they are, so names and comments in
 * any language stay readable in a UTF-8 file. Control and formatting characters, unpaired surrogates,
 * unassigned code points and every space but the ASCII one are escaped, so that nothing invisible hides
 * in a migration a reviewer approves. A {@code \}{@code uXXXX} escape is never used for a character
 * javac would read as a line end, quote or backslash: it translates those escapes before it reads
 * literals, so they would end the literal early.
 */
final class JavaLiterals {
    private JavaLiterals() {
    }

    /** {@code text} as a string literal, quotes included. */
    static String string(String text) {
        StringBuilder s = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                s.append("\\\"");
            } else {
                i = appendEscaped(s, text, i);
            }
        }
        return s.append('"').toString();
    }

    /** {@code c} as a character literal, quotes included. */
    static String character(char c) {
        if (c == '\'') {
            return "'\\''";
        }
        StringBuilder s = new StringBuilder("'");
        appendEscaped(s, String.valueOf(c), 0);
        return s.append('\'').toString();
    }

    /** Whether {@code text} reads better as a text block: it has more than one line. */
    static boolean isMultiline(String text) {
        int newline = text.indexOf('\n');
        return newline >= 0 && newline < text.length() - 1;
    }

    /**
     * The content lines of a text block that holds exactly {@code text}, escaped and without indentation.
     *
     * <p>javac strips trailing white space from each line of a text block and turns it into an empty
     * line when nothing else is left, so a line that ends in white space ends in an escape instead
     * ({@code \s}, {@code \t}, or an escaped newline followed by a line continuation). Text that does not
     * end in a newline ends in a line continuation ({@code \} at the end of the last line). Every third
     * quote of a run is escaped, so no {@code """} appears inside.
     */
    static List<String> textBlock(String text) {
        String[] parts = text.split("\n", -1);
        boolean endsWithNewline = text.endsWith("\n");
        int count = endsWithNewline ? parts.length - 1 : parts.length;
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String part = parts[i];
            StringBuilder line = new StringBuilder(part.length() + 8);
            int quotes = 0;
            for (int j = 0; j < part.length(); j++) {
                char c = part.charAt(j);
                if (c == '"') {
                    quotes++;
                    line.append(quotes % 3 == 0 ? "\\\"" : "\"");
                    continue;
                }
                quotes = 0;
                if (c == '\t') {
                    line.append(j == part.length() - 1 ? "\\t" : "\t"); // a tab inside a line reads better raw
                } else {
                    j = appendEscaped(line, part, j);
                }
            }
            boolean last = i == count - 1;
            if (last && !endsWithNewline) {
                line.append('\\');
            } else if (!part.isEmpty()) {
                protectTrailingSpace(line, part.charAt(part.length() - 1));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static void protectTrailingSpace(StringBuilder line, char last) {
        if (last == ' ') {
            line.setLength(line.length() - 1);
            line.append("\\s");
        } else if (Character.isWhitespace(last) && last != '\t' && last != '\f' && last != '\r') {
            // Written as a \\u escape, which javac turns back into white space before stripping it:
            // end the line with an escaped newline and join the real one.
            line.append("\\n\\");
        }
    }

    /**
     * Appends the character at {@code index} of {@code text} (with its low surrogate, when it starts a
     * pair), escaped as needed, and returns the index of the last character used.
     */
    private static int appendEscaped(StringBuilder s, String text, int index) {
        char c = text.charAt(index);
        switch (c) {
            // javac (17 to 25 at least) misreads a backslash pair that directly follows a lone high surrogate
            // written as a unicode escape: when another unicode escape comes after the pair, it fails with
            // "illegal escape character" (a name holding U+D83D, a backslash and U+0018 did). There the
            // backslash is written as its octal escape, 134, which javac reads right.
            case '\\' -> s.append(index > 0 && Character.isHighSurrogate(text.charAt(index - 1)) ? "\\134" : "\\\\");
            case '\b' -> s.append("\\b");
            case '\t' -> s.append("\\t");
            case '\n' -> s.append("\\n");
            case '\f' -> s.append("\\f");
            case '\r' -> s.append("\\r");
            default -> {
                if (Character.isHighSurrogate(c) && index + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(index + 1))) {
                    char low = text.charAt(index + 1);
                    if (isVisible(Character.toCodePoint(c, low))) {
                        s.append(c).append(low);
                    } else {
                        unicode(s, c);
                        unicode(s, low);
                    }
                    return index + 1;
                }
                if (isVisible(c)) {
                    s.append(c);
                } else {
                    unicode(s, c);
                }
            }
        }
        return index;
    }

    private static void unicode(StringBuilder s, char c) {
        s.append(String.format("\\u%04x", (int) c));
    }

    /** Whether a reader sees {@code codePoint} for what it is, so it may be written unescaped. */
    private static boolean isVisible(int codePoint) {
        if (codePoint >= 0x20 && codePoint < 0x7f) {
            return true;
        }
        switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE,
                    Character.UNASSIGNED, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR:
                return false;
            default:
                return true;
        }
    }
}
