package dev.retort.operation;

import dev.retort.RetortException;
import java.util.ArrayList;
import java.util.List;

/**
 * Operations that run outside the migration's transaction, each committing on its own.
 *
 * <p>{@code op.autocommit(() -> ...)} records one. The runner commits the migration's transaction
 * before the block, runs the block's statements in autocommit mode, and opens a new transaction for
 * what follows. Use it for statements PostgreSQL refuses in a transaction block, or whose effect
 * later statements need committed (such as a new enum value).
 */
public record Autocommit(List<Operation> operations) implements Operation {
    public Autocommit {
        operations = List.copyOf(Require.present(operations, "the operations of an autocommit block"));
        for (Operation operation : operations) {
            if (operation instanceof Autocommit) {
                throw new RetortException("An autocommit block cannot contain another autocommit block; "
                        + "list its operations directly.");
            }
        }
    }

    /**
     * Returns {@code operations} with each autocommit block replaced by the operations it holds, for readers that
     * look at what a migration does rather than how it is committed. One pass is enough: blocks cannot nest.
     */
    public static List<Operation> flatten(List<Operation> operations) {
        List<Operation> flat = new ArrayList<>();
        for (Operation operation : operations) {
            if (operation instanceof Autocommit block) {
                flat.addAll(block.operations());
            } else {
                flat.add(operation);
            }
        }
        return flat;
    }

    /** Always true: the whole block runs outside a transaction. */
    @Override
    public boolean requiresAutocommit() {
        return true;
    }

    @Override
    public <R> R accept(OperationVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
