package dev.retort.autogenerate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code that declares what a statement of a generated model's DDL creates: the entity of the table it names,
 * or, where PostgreSQL points into a column of a {@code create table}, the attribute that maps the column (into a
 * unique constraint, the {@code @UniqueConstraint} that declares it); the entity and its {@code @Index} for an
 * index, the id attribute and its generator for a sequence, and for a schema the first entity or generator that puts
 * something in it.
 *
 * <p>Reads only the statement shapes Hibernate writes ({@code create table t (...)}, {@code alter table if exists t
 * ...}, {@code create index i on t ...}, {@code comment on column t.c ...}, {@code create sequence s ...},
 * {@code create schema s}); anything else has no owner, and the error falls back to the model's origin.
 */
final class StatementOwner {
    private static final String NAME = "(\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*)";
    private static final Pattern TABLE = Pattern.compile("(?is)^\\s*(?:create\\s+(?:unlogged\\s+)?table"
            + "(?:\\s+if\\s+not\\s+exists)?|alter\\s+table(?:\\s+if\\s+exists)?(?:\\s+only)?"
            + "|create\\s+(?:unique\\s+)?index\\s+(?:if\\s+not\\s+exists\\s+)?" + NAME + "?\\s*on(?:\\s+only)?)"
            + "\\s+" + NAME + "(?:\\s*\\.\\s*" + NAME + ")?");
    private static final Pattern COMMENT = Pattern.compile("(?is)^\\s*comment\\s+on\\s+column\\s+" + NAME
            + "\\s*\\.\\s*" + NAME + "(?:\\s*\\.\\s*" + NAME + ")?\\s+is");
    private static final Pattern SEQUENCE = Pattern.compile("(?is)^\\s*create\\s+sequence(?:\\s+if\\s+not\\s+exists)?"
            + "\\s+" + NAME + "(?:\\s*\\.\\s*" + NAME + ")?");
    private static final Pattern SCHEMA = Pattern.compile("(?is)^\\s*create\\s+schema(?:\\s+if\\s+not\\s+exists)?\\s+"
            + NAME);
    private static final Pattern CREATE_TABLE = Pattern.compile("(?is)^\\s*create\\s+(?:unlogged\\s+)?table\\s");
    private static final Pattern POSITION = Pattern.compile("\\n\\s*Position: (\\d+)");
    private static final Pattern NAMED_CONSTRAINT = Pattern.compile("(?is)constraint\\s+" + NAME);
    private static final Pattern UNIQUE = Pattern.compile("(?is)unique\\s*\\(([^)]*)\\)");

    private StatementOwner() {
    }

    /**
     * The owner of {@code sql} in {@code owners} (see {@link ModelDdl#owners}), using the position PostgreSQL gave
     * in {@code error} (its {@code Position: n} line) to find the column at fault.
     */
    static Optional<String> of(Map<String, String> owners, String sql, String error) {
        if (owners.isEmpty()) {
            return Optional.empty();
        }
        Matcher comment = COMMENT.matcher(sql);
        if (comment.find()) {
            String table = comment.group(3) == null ? name(comment.group(1)) : qualified(comment.group(1),
                    comment.group(2));
            String column = name(comment.group(3) == null ? comment.group(2) : comment.group(3));
            return Optional.ofNullable(owners.get(table + "." + column))
                    .or(() -> Optional.ofNullable(owners.get(table)));
        }
        Matcher schema = SCHEMA.matcher(sql);
        if (schema.find()) {
            return Optional.ofNullable(owners.get("schema " + name(schema.group(1))));
        }
        Matcher sequence = SEQUENCE.matcher(sql);
        if (sequence.find()) {
            return Optional.ofNullable(owners.get(sequence.group(2) == null ? name(sequence.group(1))
                    : qualified(sequence.group(1), sequence.group(2))));
        }
        Matcher matcher = TABLE.matcher(sql);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String table = matcher.group(3) == null ? name(matcher.group(2)) : qualified(matcher.group(2),
                matcher.group(3));
        if (matcher.group(1) != null) {
            // An index lives in its table's schema.
            String index = matcher.group(3) == null ? name(matcher.group(1)) : qualified(matcher.group(2),
                    matcher.group(1));
            if (owners.containsKey(index)) {
                return Optional.of(owners.get(index));
            }
        }
        if (CREATE_TABLE.matcher(sql).find()) {
            String tableSchema = matcher.group(3) == null ? null : matcher.group(2);
            Optional<String> element = element(sql, matcher.end(), position(error))
                    .map(e -> elementKey(e, tableSchema, table))
                    .filter(owners::containsKey);
            if (element.isPresent()) {
                return Optional.of(owners.get(element.get()));
            }
        }
        return Optional.ofNullable(owners.get(table));
    }

    /**
     * The key of {@code owners} for an element of the list of a {@code create table}: a named constraint by its name
     * (in the table's schema, as an index), an unnamed unique constraint as {@code table unique (a, b)}, a column as
     * {@code table.column}.
     */
    private static String elementKey(String element, String schema, String table) {
        Matcher constraint = NAMED_CONSTRAINT.matcher(element);
        if (constraint.lookingAt()) {
            return schema == null ? name(constraint.group(1)) : qualified(schema, constraint.group(1));
        }
        Matcher unique = UNIQUE.matcher(element);
        if (unique.lookingAt()) {
            List<String> columns = new ArrayList<>();
            Matcher column = Pattern.compile(NAME).matcher(unique.group(1));
            while (column.find()) {
                columns.add(name(column.group(1)));
            }
            return table + " unique (" + String.join(", ", columns) + ")";
        }
        Matcher first = Pattern.compile("\\s*" + NAME).matcher(element);
        if (!first.lookingAt()) {
            return table;
        }
        return switch (first.group(1).toLowerCase(Locale.ROOT)) {
            case "primary", "unique", "check", "constraint", "foreign", "exclude" -> table;
            default -> table + "." + name(first.group(1));
        };
    }

    /** The 0-based offset PostgreSQL pointed at in the statement, or -1. */
    private static int position(String error) {
        Matcher matcher = POSITION.matcher(error == null ? "" : error);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) - 1 : -1;
    }

    /**
     * The element of the parenthesised list after {@code from} (a column's definition, a constraint) that holds
     * {@code position}: the text between the commas around it, at the list's own depth.
     */
    private static Optional<String> element(String sql, int from, int position) {
        int open = sql.indexOf('(', from);
        if (position < 0 || open < 0 || position <= open || position >= sql.length()) {
            return Optional.empty();
        }
        int depth = 0;
        int start = open + 1;
        boolean quoted = false;
        boolean string = false;
        for (int i = open + 1; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (string) {
                string = c != '\'';
            } else if (quoted) {
                quoted = c != '"';
            } else if (c == '\'') {
                string = true;
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0 || c == ')') {
                if (i >= position) {
                    return Optional.of(sql.substring(start, i).strip());
                }
                if (c == ')') {
                    return Optional.empty(); // past the list
                }
                start = i + 1;
            }
        }
        return Optional.empty();
    }

    private static String qualified(String schema, String table) {
        String s = name(schema);
        return s.equals("public") ? name(table) : s + "." + name(table);
    }

    /** A name as PostgreSQL stores it: quoted as written, unquoted with ASCII letters in lower case. */
    private static String name(String written) {
        if (written.startsWith("\"")) {
            return written.substring(1, written.length() - 1).replace("\"\"", "\"");
        }
        StringBuilder folded = new StringBuilder(written.length());
        for (char c : written.toCharArray()) {
            folded.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return folded.toString();
    }
}
