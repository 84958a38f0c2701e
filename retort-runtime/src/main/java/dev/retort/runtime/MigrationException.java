package dev.retort.runtime;

import dev.retort.RetortException;

/** A migration's statement failed; the message names the revision, its file and the statement. */
public class MigrationException extends RetortException {
    private static final long serialVersionUID = 1L;

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
