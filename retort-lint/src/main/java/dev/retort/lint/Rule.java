package dev.retort.lint;

/**
 * One lint rule: a stable code such as {@code RT101}, what it catches, and how much that matters unless
 * {@code retort.toml}'s {@code [lint]} table says otherwise.
 *
 * @param title what the rule catches and why, in a few words, for listings and documentation
 */
public record Rule(String code, String title, Severity defaultSeverity) {
    public Rule {
        if (code == null || !code.matches("RT\\d{3}")) {
            throw new IllegalArgumentException("A rule code is RT followed by three digits, not " + code + ".");
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("Rule " + code + " has no title.");
        }
        if (defaultSeverity == null || defaultSeverity == Severity.OFF) {
            throw new IllegalArgumentException("Rule " + code + " needs a default severity of ERROR or WARNING.");
        }
    }
}
