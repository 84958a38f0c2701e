package dev.retort;

/**
 * Text that a migration file, or the command line, gave Retort, made safe to print: a revision's message or branch
 * label in {@code history} and the {@code Running upgrade} lines, a value an error quotes.
 *
 * <p>A repository is written by many hands, and what it holds reaches the terminal of whoever runs Retort: an escape
 * sequence there could clear the screen, retitle the window or hide the line of a failure, and a carriage return or
 * a line break could overwrite or split a line a script reads. So every control character (C0 and C1, and DEL) is
 * written as a Java escape ({@code \u001b}); a tab, which a terminal shows as space, stays. So are Unicode's
 * directional embeddings, overrides and isolates ({@code U+202A} to {@code U+202E}, {@code U+2066} to
 * {@code U+2069}): a right-to-left override in a file name or a message shows the text after it reversed, so a line
 * could read as something it does not say. The single-character marks (left-to-right and right-to-left) stay, as
 * text in Hebrew or Arabic uses them and they reorder no span.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /**
     * {@code text} as one line: each line break made a space, as a message is one line wherever it is shown (in
     * {@code --sql} output, a line break would end the {@code -- Running upgrade} comment and make the rest of the
     * message a statement), and every other control character escaped.
     */
    public static String oneLine(String text) {
        return escaped(text.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ')
                .replace('\u2028', ' ').replace('\u2029', ' '), false);
    }

    /**
     * {@code value} as a message quotes it: line breaks and tabs written as {@code \n}, {@code \r} and {@code \t},
     * and every other control character or line separator as {@code \}{@code uXXXX}, so that a stray carriage return
     * cannot split or overwrite the one-line error.
     */
    public static String quoted(String value) {
        return escaped(value, true);
    }

    /**
     * {@code text}, whose lines stay apart (a stack trace, an error with a hint on a line of its own), with every
     * other control character escaped.
     */
    public static String lines(String text) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lines[i] = escaped(lines[i], false);
        }
        return String.join("\n", lines);
    }

    private static String escaped(String text, boolean tabs) {
        if (text.codePoints().noneMatch(c -> isControl(c) && (tabs || c != '\t'))) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(c -> {
            if (c == '\t' && !tabs) {
                out.append('\t');
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (isControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static boolean isControl(int c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR || isDirectionalSpan(c);
    }

    private static boolean isDirectionalSpan(int c) {
        return c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069;
    }
}
