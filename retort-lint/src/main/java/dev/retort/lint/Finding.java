package dev.retort.lint;

/**
 * One problem the linter found in a migration.
 *
 * @param revision the migration's revision id
 * @param file the migration's file name, as given in the {@link LintInput}
 * @param line the 1-based line in the file, or 0 when the linter cannot tell
 * @param message one line: what the migration does and why that is risky; never a secret's value
 */
public record Finding(String code, Severity severity, String revision, String file, int line, String message) {
    public Finding {
        if (severity == null || severity == Severity.OFF) {
            throw new IllegalArgumentException("Finding " + code + " needs a severity of ERROR or WARNING.");
        }
        if (line < 0) {
            throw new IllegalArgumentException("Finding " + code + " has a negative line number " + line + ".");
        }
    }

    /** The finding as a compiler would print it: {@code file:line: severity CODE message}. */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + severity.name().toLowerCase(java.util.Locale.ROOT)
                + " " + code + " " + message;
    }
}
