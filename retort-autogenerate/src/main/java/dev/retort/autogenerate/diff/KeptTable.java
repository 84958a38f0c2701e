package dev.retort.autogenerate.diff;

import dev.retort.operation.ColumnDef;
import dev.retort.operation.QualifiedName;
import dev.retort.schema.Table;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A table on both sides of a diff, with its columns sorted by what happens to them.
 *
 * <p>The sorting decides what else must be rebuilt: PostgreSQL drops the constraints and indexes of a dropped
 * (or dropped and re-added) column, refuses to retype a column a generated column reads, and re-checks foreign
 * keys over retyped columns.
 */
final class KeptTable {
    private final Table before;
    private final Table after;
    private final Map<String, ColumnDef> beforeColumns = new HashMap<>();
    private final Map<String, ColumnDef> afterColumns = new HashMap<>();
    private final Set<String> removed = new LinkedHashSet<>();
    private final Set<String> recreated = new LinkedHashSet<>();
    private final Set<String> retyped = new LinkedHashSet<>();
    private final Set<String> reshaped = new LinkedHashSet<>();
    private final Set<String> unstable = new LinkedHashSet<>();
    private final Set<String> retypedAbove;
    private final Set<String> droppedAlone;

    /**
     * @param before the table in the current schema, confirmed renames applied
     * @param after the table in the desired schema
     */
    KeptTable(Table before, Table after) {
        this(before, after, Set.of(), Set.of());
    }

    /**
     * @param before the table in the current schema, confirmed renames applied, as its parents' changes leave it
     *     ({@link ParentChanges})
     * @param after the table in the desired schema
     * @param retypedAbove the columns whose type its parents' changes set ({@link ParentChanges.Reached#retyped})
     * @param droppedAlone the columns it drops from itself alone, as a table that inherits from it keeps them
     */
    KeptTable(Table before, Table after, Set<String> retypedAbove, Set<String> droppedAlone) {
        this.before = before;
        this.after = after;
        this.retypedAbove = Set.copyOf(retypedAbove);
        this.droppedAlone = Set.copyOf(droppedAlone);
        after.columns().forEach(c -> afterColumns.put(c.name(), c));
        for (ColumnDef old : before.columns()) {
            beforeColumns.put(old.name(), old);
            ColumnDef column = afterColumns.get(old.name());
            if (column == null) {
                removed.add(old.name());
            } else if (regenerated(old, column)) {
                recreated.add(old.name());
            } else if (!old.type().equals(column.type())) {
                retyped.add(old.name());
            }
        }
        // A generated column that reads a retyped or dropped column must go first and come back after.
        Set<String> moving = new LinkedHashSet<>(retyped);
        moving.addAll(removed);
        for (ColumnDef old : before.columns()) {
            ColumnDef column = afterColumns.get(old.name());
            if (column != null && old.generatedExpression() != null && column.generatedExpression() != null
                    && !recreated.contains(old.name())
                    && ExpressionNames.mentions(old.generatedExpression(), moving)) {
                recreated.add(old.name());
                retyped.remove(old.name());
            }
        }
        reshaped.addAll(removed);
        reshaped.addAll(recreated);
        unstable.addAll(reshaped);
        unstable.addAll(retyped);
        unstable.addAll(retypedAbove);
    }

    /**
     * Whether a column must be dropped and added again: its generation expression changes, it changes between stored
     * and virtual, or a virtual one becomes ordinary. PostgreSQL alters none of these in place (it can set a new
     * expression since 17, but on a stored column that rewrites the table as an add does, and it cannot drop a
     * virtual column's expression).
     */
    private static boolean regenerated(ColumnDef old, ColumnDef column) {
        if (column.generatedExpression() == null) {
            return old.virtual();
        }
        return !column.generatedExpression().equals(old.generatedExpression()) || column.virtual() != old.virtual();
    }

    QualifiedName name() {
        return after.name();
    }

    Table before() {
        return before;
    }

    Table after() {
        return after;
    }

    /** The column of the current table named {@code name}, or null. */
    ColumnDef beforeColumn(String name) {
        return beforeColumns.get(name);
    }

    /** The column of the desired table named {@code name}, or null. */
    ColumnDef afterColumn(String name) {
        return afterColumns.get(name);
    }

    /** Columns that are dropped. */
    Set<String> removed() {
        return Collections.unmodifiableSet(removed);
    }

    /** Columns that are dropped and added again, because how they are generated changes. */
    Set<String> recreated() {
        return Collections.unmodifiableSet(recreated);
    }

    /** Columns whose type changes in place. */
    Set<String> retyped() {
        return Collections.unmodifiableSet(retyped);
    }

    /** Columns that are dropped or recreated: PostgreSQL drops whatever is built on them. */
    Set<String> reshaped() {
        return Collections.unmodifiableSet(reshaped);
    }

    /**
     * Columns whose type changes through its parents: PostgreSQL retypes them with the parent's, so that what is
     * built on them must be rebuilt as on a column of its own that is retyped.
     */
    Set<String> retypedAbove() {
        return retypedAbove;
    }

    /**
     * Dropped columns that it drops from itself alone ({@code ALTER TABLE ONLY ... DROP COLUMN}): a table that
     * inherits from it keeps them, with their data, as its own.
     */
    Set<String> droppedAlone() {
        return droppedAlone;
    }

    /** Columns that are dropped, recreated or retyped, here or through its parents. */
    Set<String> unstable() {
        return Collections.unmodifiableSet(unstable);
    }
}
