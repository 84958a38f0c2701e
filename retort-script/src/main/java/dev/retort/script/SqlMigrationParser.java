package dev.retort.script;

import dev.retort.RetortException;
import dev.retort.TerminalText;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.ScriptPart;
import dev.retort.dialect.SqlStatement;
import dev.retort.revision.Revision;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads SQL migrations: the fixed header ({@code -- revision:}, {@code -- down_revision:} ...) and the
 * {@code -- +upgrade} / {@code -- +downgrade} sections, with {@code -- +autocommit} blocks inside them.
 */
public final class SqlMigrationParser {
    static final String UPGRADE = "-- +upgrade";
    static final String DOWNGRADE = "-- +downgrade";
    static final String AUTOCOMMIT = "-- +autocommit";
    static final String END_AUTOCOMMIT = "-- +end-autocommit";
    private static final List<String> HEADER_KEYS =
            List.of("revision", "down_revision", "message", "branch_labels", "depends_on", "create_date");
    /** What may stand between a line comment's {@code --} and a marker's {@code +}: spaces, and dashes mistyped. */
    private static final Pattern EXTRA_DASHES = Pattern.compile("^[-\\s]*");

    private SqlMigrationParser() {
    }

    /** The header as a graph value, reading only the lines before {@code -- +upgrade}. */
    public static Header header(String fileName, String text) {
        Map<String, String> values = new TreeMap<>();
        int lineNumber = 0;
        // Line by line up to the marker: the statements after it are not this method's business.
        for (int start = 0; start <= text.length(); ) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(start, end).strip();
            start = end + 1;
            lineNumber++;
            if (isMarker(line, UPGRADE)) {
                return toHeader(fileName, values);
            }
            if (line.isEmpty()) {
                continue;
            }
            if (isAnyMarker(line)) {
                throw new ScriptException(fileName + ":" + lineNumber + ": '" + shown(line)
                        + "' comes before '-- +upgrade'; put the upgrade section first.");
            }
            if (looksLikeMarker(line)) {
                throw notAMarker(fileName + ":" + lineNumber + ": ", line);
            }
            if (!line.startsWith("--")) {
                throw new ScriptException(fileName + ":" + lineNumber + ": SQL before the '-- +upgrade' marker; "
                        + "a SQL migration starts with its header, then '-- +upgrade', then the statements.");
            }
            String comment = line.substring(2).strip();
            int colon = comment.indexOf(':');
            if (colon <= 0) {
                continue; // a plain comment in the header
            }
            String key = comment.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (!isKeyWord(key)) {
                continue;
            }
            if (!HEADER_KEYS.contains(key)) {
                // Not taken for a comment: a misspelt '-- down_revison: ...' would silently make the file a new root.
                throw new ScriptException(fileName + ":" + lineNumber + ": unknown header key '" + key
                        + "'; the keys are " + String.join(", ", HEADER_KEYS) + ". To write a comment, leave out "
                        + "the colon after its first word, or put it below '-- +upgrade'.");
            }
            String value = comment.substring(colon + 1).strip();
            if (key.equals("down_revision") && value.isEmpty()) {
                // Read as none, it would make a second root, and a second head, without a word.
                throw new ScriptException(fileName + ":" + lineNumber + ": '-- down_revision:' is empty; write the id "
                        + "of the revision this one follows, or 'none' for a first migration.");
            }
            if (values.put(key, value) != null) {
                throw new ScriptException(fileName + ":" + lineNumber + ": header key '" + key + "' is given twice.");
            }
        }
        if (text.indexOf('\r') >= 0 && text.indexOf('\n') < 0) {
            // Read as one line, the header's first comment holds the whole file.
            throw new ScriptException(fileName + ": its lines end in a carriage return alone (as on classic Mac OS), "
                    + "so Retort reads it as one line; save it with LF (or CRLF) line ends.");
        }
        throw new ScriptException(fileName + ": no '-- +upgrade' section; a SQL migration needs a header, "
                + "then '-- +upgrade' and its statements, then optionally '-- +downgrade'.");
    }

    /**
     * The statements of both sections. The dialect's splitter cuts the text at the markers as it splits the
     * statements, so that a marker line inside a string, a block comment or a dollar-quoted function body is
     * part of it rather than a marker.
     */
    public static SqlMigration body(String fileName, String text, Dialect dialect) {
        List<ScriptPart> parts;
        try {
            parts = dialect.split(text, new MarkerTest());
        } catch (RetortException e) {
            throw new ScriptException(fileName + ": " + e.getMessage(), e);
        }
        List<SqlStatement> beforeMarkers = parts.get(0).statements();
        if (!beforeMarkers.isEmpty()) {
            throw new ScriptException(fileName + ":" + beforeMarkers.get(0).line() + ": SQL before the '-- +upgrade' "
                    + "marker; a SQL migration starts with its header, then '-- +upgrade', then the statements.");
        }
        List<SqlMigration.Block> upgrade = null;
        List<SqlMigration.Block> downgrade = null;
        List<SqlMigration.Block> current = null;
        boolean autocommit = false;
        for (int p = 1; p < parts.size(); p++) {
            ScriptPart part = parts.get(p);
            String marker = part.marker();
            String where = fileName + ":" + part.line() + ": ";
            if (!isAnyMarker(marker) && part.statements().isEmpty() && p + 1 < parts.size()
                    && isMarker(parts.get(p + 1).marker(), DOWNGRADE) && !looksLikeMarker(marker)) {
                // A heading right above the downgrade's marker ("-- Downgrade", then "-- +downgrade"): no statement
                // stands between them, so it misplaces none.
                continue;
            }
            if (!isAnyMarker(marker)) {
                throw notAMarker(where, marker);
            }
            boolean up = isMarker(marker, UPGRADE);
            boolean down = isMarker(marker, DOWNGRADE);
            boolean ac = isMarker(marker, AUTOCOMMIT);
            if (up || down) {
                if (autocommit) {
                    throw new ScriptException(where + "'-- +autocommit' block is not closed; "
                            + "end it with '-- +end-autocommit' before '" + shown(marker) + "'.");
                }
                if (up && upgrade != null || down && downgrade != null) {
                    throw new ScriptException(where + "'" + shown(marker) + "' appears twice.");
                }
                if (up && downgrade != null) {
                    throw new ScriptException(where + "'-- +upgrade' must come before '-- +downgrade'.");
                }
                current = new ArrayList<>();
                if (up) {
                    upgrade = current;
                } else {
                    downgrade = current;
                }
            } else if (current == null) {
                throw new ScriptException(where + "'" + shown(marker) + "' outside a section.");
            } else if (ac == autocommit) {
                throw new ScriptException(where + "'" + shown(marker) + "' "
                        + (ac ? "inside another '-- +autocommit' block" : "without a '-- +autocommit' before it") + ".");
            } else {
                autocommit = ac;
            }
            if (!part.statements().isEmpty()) {
                current.add(new SqlMigration.Block(autocommit, part.statements()));
            }
        }
        if (autocommit) {
            throw new ScriptException(fileName + ": '-- +autocommit' block is not closed; "
                    + "end it with '-- +end-autocommit'.");
        }
        if (upgrade == null) {
            throw new ScriptException(fileName + ": no '-- +upgrade' section.");
        }
        return new SqlMigration(upgrade, Optional.ofNullable(downgrade));
    }

    /** A value from the file as a message quotes it, its control characters and line separators escaped. */
    static String shown(String value) {
        return TerminalText.quoted(value);
    }

    /**
     * Whether a header comment's text before its colon reads as a key: one word of (lowercased) letters and
     * underscores. {@code -- note: ...} does, and is an error as no key has that name; {@code -- see http://...}
     * is a comment.
     */
    private static boolean isKeyWord(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if ((c < 'a' || c > 'z') && c != '_') {
                return false;
            }
        }
        return !key.isEmpty();
    }

    /**
     * A line comment that starts with {@code +} and a letter, with or without spaces around the {@code +} and dashes
     * before it: the form of a marker, so a mistyped one such as {@code -- +downgarde}, {@code -- + downgrade} or
     * {@code --- +downgrade} is an error rather than a comment. Taken for a comment, it would put the downgrade's
     * statements at the end of the upgrade.
     */
    private static boolean looksLikeMarker(String line) {
        if (!line.startsWith("--")) {
            return false;
        }
        String rest = EXTRA_DASHES.matcher(line.substring(2)).replaceFirst("");
        if (rest.isEmpty() || rest.charAt(0) != '+') {
            return false;
        }
        String word = rest.substring(1).stripLeading();
        return !word.isEmpty() && Character.isLetter(word.charAt(0));
    }

    /**
     * The downgrade marker, when a comment is only its word ({@code -- downgrade}, {@code -- Downgrade:}), the
     * likeliest way to forget the {@code +}; null otherwise.
     */
    private static String markerWord(String comment) {
        String word = comment.strip();
        word = word.endsWith(":") ? word.substring(0, word.length() - 1).strip() : word;
        return word.equalsIgnoreCase(DOWNGRADE.substring(DOWNGRADE.indexOf('+') + 1)) ? DOWNGRADE : null;
    }

    /**
     * The lines the splitter cuts a migration's body at: every line of a marker's form ({@link #looksLikeMarker}), and
     * a comment of only the word downgrade in the upgrade section, where it was meant as the downgrade's marker: taken
     * for a comment, it would leave the downgrade's statements in the upgrade, which would then undo itself. The same
     * comment elsewhere (a heading in the downgrade section, a note in the header) changes nothing and is a comment,
     * as it always was, so a migration already applied with one reads the same.
     */
    private static final class MarkerTest implements java.util.function.Predicate<String> {
        private boolean inUpgrade;

        @Override
        public boolean test(String line) {
            if (looksLikeMarker(line)) {
                if (isMarker(line, UPGRADE) || isMarker(line, DOWNGRADE)) {
                    inUpgrade = isMarker(line, UPGRADE);
                }
                return true;
            }
            return inUpgrade && line.startsWith("--")
                    && markerWord(EXTRA_DASHES.matcher(line.substring(2)).replaceFirst("")) != null;
        }
    }

    private static ScriptException notAMarker(String where, String line) {
        String word = line.startsWith("--")
                ? markerWord(EXTRA_DASHES.matcher(line.substring(2)).replaceFirst("")) : null;
        if (word != null) {
            return new ScriptException(where + "'" + shown(line) + "' is not a marker; write it '" + word + "', with "
                    + "the '+' (as a comment, the statements after it would stay in the section before it).");
        }
        String spaced = EXTRA_DASHES.matcher(line.replaceAll("\\s+", "").substring(2)).replaceFirst("--");
        for (String marker : List.of(UPGRADE, DOWNGRADE, AUTOCOMMIT, END_AUTOCOMMIT)) {
            if (spaced.equalsIgnoreCase(marker.replace(" ", ""))) {
                return new ScriptException(where + "'" + shown(line) + "' is not a marker; write it '" + marker
                        + "', the word right after the '+'.");
            }
        }
        return new ScriptException(where + "'" + shown(line) + "' is not a marker; the markers are '" + UPGRADE
                + "', '" + DOWNGRADE + "', '" + AUTOCOMMIT + "' and '" + END_AUTOCOMMIT + "' (write a comment "
                + "without the '+').");
    }

    private static boolean isAnyMarker(String line) {
        return isMarker(line, UPGRADE) || isMarker(line, DOWNGRADE) || isMarker(line, AUTOCOMMIT)
                || isMarker(line, END_AUTOCOMMIT);
    }

    /**
     * Whether {@code line} (stripped, so indented markers count) is {@code marker}: in any case, with any spaces
     * between the {@code --} and the {@code +} (none too), and the word right after the {@code +}.
     */
    private static boolean isMarker(String line, String marker) {
        // Every marker has a '+': most lines (header lines, statements) are told apart without a copy.
        if (line.indexOf('+') < 0 || !line.startsWith("--")) {
            return false;
        }
        return line.substring(2).stripLeading().equalsIgnoreCase(marker.substring(marker.indexOf('+')));
    }

    private static Header toHeader(String fileName, Map<String, String> values) {
        String id = values.get("revision");
        if (id == null) {
            throw new ScriptException(fileName + ": the header has no '-- revision:' line; add one with a 12-character hex id.");
        }
        if (!RevisionIds.isValid(id)) {
            throw new ScriptException(fileName + ": revision id '" + shown(id)
                    + "' is not 12 lowercase hex characters.");
        }
        String down = values.get("down_revision");
        if (down == null) {
            throw new ScriptException(fileName + ": the header has no '-- down_revision:' line; "
                    + "write '-- down_revision: none' for a first migration.");
        }
        List<String> downs = ids(fileName, "down_revision", down);
        List<String> dependsOn = ids(fileName, "depends_on", values.getOrDefault("depends_on", "none"));
        List<String> labels = list(values.getOrDefault("branch_labels", ""));
        Revision revision = new Revision(id, downs, new LinkedHashSet<>(labels), dependsOn,
                values.getOrDefault("message", ""), fileName);
        return new Header(revision, values.getOrDefault("create_date", ""));
    }

    private static List<String> ids(String fileName, String key, String value) {
        List<String> ids = list(value);
        for (String id : ids) {
            if (!RevisionIds.isValid(id)) {
                throw new ScriptException(fileName + ": " + key + " '" + shown(id)
                        + "' is not a revision id (12 lowercase hex characters, or 'none').");
            }
        }
        return ids;
    }

    private static List<String> list(String value) {
        String v = value.strip();
        if (v.isEmpty() || v.equalsIgnoreCase("none")) {
            return List.of();
        }
        if (v.indexOf(',') < 0) {
            return List.of(v);
        }
        List<String> items = new ArrayList<>();
        for (String item : v.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return List.copyOf(items);
    }

    /** The header of a migration file: its graph value and its creation time. */
    public record Header(Revision revision, String created) {
    }
}
