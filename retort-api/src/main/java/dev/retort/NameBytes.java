package dev.retort;

import java.nio.charset.StandardCharsets;

/**
 * PostgreSQL's limit on a name: {@value #MAX} bytes of UTF-8, past which it cuts the name without an error. Every
 * part of Retort that makes or compares a name cuts it here, as the server would.
 */
public final class NameBytes {
    /** PostgreSQL's {@code NAMEDATALEN - 1}: the bytes of a name it keeps. */
    public static final int MAX = 63;

    private NameBytes() {
    }

    /** The bytes {@code name} takes in UTF-8. */
    public static int of(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * {@code name} cut to at most {@code maxBytes} bytes of UTF-8, as PostgreSQL's {@code pg_mbcliplen} cuts: by whole
     * characters, so a multi-byte character that does not fit is left out entirely.
     */
    public static String clip(String name, int maxBytes) {
        if (of(name) <= maxBytes) {
            return name;
        }
        int bytes = 0;
        int end = 0;
        while (end < name.length()) {
            int codePoint = name.codePointAt(end);
            int length = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + length > maxBytes) {
                break;
            }
            bytes += length;
            end += Character.charCount(codePoint);
        }
        return name.substring(0, end);
    }
}
