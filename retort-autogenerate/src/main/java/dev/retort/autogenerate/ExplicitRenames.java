package dev.retort.autogenerate;

import dev.retort.operation.ColumnDef;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The renames given with {@code --rename old=new}: the answers they give the diff, and for each one the diff never
 * confirmed, what it failed to match.
 *
 * <p>The forms are {@code table=new_table}, {@code table.column=new_column} and
 * {@code table.column=table.new_column}; a table outside {@code public} is written {@code schema.table} (and
 * {@code table=schema.table} moves a table to another schema), and
 * {@code public.table} means {@code table}, as introspection names it. A rename that matches no dropped and added
 * pair must not pass unnoticed: the diff would drop the old column or table, and its data with it.
 */
public final class ExplicitRenames {
    private final Map<String, String> pairs;
    private final Set<String> matched = new HashSet<>();

    /** @param pairs old name to new name, as written on the command line */
    public ExplicitRenames(Map<String, String> pairs) {
        this.pairs = new LinkedHashMap<>(pairs);
    }

    /** What the pairs say about table {@code from} becoming {@code to}; empty when none names {@code from}. */
    Optional<Boolean> tableRenamed(QualifiedName from, QualifiedName to) {
        Optional<Boolean> answer = Optional.empty();
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            if (names(pair.getKey(), from)) {
                boolean yes = names(pair.getValue(), to) || pair.getValue().equals(to.name());
                answer = Optional.of(yes || answer.orElse(false));
                if (yes) {
                    matched.add(pair.getKey());
                }
            }
        }
        return answer;
    }

    /**
     * What the pairs say about column {@code from} of {@code table} becoming {@code to}; empty when none names it.
     *
     * @param table the table as the model names it (after any table rename)
     */
    Optional<Boolean> columnRenamed(QualifiedName table, String from, String to) {
        Optional<Boolean> answer = Optional.empty();
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            if (namesColumn(pair.getKey(), table, from)) {
                boolean yes = pair.getValue().equals(to) || namesColumn(pair.getValue(), table, to);
                answer = Optional.of(yes || answer.orElse(false));
                if (yes) {
                    matched.add(pair.getKey());
                }
            }
        }
        return answer;
    }

    /**
     * Whether a pair renames column {@code from} of {@code table} to {@code to}, without counting it as applied: a
     * table renamed in the same revision pairs with the dropped one only with such column renames.
     *
     * @param table the table as the model names it (after any table rename)
     */
    boolean namesColumn(QualifiedName table, String from, String to) {
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            if (namesColumn(pair.getKey(), table, from)
                    && (pair.getValue().equals(to) || namesColumn(pair.getValue(), table, to))) {
                return true;
            }
        }
        return false;
    }

    /**
     * One sentence for each pair the diff did not apply, naming it and what it did not match.
     *
     * @param current the database's schema, before any rename
     * @param desired the model's schema
     */
    public List<String> unmatched(DatabaseSchema current, DatabaseSchema desired) {
        List<String> sentences = new ArrayList<>();
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            if (!matched.contains(pair.getKey())) {
                sentences.add("--rename " + pair.getKey() + "=" + pair.getValue() + " renames nothing: "
                        + reason(pair.getKey(), pair.getValue(), current, desired) + ".");
            }
        }
        return sentences;
    }

    private String reason(String key, String value, DatabaseSchema current, DatabaseSchema desired) {
        if (key.isBlank() || value.isBlank()) {
            return "it needs the old name before the = and the new one after it";
        }
        QualifiedName asTable = tableName(key);
        boolean table = key.indexOf('.') < 0 || key.indexOf('.') == key.lastIndexOf('.')
                && (current.table(asTable).isPresent() || desired.table(asTable).isPresent());
        if (table) {
            return tableReason(asTable, value, current, desired);
        }
        int dot = key.lastIndexOf('.');
        return columnReason(tableName(key.substring(0, dot)), key.substring(dot + 1), value, current, desired);
    }

    private static String tableReason(QualifiedName from, String value, DatabaseSchema current,
            DatabaseSchema desired) {
        QualifiedName to = value.indexOf('.') < 0 ? QualifiedName.of(from.schema(), value) : tableName(value);
        if (current.table(from).isEmpty()) {
            return "the database has no table " + from;
        }
        if (desired.table(from).isPresent()) {
            return "the model still has table " + from + ", so it is not dropped";
        }
        if (desired.table(to).isEmpty()) {
            return "the model has no table " + to;
        }
        if (current.table(to).isPresent()) {
            return "the database already has a table " + to + ", so it is not new";
        }
        if (!Objects.equals(from.schema(), to.schema())) {
            return "table " + from + " of the database and " + to + " of the model do not pair as a move: a moved "
                    + "table keeps its columns' base types and names (but for those given with --rename under its "
                    + "new name), the names it takes along (its own, its indexes', keys' and sequences') must be "
                    + "free in schema " + schemaName(to) + ", and the model's in schema " + schemaName(from)
                    + ", where the downgrade moves it back (free them, or move the table, in another revision), and "
                    + "each table pairs once";
        }
        return "table " + from + " of the database and " + to + " of the model do not pair as a rename: a renamed "
                + "table keeps its columns' base types and names, but for those given with --rename under its new "
                + "name (" + to + ".old_column=new_column; change the others in another revision), no index or "
                + "key of schema " + schemaName(to) + " may have its new name, nor one of the model its old name "
                + "(rename those in another revision), and each table pairs once";
    }

    private String columnReason(QualifiedName table, String from, String value, DatabaseSchema current,
            DatabaseSchema desired) {
        int dot = value.lastIndexOf('.');
        if (dot >= 0 && !names(value.substring(0, dot), table)) {
            return "a renamed column stays in its table, so write the new name alone (" + table + "." + from + "="
                    + value.substring(dot + 1) + ")";
        }
        String to = value.substring(dot + 1);
        Optional<Table> after = desired.table(table);
        Optional<Table> before = current.table(table).or(() -> renamedFrom(table, current));
        if (after.isEmpty()) {
            return before.isPresent()
                    ? "the model has no table " + table + " (name the columns of a table renamed in the same "
                            + "revision by the table's new name)"
                    : "neither the database nor the model has a table " + table;
        }
        if (before.isEmpty()) {
            return "the database has no table " + table;
        }
        QualifiedName old = before.get().name();
        Optional<ColumnDef> dropped = before.get().column(from);
        if (dropped.isEmpty()) {
            return "table " + old + " of the database has no column " + from + spelledAs(before.get(), from);
        }
        if (after.get().column(from).isPresent()) {
            return "table " + table + " of the model still has column " + from + ", so it is not dropped";
        }
        Optional<ColumnDef> added = after.get().column(to);
        if (added.isEmpty()) {
            return "table " + table + " of the model has no column " + to + spelledAs(after.get(), to);
        }
        if (before.get().column(to).isPresent()) {
            return "table " + old + " of the database already has a column " + to + ", so it is not new";
        }
        return old + "." + from + " (" + dropped.get().type() + ") of the database and " + table + "." + to + " ("
                + added.get().type() + ") of the model do not pair as a rename: a renamed column keeps its base "
                + "type, and each column pairs once";
    }

    /**
     * The column of {@code table} that {@code written} probably means, told as the end of the reason: one of the same
     * name but for case and underscores ({@code fullName} for {@code fullname} or {@code full_name}), as PostgreSQL
     * folds unquoted names to lower case and the naming strategy may split them.
     */
    private static String spelledAs(Table table, String written) {
        String bare = written.replace("_", "").toLowerCase(Locale.ROOT);
        return table.columns().stream().map(ColumnDef::name)
                .filter(name -> name.replace("_", "").toLowerCase(Locale.ROOT).equals(bare))
                .findFirst()
                .map(name -> "; its column is named " + name + " (write the names as the database spells them: "
                        + "PostgreSQL folds unquoted names to lower case)")
                .orElse("");
    }

    /** The database's table that a {@code --rename} pair renames to {@code table}, if one does. */
    private Optional<Table> renamedFrom(QualifiedName table, DatabaseSchema current) {
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            if (matched.contains(pair.getKey()) && (names(pair.getValue(), table)
                    || pair.getValue().equals(table.name()))) {
                Optional<Table> found = current.table(tableName(pair.getKey()));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** Whether {@code written} is column {@code column} of {@code table}: {@code table.column}. */
    private static boolean namesColumn(String written, QualifiedName table, String column) {
        int dot = written.lastIndexOf('.');
        return dot > 0 && written.substring(dot + 1).equals(column) && names(written.substring(0, dot), table);
    }

    /** Whether {@code written} names {@code table}; the default schema may be written out. */
    private static boolean names(String written, QualifiedName table) {
        return !written.isEmpty() && tableName(written).equals(table);
    }

    private static String schemaName(QualifiedName table) {
        return table.schema() == null ? "public" : table.schema();
    }

    /** A table as written: {@code table} or {@code schema.table}, with {@code public} as no schema. */
    private static QualifiedName tableName(String written) {
        int dot = written.indexOf('.');
        if (dot <= 0 || dot == written.length() - 1) {
            return QualifiedName.of(written);
        }
        String schema = written.substring(0, dot);
        return QualifiedName.of("public".equals(schema) ? null : schema, written.substring(dot + 1));
    }
}
