package dev.retort.autogenerate.diff;

import dev.retort.operation.Operation;
import java.util.List;

/**
 * The operations that turn one schema into another, and those that turn it back.
 *
 * <p>Applying {@code upgrade} to the current schema gives the desired one; applying {@code downgrade} to that
 * gives the current schema again. Both lists are ordered so that each operation finds what it needs.
 */
public record SchemaDiff(List<Change> upgrade, List<Change> downgrade) {
    public SchemaDiff {
        upgrade = List.copyOf(upgrade);
        downgrade = List.copyOf(downgrade);
    }

    /** Whether the two schemas are the same: nothing to do in either direction. */
    public boolean isEmpty() {
        return upgrade.isEmpty() && downgrade.isEmpty();
    }

    /** The upgrade's operations, in order. */
    public List<Operation> upgradeOperations() {
        return upgrade.stream().map(Change::operation).toList();
    }

    /** The downgrade's operations, in order. */
    public List<Operation> downgradeOperations() {
        return downgrade.stream().map(Change::operation).toList();
    }
}
