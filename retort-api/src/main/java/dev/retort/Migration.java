package dev.retort;

import dev.retort.operation.Operations;

/**
 * One migration, written in Java: what {@link #upgrade} does and how {@link #downgrade} undoes it.
 *
 * <p>A migration does not touch the database itself. It describes its changes to {@code op}; Retort
 * renders them for the database, runs them in the migration's transaction together with the
 * version-table change, or prints them for {@code --sql}. The class carries its place in the
 * history in a {@link Revision} annotation.
 */
public interface Migration {
    void upgrade(Operations op);

    void downgrade(Operations op);
}
