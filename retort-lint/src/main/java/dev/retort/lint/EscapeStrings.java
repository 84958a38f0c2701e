package dev.retort.lint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What an escape string ({@code E'...'}) stands for, as PostgreSQL's scanner reads one in a UTF-8 database: a doubled
 * quote is a quote; {@code \b}, {@code \f}, {@code \n}, {@code \r} and {@code \t} are those controls; {@code \ooo}
 * (one to three octal digits) and {@code \xhh} (one or two hex digits) are bytes; a backslash with {@code u} and four
 * hex digits, or {@code U} and eight, is a code point; any other character after a backslash stands for itself.
 */
final class EscapeStrings {
    private EscapeStrings() {
    }

    /**
     * The text of the escape string whose content (between its quotes, as written) is {@code content}; null where
     * PostgreSQL refuses the string: bytes that are no UTF-8, a zero byte, an escape of a code point that is none.
     */
    static String text(String content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(content.length());
        // The first half of a surrogate pair written as an escape of a code point, which the next escape must complete.
        int high = 0;
        int i = 0;
        while (i < content.length()) {
            int c = content.codePointAt(i);
            i += Character.charCount(c);
            if (c != '\\' || i >= content.length()) {
                i += c == '\'' && i < content.length() && content.charAt(i) == '\'' ? 1 : 0;
                if (high != 0) {
                    return null;
                }
                append(bytes, c);
                continue;
            }
            char escaped = content.charAt(i);
            int unicode = escaped == 'u' ? 4 : escaped == 'U' ? 8 : 0;
            if (unicode > 0) {
                if (digits(content, i + 1, unicode, 16) < unicode) {
                    return null;
                }
                long codePoint = Long.parseLong(content.substring(i + 1, i + 1 + unicode), 16);
                i += 1 + unicode;
                if (high != 0) {
                    if (!isSurrogate(codePoint) || !Character.isLowSurrogate((char) codePoint)) {
                        return null;
                    }
                    codePoint = Character.toCodePoint((char) high, (char) codePoint);
                    high = 0;
                } else if (isSurrogate(codePoint) && Character.isHighSurrogate((char) codePoint)) {
                    high = (int) codePoint;
                    continue;
                }
                if (codePoint == 0 || codePoint > Character.MAX_CODE_POINT || isSurrogate(codePoint)) {
                    return null;
                }
                append(bytes, (int) codePoint);
                continue;
            }
            if (high != 0) {
                return null;
            }
            int octal = digits(content, i, 3, 8);
            int hex = escaped == 'x' ? digits(content, i + 1, 2, 16) : 0;
            if (octal > 0) {
                bytes.write(Integer.parseInt(content.substring(i, i + octal), 8));
                i += octal;
            } else if (hex > 0) {
                bytes.write(Integer.parseInt(content.substring(i + 1, i + 1 + hex), 16));
                i += 1 + hex;
            } else {
                append(bytes, control(escaped));
                i++;
            }
        }
        return high != 0 ? null : utf8(bytes.toByteArray());
    }

    private static boolean isSurrogate(long codePoint) {
        return codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
    }

    private static void append(ByteArrayOutputStream bytes, int codePoint) {
        bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
    }

    /** How many digits of {@code radix}, at most {@code most}, start at {@code from}. */
    private static int digits(String text, int from, int most, int radix) {
        int n = 0;
        while (n < most && from + n < text.length() && Character.digit(text.charAt(from + n), radix) >= 0
                && text.charAt(from + n) < 128) {
            n++;
        }
        return n;
    }

    /** The character {@code \c} stands for. */
    private static int control(char c) {
        return switch (c) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> c;
        };
    }

    /** {@code bytes} read as UTF-8, or null when they are none or hold a zero byte. */
    private static String utf8(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
