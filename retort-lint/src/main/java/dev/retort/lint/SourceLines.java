package dev.retort.lint;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the line of the upgrade section where an operation is written.
 *
 * <p>Operations do not carry line numbers, so this is a search: the first place, after the previous hit, where the
 * first needle is written and starts a statement holding every needle. A needle matches as written, with three
 * allowances: letters outside double quotes compare case-insensitively, as PostgreSQL folds them, while a quoted
 * identifier compares exactly; and a needle that starts or ends with a name must not be part of a longer one, so
 * {@code DROP TABLE legacy_orders} is not found in {@code DROP TABLE legacy_orders_2019} (which let the
 * {@code retort:allow} comment above the one cover the other). Operations are recorded in the order they are written,
 * so searching on from just past the last hit, not from its line, tells apart statements alike, even on one line:
 * {@code DELETE FROM n} is not found in an earlier {@code DELETE FROM n WHERE id < 0}. When nothing matches the answer
 * is 0, "unknown", never a guess.
 */
final class SourceLines {
    private static final Pattern SQL_UPGRADE = Pattern.compile("^\\s*--\\s*\\+upgrade\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_DOWNGRADE = Pattern.compile("^\\s*--\\s*\\+downgrade\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern JAVA_UPGRADE = Pattern.compile("\\bupgrade\\s*\\(");
    private static final Pattern JAVA_DOWNGRADE = Pattern.compile("\\bdowngrade\\s*\\(");

    private final List<String> lines;
    private final int start;
    private final int end;
    /** Where the search goes on from: just past the first needle of the last hit. */
    private Position cursor;
    /** Where each set of needles was last found. */
    private final Map<String, Position> hits = new HashMap<>();

    /** A place in the text: a 0-based line and a column in it. */
    private record Position(int line, int column) {
        boolean isAfter(Position other) {
            return line > other.line || line == other.line && column > other.column;
        }
    }

    private SourceLines(List<String> lines, int start, int end) {
        this.lines = lines;
        this.start = start;
        this.end = end;
        this.cursor = new Position(start, 0);
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

    /** The 1-based line where every needle is found, searching on from the last hit; 0 if none. */
    int find(String... needles) {
        // The same needles again are the next statement alike, as two INSERTs into one table are, even when the
        // search went back before the cursor to find the last one.
        String key = String.join("\0", needles).toLowerCase(Locale.ROOT);
        Position last = hits.get(key);
        Position from = last != null && last.isAfter(cursor) ? last : cursor;
        Position found = search(from, new Position(end, 0), needles);
        if (found == null) {
            found = search(new Position(start, 0), from, needles);
        }
        if (found == null) {
            return 0;
        }
        cursor = new Position(found.line(), found.column() + needles[0].length());
        hits.put(key, cursor);
        return found.line() + 1;
    }

    /**
     * The 1-based line of a statement that a block written at line {@code blockLine} runs {@code offset} lines after
     * its own, {@code written} being that line of the block's text: {@code offset} lines on when the source has it
     * there, as a SQL file or a Java text block does; else the block's line, as for a Java string that writes its
     * line breaks as {@code \n}, where the lines of the SQL are not lines of the source.
     */
    int lineWithin(int blockLine, int offset, String written) {
        int at = blockLine - 1 + offset;
        if (blockLine <= 0 || offset == 0 || at >= lines.size()) {
            return blockLine;
        }
        // Up to what Java writes otherwise (a quote, a backslash, a tab), and the source line may hold more.
        int cut = 0;
        while (cut < Math.min(written.length(), 40) && written.charAt(cut) != '"' && written.charAt(cut) != '\\'
                && written.charAt(cut) >= ' ') {
            cut++;
        }
        return lines.get(at).contains(written.substring(0, cut)) ? blockLine + offset : blockLine;
    }

    /** The 1-based line of the first line anywhere in the file that matches {@code pattern}; 0 if none. */
    int findAnywhere(Pattern pattern) {
        return firstMatch(lines, pattern, 0) + 1;
    }

    /** Where the first needle is, at or after {@code from} and before {@code to}, starting a statement holding all. */
    private Position search(Position from, Position to, String[] needles) {
        for (int i = from.line(); i < Math.min(to.line() + 1, end); i++) {
            String line = lines.get(i);
            if (isComment(line)) {
                continue;
            }
            int column = i == from.line() ? from.column() : 0;
            int limit = i == to.line() ? to.column() : line.length();
            for (int at = indexOf(line, needles[0], column); at >= 0 && at < limit;
                    at = indexOf(line, needles[0], at + 1)) {
                if (holdsAll(statement(i, at), needles)) {
                    return new Position(i, at);
                }
            }
        }
        return null;
    }

    /**
     * The text from column {@code at} of line {@code i} up to the end of the line that ends its statement (the first
     * holding a {@code ;}), so that a call written over several lines, {@code op.dropTable(\n "users");}, is found at
     * the line it starts on, and the arguments of the next statement are not taken for its own.
     */
    private String statement(int i, int at) {
        String first = lines.get(i).substring(at);
        StringBuilder statement = new StringBuilder(first);
        for (int j = i; !(j == i ? first : lines.get(j)).contains(";") && j + 1 < end; j++) {
            statement.append('\n').append(lines.get(j + 1));
        }
        return statement.toString();
    }

    /** A line that is only a comment: a note above a statement that names what it does is not the statement. */
    private static boolean isComment(String line) {
        String text = line.stripLeading();
        return text.startsWith("--") || text.startsWith("//") || text.startsWith("/*") || text.startsWith("*");
    }

    private static boolean holdsAll(String text, String... needles) {
        for (String needle : needles) {
            if (indexOf(text, needle, 0) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Where {@code needle} is written in {@code text}, at or after {@code from}, as a whole; -1 if nowhere. */
    static int indexOf(String text, String needle, int from) {
        for (int at = Math.max(from, 0); at + needle.length() <= text.length(); at++) {
            if (matchesAt(text, needle, at)) {
                return at;
            }
        }
        return -1;
    }

    private static boolean matchesAt(String text, String needle, int at) {
        if (needle.isEmpty()) {
            return true;
        }
        boolean quoted = false;
        for (int k = 0; k < needle.length(); k++) {
            char want = needle.charAt(k);
            char got = text.charAt(at + k);
            if (want == '"') {
                quoted = !quoted;
            }
            boolean same = quoted ? got == want
                    : Character.toLowerCase(got) == Character.toLowerCase(want);
            if (!same) {
                return false;
            }
        }
        int after = at + needle.length();
        return !(isNamePart(needle.charAt(0)) && at > 0 && isNamePart(text.charAt(at - 1)))
                && !(isNamePart(needle.charAt(needle.length() - 1)) && after < text.length()
                && isNamePart(text.charAt(after)));
    }

    /** Whether {@code c} can be part of an unquoted name (or of a Java one). */
    static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
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
