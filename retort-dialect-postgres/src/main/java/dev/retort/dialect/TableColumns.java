package dev.retort.dialect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The columns of tables, in their order, for {@link SecretPlaces} to tie each value of an {@code INSERT} that lists no
 * columns ({@code INSERT INTO accounts VALUES ('a', 's3cret')}) to its column. They are known from the statements of
 * the run read so far ({@link #learn}: {@code CREATE TABLE}, and {@code ALTER TABLE}'s columns added, dropped or
 * renamed), else from the database's catalog when one is at hand.
 *
 * <p>Where the columns of a table are not known, every string of such an {@code INSERT}'s rows is hidden when
 * {@link #hidesUnknown}: a value shown in vain is better than a password shown. A table the run made is known by its
 * name as the statement that made it qualified it: an {@code INSERT} that names it otherwise ({@code public.users}
 * for a {@code users} made without a schema, or a {@code users} made in two schemas) may mean another table, whose
 * columns are then not known.
 */
public final class TableColumns {
    /**
     * The words that start a table constraint in a column list: reserved words, which no column is named unquoted,
     * but for {@code EXCLUDE} (a constraint only before {@code (} or {@code USING}).
     */
    private static final Set<String> NO_COLUMN = Set.of("constraint", "primary", "unique", "check", "foreign",
            "exclude", "not");
    /** The first words of the statements that make, change or drop a table. */
    private static final Set<String> FIRST_WORDS = Set.of("create", "alter", "drop");
    /** What may stand between CREATE and TABLE. */
    private static final Set<String> TABLE_KINDS = Set.of("or", "replace", "global", "local", "temp", "temporary",
            "unlogged", "foreign");
    /** Tables the run made, by name: their columns, or null where the statement that made them does not list them. */
    private final Map<String, List<String>> made;
    /**
     * The schema the statement that made each table of {@link #made} named ("" for none); null for a name the run
     * made under more than one.
     */
    private final Map<String, String> madeIn;
    /** Tables the run changed but did not make: what the catalog says of them may be out of date. */
    private final Set<String> changed;
    /** The columns of a table by its schema (or null) and name, as the catalog has them; empty when it has none. */
    private final BiFunction<String, String, Optional<List<String>>> catalog;
    private final Map<String, Optional<List<String>>> read = new HashMap<>();
    private final boolean hidesUnknown;

    private TableColumns(Map<String, List<String>> made, Map<String, String> madeIn, Set<String> changed,
            BiFunction<String, String, Optional<List<String>>> catalog, boolean hidesUnknown) {
        this.made = made;
        this.madeIn = madeIn;
        this.changed = changed;
        this.catalog = catalog;
        this.hidesUnknown = hidesUnknown;
    }

    /** Columns known from the statements {@link #learn}ed only. */
    public TableColumns() {
        this((schema, table) -> Optional.empty());
    }

    /** Columns known from the statements {@link #learn}ed, else from {@code catalog}. */
    public TableColumns(BiFunction<String, String, Optional<List<String>>> catalog) {
        this(new HashMap<>(), new HashMap<>(), new HashSet<>(), catalog, true);
    }

    /**
     * These same columns (what is learned later too), for a reading that hides nothing of a table whose columns are
     * not known: to tell a statement that holds a password from one that may.
     */
    public TableColumns knownOnly() {
        return new TableColumns(made, madeIn, changed, catalog, false);
    }

    /** Whether the strings of an {@code INSERT} into a table whose columns are not known are all hidden. */
    boolean hidesUnknown() {
        return hidesUnknown;
    }

    /** The columns of table {@code name} (in {@code schema}, or null for the search path's), in their order. */
    Optional<List<String>> of(String schema, String name) {
        if (made.containsKey(name)) {
            String in = madeIn.get(name);
            return in != null && in.equals(schema == null ? "" : schema) ? Optional.ofNullable(made.get(name))
                    : Optional.empty();
        }
        if (changed.contains(name)) {
            return Optional.empty();
        }
        return read.computeIfAbsent(schema + "." + name, key -> catalog.apply(schema, name));
    }

    /** Follows what {@code sql} does to the columns of a table, if anything. */
    public void learn(String sql) {
        // The first word, read cheaply: most statements make and change no table.
        List<SqlToken> first = SqlToken.of(sql, 1);
        if (first.isEmpty() || first.get(0).kind() != SqlToken.Kind.WORD
                || !FIRST_WORDS.contains(first.get(0).name())) {
            return;
        }
        List<SqlToken> tokens = SqlToken.of(sql);
        Reader reader = new Reader(tokens);
        if (tokens.get(0).is("create")) {
            reader.create();
        } else if (tokens.get(0).is("alter")) {
            reader.alter();
        } else {
            reader.drop();
        }
    }

    /** Reads one statement's tokens. */
    private final class Reader {
        private final List<SqlToken> tokens;

        Reader(List<SqlToken> tokens) {
            this.tokens = tokens;
        }

        /** {@code CREATE [TEMP | UNLOGGED ...] TABLE [IF NOT EXISTS] name (column type ..., constraint ...)}. */
        void create() {
            int i = 1;
            while (i < tokens.size() && tokens.get(i).kind() == SqlToken.Kind.WORD
                    && TABLE_KINDS.contains(tokens.get(i).name())) {
                i++;
            }
            if (!is(i, "table")) {
                return;
            }
            int afterTable = i + 1;
            i = skip(afterTable, "if", "not", "exists");
            // IF NOT EXISTS over a table that is there changes nothing: the columns written may not be its own.
            boolean mayExist = i > afterTable;
            int name = lastName(i);
            if (name < 0) {
                return;
            }
            String table = tokens.get(name).name();
            String schema = name > i ? tokens.get(name - 2).name() : "";
            madeIn.put(table, madeIn.containsKey(table) && !schema.equals(madeIn.get(table)) ? null : schema);
            i = name + 1;
            if (!is(i, "(") || mayExist) {
                // AS SELECT, OF a type, PARTITION OF a table: its columns are not written here.
                made.put(table, null);
                return;
            }
            List<String> columns = new ArrayList<>();
            i++;
            while (i < tokens.size() && !is(i, ")")) {
                SqlToken first = tokens.get(i);
                if (first.is("like")) {
                    made.put(table, null);
                    return;
                }
                boolean constraint = first.kind() == SqlToken.Kind.WORD && NO_COLUMN.contains(first.name())
                        && !(first.is("exclude") && !is(i + 1, "(") && !is(i + 1, "using"));
                if (first.isName() && !constraint) {
                    columns.add(first.name());
                }
                i = end(i);
                if (is(i, ",")) {
                    i++;
                }
            }
            // A parent's columns come before the table's own.
            made.put(table, is(i + 1, "inherits") ? null : columns);
        }

        /** {@code ALTER TABLE [IF EXISTS] [ONLY] name} with its actions, each up to a comma. */
        void alter() {
            if (!is(1, "table")) {
                return;
            }
            int i = skip(2, "if", "exists");
            i = skip(i, "only");
            int name = lastName(i);
            if (name < 0) {
                return;
            }
            String table = tokens.get(name).name();
            i = name + 1;
            while (i < tokens.size()) {
                action(table, i);
                i = end(i);
                if (!is(i, ",")) {
                    return;
                }
                i++;
            }
        }

        /** An action of ALTER TABLE from {@code i}: a column added, dropped or renamed, or the table renamed. */
        private void action(String table, int i) {
            if (is(i, "add") || is(i, "drop")) {
                boolean add = is(i, "add");
                i++;
                if (tokens.size() > i && tokens.get(i).kind() == SqlToken.Kind.WORD
                        && (NO_COLUMN.contains(tokens.get(i).name()) || is(i, "default") || is(i, "not")
                        || is(i, "expression") || is(i, "identity"))) {
                    return;
                }
                i = skip(i, "column");
                i = add ? skip(i, "if", "not", "exists") : skip(i, "if", "exists");
                if (i < tokens.size() && tokens.get(i).isName()) {
                    String column = tokens.get(i).name();
                    change(table, columns -> {
                        if (add && !columns.contains(column)) {
                            // ADD COLUMN IF NOT EXISTS of one the table has changes nothing.
                            columns.add(column);
                        } else if (!add) {
                            columns.remove(column);
                        }
                    });
                }
            } else if (is(i, "rename")) {
                i++;
                if (is(i, "to")) {
                    if (is(i + 1, "to") || i + 1 >= tokens.size()) {
                        return;
                    }
                    String to = tokens.get(i + 1).name();
                    if (made.containsKey(table)) {
                        made.put(to, made.remove(table));
                        madeIn.put(to, madeIn.get(table));
                    } else {
                        changed.add(to);
                    }
                    return;
                }
                if (is(i, "constraint")) {
                    return;
                }
                i = skip(i, "column");
                if (i + 2 < tokens.size() && is(i + 1, "to")) {
                    String from = tokens.get(i).name();
                    String to = tokens.get(i + 2).name();
                    change(table, columns -> columns.replaceAll(column -> column.equals(from) ? to : column));
                }
            }
        }

        private void change(String table, Consumer<List<String>> change) {
            if (!made.containsKey(table)) {
                changed.add(table);
                return;
            }
            List<String> columns = made.get(table);
            if (columns != null) {
                List<String> changedColumns = new ArrayList<>(columns);
                change.accept(changedColumns);
                made.put(table, changedColumns);
            }
        }

        /** {@code DROP TABLE [IF EXISTS] a, b}: their columns are not known until the run makes them again. */
        void drop() {
            if (!is(1, "table")) {
                return;
            }
            int i = skip(2, "if", "exists");
            while (i < tokens.size()) {
                int name = lastName(i);
                if (name < 0) {
                    return;
                }
                made.remove(tokens.get(name).name());
                changed.add(tokens.get(name).name());
                i = name + 1;
                if (!is(i, ",")) {
                    return;
                }
                i++;
            }
        }

        /** The last part of a name from {@code i} ({@code users}, {@code public.users}); -1 when none is there. */
        private int lastName(int i) {
            if (i >= tokens.size() || !tokens.get(i).isName()) {
                return -1;
            }
            while (is(i + 1, ".") && i + 2 < tokens.size() && tokens.get(i + 2).isName()) {
                i += 2;
            }
            return i;
        }

        /** Past the words {@code words} from {@code i}, when they all stand there in that order. */
        private int skip(int i, String... words) {
            for (int k = 0; k < words.length; k++) {
                if (!is(i + k, words[k])) {
                    return i;
                }
            }
            return i + words.length;
        }

        /** Where the element from {@code i} of a list ends: at a comma or a closing parenthesis at its own depth. */
        private int end(int i) {
            int depth = 0;
            for (; i < tokens.size(); i++) {
                SqlToken token = tokens.get(i);
                if (token.is("(")) {
                    depth++;
                } else if (token.is(")")) {
                    if (depth-- == 0) {
                        return i;
                    }
                } else if (depth == 0 && (token.is(",") || token.is(";"))) {
                    return i;
                }
            }
            return i;
        }

        private boolean is(int i, String word) {
            return i >= 0 && i < tokens.size() && tokens.get(i).is(word);
        }
    }
}
