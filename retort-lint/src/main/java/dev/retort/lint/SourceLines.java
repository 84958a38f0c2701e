package dev.retort.lint;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the line of the upgrade section where an operation is written.
 *
 * <p>Operations do not carry line numbers, so this is a search: the first line, at or after the
 * previous hit, that holds the first needle and starts a statement holding every needle
 * (case-insensitive). Operations are recorded in the order they are written, so searching onward
 * from the last hit, and past the last line the same needles found, tells repeated statements
 * apart. When nothing matches the answer is 0, "unknown", never a guess.
 */
final class SourceLines {
    private static final Pattern SQL_UPGRADE = Pattern.compile("^\\s*--\\s*\\+upgrade\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_DOWNGRADE = Pattern.compile("^\\s*--\\s*\\+downgrade\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern JAVA_UPGRADE = Pattern.compile("\\bupgrade\\s*\\(");
    private static final Pattern JAVA_DOWNGRADE = Pattern.compile("\\bdowngrade\\s*\\(");

    private final List<String> lines;
    private final int start;
    private final int end;
    private int cursor;
    /** The line each set of needles was last found on. */
    private final Map<String, Integer> hits = new HashMap<>();

    private SourceLines(List<String> lines, int start, int end) {
        this.lines = lines.stream().map(line -> line.toLowerCase(Locale.ROOT)).toList();
        this.start = start;
        this.end = end;
        this.cursor = start;
    }

    /** The upgrade section of {@code text}: after {@code -- +upgrade} or {@code upgrade(}, up to the downgrade. */
    static SourceLines upgradeSection(String text) {
        List<String> lines = text.lines().toList();
        int upgrade = firstMatch(lines, SQL_UPGRADE, 0);
        Pattern downgradeMarker = SQL_DOWNGRADE;
        if (upgrade < 0) {
            upgrade = firstMatch(lines, JAVA_UPGRADE, 0);
            downgradeMarker = JAVA_DOWNGRADE;
        }
        int start = Math.max(upgrade, 0);
        int downgrade = firstMatch(lines, downgradeMarker, start + 1);
        return new SourceLines(lines, start, downgrade < 0 ? lines.size() : downgrade);
    }

    /** The downgrade section of {@code text}: after {@code -- +downgrade} or {@code downgrade(}, to the end. */
    static SourceLines downgradeSection(String text) {
        List<String> lines = text.lines().toList();
        int downgrade = firstMatch(lines, SQL_DOWNGRADE, 0);
        if (downgrade < 0) {
            downgrade = firstMatch(lines, JAVA_DOWNGRADE, 0);
        }
        return downgrade < 0 ? new SourceLines(lines, lines.size(), lines.size())
                : new SourceLines(lines, downgrade, lines.size());
    }

    /** The 1-based line of the first line holding every needle, searching onward from the last hit; 0 if none. */
    int find(String... needles) {
        // The same needles again are the next statement alike, as two INSERTs into one table are; other needles may
        // be on the line of the last hit (two calls on one line).
        String key = String.join("\0", needles);
        Integer last = hits.get(key);
        int from = last == null ? cursor : Math.max(cursor, last + 1);
        int found = search(from, end, needles);
        if (found < 0) {
            found = search(start, from, needles);
        }
        if (found < 0) {
            return 0;
        }
        cursor = found;
        hits.put(key, found);
        return found + 1;
    }

    /** The 1-based line of the first line anywhere in the file that matches {@code pattern}; 0 if none. */
    int findAnywhere(Pattern pattern) {
        return firstMatch(lines, pattern, 0) + 1;
    }

    private int search(int from, int to, String[] needles) {
        for (int i = from; i < to; i++) {
            if (!isComment(lines.get(i)) && holdsAll(lines.get(i), needles[0]) && holdsAll(statement(i), needles)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Line {@code i} and the lines after it up to the one that ends its statement (the first holding a {@code ;}), so
     * that a call written over several lines, {@code op.dropTable(\n "users");}, is found at the line it starts on,
     * and the arguments of the next statement are not taken for its own.
     */
    private String statement(int i) {
        StringBuilder statement = new StringBuilder(lines.get(i));
        for (int j = i; !lines.get(j).contains(";") && j + 1 < end; j++) {
            statement.append('\n').append(lines.get(j + 1));
        }
        return statement.toString();
    }

    /** A line that is only a comment: a note above a statement that names what it does is not the statement. */
    private static boolean isComment(String line) {
        String text = line.stripLeading();
        return text.startsWith("--") || text.startsWith("//") || text.startsWith("/*") || text.startsWith("*");
    }

    private static boolean holdsAll(String line, String... needles) {
        for (String needle : needles) {
            if (!line.contains(needle.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    private static int firstMatch(List<String> lines, Pattern pattern, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (pattern.matcher(lines.get(i)).find()) {
                return i;
            }
        }
        return -1;
    }
}
