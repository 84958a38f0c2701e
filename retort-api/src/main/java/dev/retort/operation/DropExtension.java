package dev.retort.operation;

/**
 * Removes an extension from the database; without {@code cascade} nothing outside the extension may use it (a
 * column of its type, an index with its operator class), so no data is lost by accident.
 *
 * @param ifCreatedByUpgrade in a downgrade, drop the extension only when the upgrade of the same revision created
 *        it: an upgrade's {@code CREATE EXTENSION IF NOT EXISTS} does nothing on a database that had the extension
 *        already (installed by a DBA, used by tables the migrations do not know), and its downgrade must not take
 *        away what was there before. A run decides by the catalog; elsewhere it is a plain {@code DROP EXTENSION}.
 */
public record DropExtension(String name, boolean ifExists, boolean cascade, boolean ifCreatedByUpgrade)
        implements Operation {
    public DropExtension {
        Require.name(name, "the extension to drop");
    }

    /** A drop whatever created the extension. */
    public DropExtension(String name, boolean ifExists, boolean cascade) {
        this(name, ifExists, cascade, false);
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
