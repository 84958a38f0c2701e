package dev.retort.operation;

import dev.retort.RetortException;

/**
 * Drops an index.
 *
 * @param index the index's name, qualified with its table's schema unless the session finds it unqualified
 * @param concurrently drop without locking out the table; PostgreSQL refuses this inside a transaction
 */
public record DropIndex(QualifiedName index, boolean ifExists, boolean concurrently, boolean cascade)
        implements Operation {
    public DropIndex {
        Require.present(index, "the index to drop");
        if (concurrently && cascade) {
            throw new RetortException("Index " + index + " cannot be dropped both concurrently and with "
                    + "cascade, which PostgreSQL does not support; choose one.");
        }
    }

    @Override
    public boolean requiresAutocommit() {
        return concurrently;
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
