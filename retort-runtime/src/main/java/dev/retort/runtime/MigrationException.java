package dev.retort.runtime;

import dev.retort.RetortException;

/** A migration's statement failed; the message names the revision, its file and the statement. */
public class MigrationException extends RetortException {
    private static final long serialVersionUID = 1L;

    private final boolean lockTimeout;

    public MigrationException(String message, Throwable cause) {
        this(message, cause, false);
    }

    MigrationException(String message, Throwable cause, boolean lockTimeout) {
        super(message, cause);
        this.lockTimeout = lockTimeout;
    }

    /** True when the step gave up waiting for a lock and nothing of it stayed applied, so it may be tried again. */
    public boolean retryable() {
        return lockTimeout;
    }
}
