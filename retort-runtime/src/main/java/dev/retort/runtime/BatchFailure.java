package dev.retort.runtime;

import java.sql.SQLException;

/**
 * A statement of a batch failed: the server's own error (its message and SQL state), with the position of the
 * statement in the batch, so the failure can name it as if it had been sent alone.
 */
final class BatchFailure extends SQLException {
    private static final long serialVersionUID = 1L;

    private final int index;

    BatchFailure(int index, SQLException cause) {
        super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
        this.index = index;
    }

    /** The position of the failed statement in the batch, from 0. */
    int index() {
        return index;
    }
}
