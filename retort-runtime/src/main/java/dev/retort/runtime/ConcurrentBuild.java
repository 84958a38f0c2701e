package dev.retort.runtime;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code CREATE [UNIQUE] INDEX CONCURRENTLY} written by hand in SQL that names its index: the table it builds on,
 * as the statement spells it (for {@code to_regclass}, which reads quotes and resolves it on the same search path as
 * the statement), and the index's name as PostgreSQL keeps it (folded to lower case unless quoted).
 *
 * <p>Only the head of the statement is read, and only this one form: a statement it does not recognise is run as
 * written, as before.
 */
record ConcurrentBuild(String table, String index) {
    private static final String NAME = "(\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*)";
    private static final Pattern BUILD = Pattern.compile("\\A(?:\\s+|--[^\\n]*(?:\\n|\\z)|/\\*.*?\\*/)*"
            + "CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + NAME
            + "\\s+ON\\s+(?:ONLY\\s+)?" + NAME + "(?:\\s*\\.\\s*" + NAME + ")?[\\s(]",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** The build {@code sql} is, if it is a concurrent build of a named index. */
    static Optional<ConcurrentBuild> of(String sql) {
        Matcher m = BUILD.matcher(sql);
        if (!m.find() || m.group(1).equalsIgnoreCase("ON")) {
            return Optional.empty();
        }
        String table = m.group(3) == null ? m.group(2) : m.group(2) + "." + m.group(3);
        return Optional.of(new ConcurrentBuild(table, name(m.group(1))));
    }

    /**
     * A name as PostgreSQL keeps it: a quoted one as written, an unquoted one with its ASCII letters in lower case
     * (the server leaves other letters as they are in a UTF-8 database).
     */
    private static String name(String written) {
        if (written.startsWith("\"")) {
            return written.substring(1, written.length() - 1).replace("\"\"", "\"");
        }
        StringBuilder folded = new StringBuilder(written.length());
        written.chars().forEach(c -> folded.append((char) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c)));
        return folded.toString();
    }
}
