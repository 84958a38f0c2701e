package dev.retort.autogenerate.diff;

import dev.retort.operation.QualifiedName;

/**
 * Decides whether a table or column that disappears and one that appears are the same object, renamed.
 *
 * <p>A schema diff alone cannot tell a rename from a drop and an add, and guessing wrong either loses data or
 * renames the wrong thing. So the differ finds the candidates (a dropped and an added table with the same
 * columns; a dropped and an added column of one table with the same base type) and asks. Each question is asked once per diff, in a deterministic order, and the answer serves both the
 * upgrade and the downgrade. An implementation may prompt the user, read {@code --rename} options or
 * {@code @RenamedFrom} annotations.
 */
public interface Renames {
    /** Never a rename: every candidate becomes a drop and an add, with a warning on the drop. */
    Renames NONE = new Renames() {
        @Override
        public boolean tableRenamed(QualifiedName from, QualifiedName to) {
            return false;
        }

        @Override
        public boolean columnRenamed(QualifiedName table, String from, String to) {
            return false;
        }
    };

    /**
     * Whether table {@code from} of the current schema is table {@code to} of the desired one: renamed in its schema,
     * moved to another schema, or both.
     */
    boolean tableRenamed(QualifiedName from, QualifiedName to);

    /**
     * Whether the model itself renames table {@code from} to {@code to}, so that nobody is asked. Such a pair is
     * renamed even when its columns differ, if only by key columns named after the tables: an entity's collection
     * table and its join column ({@code author_aliases.author_id}) follow the entity's name, which may change
     * while its table's does not. Answered from what the model declares; the default declares nothing.
     */
    default boolean declared(QualifiedName from, QualifiedName to) {
        return false;
    }

    /**
     * Whether the model itself renames column {@code from} of table {@code table} (as the desired schema names it)
     * to {@code to}, so that nobody is asked; what pairs the columns of a table it {@linkplain #declared declares}
     * renamed. The default declares nothing.
     */
    default boolean declaredColumn(QualifiedName table, String from, String to) {
        return false;
    }

    /**
     * Whether column {@code from} of table {@code table} (as the desired schema names it) is said to become
     * {@code to} without a question, by the model or on the command line: a table whose columns differ from a
     * dropped table's by such renames alone pairs with it as a table rename. Asking nothing, it confirms nothing:
     * the pair is confirmed with {@link #columnRenamed} once the table is renamed. The default is
     * {@link #declaredColumn}.
     */
    default boolean namedColumn(QualifiedName table, String from, String to) {
        return declaredColumn(table, from, to);
    }

    /**
     * Whether table {@code from} may follow a renamed table to {@code to} without a question, as the differ would
     * have it (see {@code TableFollowers}); told, so that a {@code --rename} saying the same counts as applied, and
     * one saying otherwise wins. The default lets every follower follow.
     */
    default boolean mayFollow(QualifiedName from, QualifiedName to) {
        return true;
    }

    /**
     * Whether column {@code from} of the current schema is column {@code to} of the desired one.
     *
     * @param table the table as the desired schema names it (after any table rename)
     */
    boolean columnRenamed(QualifiedName table, String from, String to);
}
