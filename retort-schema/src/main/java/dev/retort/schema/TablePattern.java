package dev.retort.schema;

import dev.retort.operation.QualifiedName;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A glob over table names, as {@code exclude_tables} takes them (and {@code exclude_sequences} and
 * {@code exclude_types} the names of sequences and enum types): {@code *} stands for any run of characters and
 * {@code ?} for one, everything else for itself. {@code legacy_*} and {@code *_old} match tables of the default
 * schema (those whose names carry none), {@code audit.*} those of {@code audit}.
 *
 * @param schema the glob of the schema part, or null for the default schema's tables only
 * @param name the glob of the table's name
 * @param defaultSchema whether {@code schema} also matches the default schema's tables, which carry no schema
 */
public record TablePattern(Pattern schema, Pattern name, boolean defaultSchema) {
    public TablePattern {
        Objects.requireNonNull(name, "name");
    }

    /** Whether {@code text} has a wildcard, so that it is a pattern rather than a table's exact name. */
    public static boolean isGlob(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
    }

    /**
     * The pattern {@code text}, {@code name} or {@code schema.name}, split at its first dot.
     *
     * @param home the name of the default schema, whose tables carry none: a schema glob that matches it (as
     *     {@code *} does) takes them too, and so does {@code public} written without a wildcard, as an exact name does
     */
    public static TablePattern of(String text, String home) {
        int dot = text.indexOf('.');
        Pattern name = glob(text.substring(dot + 1));
        if (dot < 0) {
            return new TablePattern(null, name, true);
        }
        String schemaText = text.substring(0, dot);
        Pattern schema = glob(schemaText);
        boolean defaultSchema = schema.matcher(home).matches() || (!isGlob(schemaText) && schemaText.equals("public"));
        return new TablePattern(schema, name, defaultSchema);
    }

    /** Whether {@code table} (with no schema for the default schema's) is one this pattern names. */
    public boolean matches(QualifiedName table) {
        if (!name.matcher(table.name()).matches()) {
            return false;
        }
        return table.schema() == null ? defaultSchema : schema != null && schema.matcher(table.schema()).matches();
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        int literal = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (literal < i) {
                    regex.append(Pattern.quote(glob.substring(literal, i)));
                }
                regex.append(c == '*' ? ".*" : ".");
                literal = i + 1;
            }
        }
        if (literal < glob.length()) {
            regex.append(Pattern.quote(glob.substring(literal)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
