package dev.retort.operation;

import dev.retort.RetortException;
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
