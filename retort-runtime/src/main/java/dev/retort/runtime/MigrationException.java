package dev.retort.runtime;

import dev.retort.RetortException;
import java.util.Optional;

/** A migration's statement failed; the message names the revision, its file and the statement. */
public class MigrationException extends RetortException {
    private static final long serialVersionUID = 1L;

    private final boolean lockTimeout;
    private final String statement;

    public MigrationException(String message, Throwable cause) {
        this(message, cause, false, null);
    }

    MigrationException(String message, Throwable cause, boolean lockTimeout, String statement) {
        super(message, cause);
        this.lockTimeout = lockTimeout;
        this.statement = statement;
    }

    /** The statement of the migration that failed, as it was sent; empty when the failure came after its statements. */
    public Optional<String> statement() {
        return Optional.ofNullable(statement);
    }

    /** True when the step gave up waiting for a lock and nothing of it stayed applied, so it may be tried again. */
    public boolean retryable() {
        return lockTimeout;
    }
}
