package dev.retort.dialect;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the statements that take the session's {@code client_encoding} away from UTF-8: {@code SET client_encoding =
 * 'LATIN1'} (as a pg_dump of a LATIN1 database begins), {@code SET NAMES}, {@code RESET client_encoding},
 * {@code set_config('client_encoding', ...)}.
 *
 * <p>Retort reads a migration as UTF-8 and sends it so: a live run's driver talks nothing else (it drops the
 * connection when the encoding changes), and a {@code --sql} script sets UTF-8 at its start. After such a statement
 * the script's later text would be read in the other encoding, and stored otherwise than a live run stores it.
 */
public final class ClientEncoding {
    /** {@code SET [SESSION | LOCAL] client_encoding {= | TO} value} or {@code SET NAMES [value]}: group 1 the value. */
    private static final Pattern SET = Pattern.compile(
            "(?is)SET\\s+(?:(?:SESSION|LOCAL)\\s+)?(?:client_encoding\\s*(?:=|\\bTO\\b)|NAMES\\b)\\s*"
                    + "('[^']*'|\"[^\"]*\"|[A-Za-z0-9_-]+)?");
    private static final Pattern RESET = Pattern.compile("(?is)RESET\\s+client_encoding\\b");
    private static final Pattern SET_CONFIG = Pattern.compile(
            "(?i)\\bset_config\\s*\\(\\s*'client_encoding'\\s*,\\s*('[^']*')?");
    /** A statement that creates a function or procedure, whose body runs when called, not now. */
    private static final Pattern DEFINES_ROUTINE = Pattern.compile(
            "(?is)CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:FUNCTION|PROCEDURE)\\b");

    private ClientEncoding() {
    }

    /**
     * The encoding that {@code sql} sets other than UTF-8, as written ({@code LATIN1}, {@code DEFAULT}); null when it
     * sets none, or UTF-8 under one of its names.
     */
    public static String otherThanUtf8(String sql) {
        int start = TransactionControl.codeStart(sql);
        if (RESET.matcher(sql).region(start, sql.length()).lookingAt()) {
            return "DEFAULT";
        }
        Matcher set = SET.matcher(sql).region(start, sql.length());
        if (set.lookingAt()) {
            return other(set.group(1));
        }
        // A value that is not a literal cannot be told; the driver of a live run still refuses it when it runs.
        Matcher config = SET_CONFIG.matcher(sql);
        return !definesRoutine(sql) && config.find() && config.group(1) != null ? other(config.group(1)) : null;
    }

    /** Whether {@code sql} creates a function or procedure: a {@code set_config} in its body runs when it is called. */
    static boolean definesRoutine(String sql) {
        return DEFINES_ROUTINE.matcher(sql).region(TransactionControl.codeStart(sql), sql.length()).lookingAt();
    }

    /** {@code value} unquoted when it is not UTF-8 (which PostgreSQL also calls UTF-8, unicode ...), else null. */
    private static String other(String value) {
        if (value == null) {
            return "DEFAULT"; // SET NAMES alone
        }
        String name = value.replaceAll("^['\"]|['\"]$", "");
        // PostgreSQL compares encoding names without case and without any character but letters and digits.
        String clean = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return clean.equals("utf8") || clean.equals("unicode") ? null : name;
    }
}
